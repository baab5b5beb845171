package org.iotplatform.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;

/** A route: telemetry matching {@link #condition()} goes to the endpoint; counts its deliveries. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern AMQP_ADDRESS = Pattern.compile("[A-Za-z0-9_.\\-/]{1,255}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 64, updatable = false)
    private String name;

    @Column(name = "rule_condition", nullable = false, length = 512)
    private String condition;

    @Column(name = "endpoint_type", nullable = false, length = 8)
    private String endpointType;

    @Column(name = "target", nullable = false, length = 1024)
    private String target;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "delivered", nullable = false)
    private long delivered;

    @Column(name = "failed_attempts", nullable = false)
    private long failedAttempts;

    @Column(name = "last_error", length = 512)
    private String lastError;

    @Column(name = "last_delivered_at")
    private Instant lastDeliveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RoutingRule() {}

    public RoutingRule(String name, String condition, EndpointType type, String target, boolean enabled, Instant now) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRuleException("name must be 1-64 of letters, digits, '_', '.', '-'");
        }
        this.name = name;
        this.createdAt = now;
        change(condition, type, target, enabled, now);
    }

    /** Validates everything before changing anything. */
    public void change(String newCondition, EndpointType type, String newTarget, boolean nowEnabled, Instant now) {
        RuleCondition parsed = RuleCondition.parse(newCondition);
        validTarget(type, newTarget);
        this.condition = parsed.text();
        this.endpointType = type.value();
        this.target = newTarget.trim();
        this.enabled = nowEnabled;
        this.updatedAt = now;
    }

    static void validTarget(EndpointType type, String target) {
        if (target == null || target.isBlank()) {
            throw new InvalidRuleException("target is required");
        }
        switch (type) {
            case HTTP -> {
                URI uri;
                try {
                    uri = URI.create(target.trim());
                } catch (IllegalArgumentException e) {
                    throw new InvalidRuleException("target is not a URL: " + e.getMessage());
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new InvalidRuleException("an http target is an http:// or https:// URL with a host");
                }
            }
            case AMQP -> {
                if (!AMQP_ADDRESS.matcher(target.trim()).matches()) {
                    throw new InvalidRuleException(
                            "an amqp target is an address of letters, digits, '_', '.', '-', '/'");
                }
            }
            case FILE -> {
                if (!target.trim().startsWith("/") || target.contains("..")) {
                    throw new InvalidRuleException("a file target is an absolute directory path without '..'");
                }
            }
        }
    }

    public void deliveredOne(Instant at) {
        delivered++;
        lastDeliveredAt = at;
    }

    public void failedOnce(String error) {
        failedAttempts++;
        lastError = error == null ? null : error.length() > 512 ? error.substring(0, 512) : error;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public RuleCondition condition() {
        return RuleCondition.parse(condition);
    }

    public EndpointType endpointType() {
        return EndpointType.of(endpointType);
    }

    public String target() {
        return target;
    }

    public boolean enabled() {
        return enabled;
    }

    public long delivered() {
        return delivered;
    }

    public long failedAttempts() {
        return failedAttempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastDeliveredAt() {
        return lastDeliveredAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
