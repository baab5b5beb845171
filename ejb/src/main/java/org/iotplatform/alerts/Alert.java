package org.iotplatform.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An alert a rule raised for a device. Active while {@code activeKey} is set: the database lets only
 * one alert per (rule, device) carry it. The evaluation writes alerts with plain SQL (see
 * {@link AlertRepository}); operators' actions go through this entity.
 */
@Entity
@Table(name = "alert")
public class Alert {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "rule_id")
    private Long ruleId;

    @Column(name = "rule_name", nullable = false, length = 64)
    private String ruleName;

    @Column(name = "device_id", nullable = false, length = 128)
    private String deviceId;

    @Column(name = "severity", nullable = false, length = 8)
    private String severity;

    @Column(name = "active_key", length = 160)
    private String activeKey;

    @Column(name = "acknowledged", nullable = false)
    private boolean acknowledged;

    @Column(name = "match_count", nullable = false)
    private long count;

    @Column(name = "last_value", length = 1000)
    private String lastValue;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    @Column(name = "last_at", nullable = false)
    private Instant lastAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 64)
    private String acknowledgedBy;

    @Column(name = "cleared_at")
    private Instant clearedAt;

    @Column(name = "cleared_by", length = 64)
    private String clearedBy;

    @Column(name = "assigned_to", length = 64)
    private String assignedTo;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Alert() {}

    /** The value of {@code active_key} for an active alert of this rule on this device. */
    public static String activeKey(long ruleId, String deviceId) {
        return ruleId + ":" + deviceId;
    }

    /** @return whether this changed anything */
    public boolean acknowledge(String by, Instant at) {
        if (acknowledged) {
            return false;
        }
        acknowledged = true;
        acknowledgedBy = by;
        acknowledgedAt = at;
        return true;
    }

    /** @return whether this changed anything (a cleared alert stays as it was cleared) */
    public boolean clear(String by, Instant at) {
        if (activeKey == null) {
            return false;
        }
        activeKey = null;
        clearedBy = by;
        clearedAt = at;
        return true;
    }

    /** @return whether this changed anything ({@code null}: nobody) */
    public boolean assign(String operator) {
        if (java.util.Objects.equals(assignedTo, operator)) {
            return false;
        }
        assignedTo = operator;
        return true;
    }

    public String assignedTo() {
        return assignedTo;
    }

    public Long id() {
        return id;
    }

    public Long ruleId() {
        return ruleId;
    }

    public String ruleName() {
        return ruleName;
    }

    public String deviceId() {
        return deviceId;
    }

    public Severity severity() {
        return Severity.of(severity);
    }

    public boolean active() {
        return activeKey != null;
    }

    public boolean acknowledged() {
        return acknowledged;
    }

    public AlertState state() {
        return !active() ? AlertState.CLEARED : acknowledged ? AlertState.ACKNOWLEDGED : AlertState.OPEN;
    }

    public long count() {
        return count;
    }

    public String lastValue() {
        return lastValue;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public Instant lastAt() {
        return lastAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant clearedAt() {
        return clearedAt;
    }

    public String clearedBy() {
        return clearedBy;
    }
}
