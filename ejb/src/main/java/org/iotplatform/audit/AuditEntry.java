package org.iotplatform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One recorded operator or system action. Immutable once written. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, length = 64, updatable = false)
    private String actor;

    @Column(name = "action", nullable = false, length = 64, updatable = false)
    private String action;

    @Column(name = "target", length = 255, updatable = false)
    private String target;

    @Column(name = "detail", length = 1000, updatable = false)
    private String detail;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(Instant occurredAt, String actor, String action, String target, String detail) {
        this.occurredAt = occurredAt;
        this.actor = clip(actor, 64);
        this.action = clip(action, 64);
        this.target = clip(target, 255);
        this.detail = clip(detail, 1000);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String detail() {
        return detail;
    }
}
