package org.iotplatform.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.iotplatform.routing.RuleCondition;

/** An operator's rule: when the condition holds on a watched device (long enough), raise an alert. */
@Entity
@Table(name = "alert_rule")
public class AlertRule {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\- ]{1,64}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 64)
    private String name;

    @Column(name = "device_id", length = 128)
    private String deviceId;

    @Column(name = "tag_name", length = 64)
    private String tagName;

    @Column(name = "tag_value", length = 256)
    private String tagValue;

    @Column(name = "all_devices", nullable = false)
    private boolean allDevices;

    /** Null for an absence rule. */
    @Column(name = "rule_condition", length = 512)
    private String condition;

    /** {@code telemetry} or {@code connection} for an absence rule, else null. */
    @Column(name = "absence", length = 16)
    private String absence;

    @Column(name = "absence_ms")
    private Long absenceMillis;

    /** {@code avg}, {@code min}, {@code max} or {@code count} when the condition reads a window. */
    @Column(name = "aggregate_function", length = 8)
    private String aggregateFunction;

    @Column(name = "aggregate_window_ms")
    private Long aggregateWindowMillis;

    @Column(name = "aggregate_tumbling", nullable = false)
    private boolean aggregateTumbling;

    @Column(name = "held_for_ms")
    private Long heldForMillis;

    @Column(name = "in_a_row")
    private Integer inARow;

    @Column(name = "severity", nullable = false, length = 8)
    private String severity;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "actions", nullable = false, length = 4000)
    private String actions;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AlertRule() {}

    public AlertRule(AlertRuleDefinition definition, Instant now) {
        this.createdAt = now;
        change(definition, now);
    }

    /** Takes a definition already checked by {@link AlertRuleDefinition}'s constructor. */
    public void change(AlertRuleDefinition d, Instant now) {
        if (!NAME.matcher(d.name()).matches()) {
            throw new InvalidAlertRuleException("name must be 1-64 of letters, digits, spaces, '_', '.', '-'");
        }
        this.name = d.name();
        this.deviceId = d.devices().deviceId();
        this.tagName = d.devices().tagName();
        this.tagValue = d.devices().tagValue();
        this.allDevices = d.devices().all();
        this.condition = d.condition() == null ? null : d.condition().text();
        this.absence = d.absence() == null ? null : d.absence().kind().value();
        this.absenceMillis = d.absence() == null ? null : d.absence().after().toMillis();
        this.aggregateFunction =
                d.aggregate() == null ? null : d.aggregate().function().value();
        this.aggregateWindowMillis =
                d.aggregate() == null ? null : d.aggregate().window().toMillis();
        this.aggregateTumbling = d.aggregate() != null && d.aggregate().tumbling();
        this.heldForMillis = d.heldFor() == null ? null : d.heldFor().toMillis();
        this.inARow = d.inARow();
        this.severity = d.severity().value();
        this.enabled = d.enabled();
        this.actions = d.actions();
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public DeviceSelector devices() {
        return new DeviceSelector(deviceId, tagName, tagValue, allDevices);
    }

    /** Null for an absence rule. */
    public RuleCondition condition() {
        return condition == null ? null : RuleCondition.parse(condition);
    }

    /** Null when the condition reads single messages. */
    public WindowAggregate aggregate() {
        return aggregateFunction == null
                ? null
                : new WindowAggregate(
                        WindowAggregate.Function.valueOf(aggregateFunction.toUpperCase(java.util.Locale.ROOT)),
                        Duration.ofMillis(aggregateWindowMillis),
                        aggregateTumbling);
    }

    /** Null for a condition rule. */
    public Absence absence() {
        return absence == null ? null : new Absence(Absence.Kind.of(absence), Duration.ofMillis(absenceMillis));
    }

    public Duration heldFor() {
        return heldForMillis == null ? null : Duration.ofMillis(heldForMillis);
    }

    public Integer inARow() {
        return inARow;
    }

    public Severity severity() {
        return Severity.of(severity);
    }

    public boolean enabled() {
        return enabled;
    }

    public String actions() {
        return actions;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public RuleCheck check() {
        return new RuleCheck(
                id,
                name,
                devices(),
                condition(),
                heldFor(),
                inARow,
                severity(),
                RuleAction.parse(actions),
                absence(),
                aggregate());
    }
}
