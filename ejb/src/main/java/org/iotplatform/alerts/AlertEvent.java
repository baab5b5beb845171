package org.iotplatform.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of an alert's history: who did what, when. Immutable once written. */
@Entity
@Table(name = "alert_event")
public class AlertEvent {

    /** The actor of what the rules do by themselves. */
    public static final String SYSTEM = "system";

    public static final String RAISED = "raised";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String COMMENTED = "commented";
    public static final String CLEARED = "cleared";
    public static final String ASSIGNED = "assigned";
    /** An action of the rule was carried out (what it did in the detail). */
    public static final String ACTION = "action";
    /** An action was given up after its last attempt. */
    public static final String ACTION_FAILED = "action-failed";

    public static final String ACTION_RETRIED = "action-retried";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "alert_id", nullable = false, updatable = false)
    private long alertId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, length = 64, updatable = false)
    private String actor;

    @Column(name = "kind", nullable = false, length = 16, updatable = false)
    private String kind;

    @Column(name = "detail", length = 1000, updatable = false)
    private String detail;

    protected AlertEvent() {}

    public AlertEvent(long alertId, Instant occurredAt, String actor, String kind, String detail) {
        this.alertId = alertId;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.kind = kind;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    public long alertId() {
        return alertId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}
