package org.iotplatform.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One action of one raise of an alert and how far it got: pending (due at {@code nextAttemptAt}),
 * done, or failed after the last attempt. Queued with the raise (plain SQL in the ingest
 * transaction); {@link AlertActions} carries it out.
 */
@Entity
@Table(name = "alert_action")
public class AlertAction {

    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "alert_id", nullable = false, updatable = false)
    private long alertId;

    @Column(name = "ordinal", nullable = false, updatable = false)
    private int ordinal;

    @Column(name = "type", nullable = false, length = 16, updatable = false)
    private String type;

    @Column(name = "spec", nullable = false, length = 4000, updatable = false)
    private String spec;

    @Column(name = "state", nullable = false, length = 8)
    private String state;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "outcome", length = 1000)
    private String outcome;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected AlertAction() {}

    /** The action as the rule gave it. */
    public RuleAction action() {
        return RuleAction.parse("[" + spec + "]").get(0);
    }

    void done(String what, Instant at) {
        attempts++;
        state = DONE;
        outcome = shorten(what);
        finishedAt = at;
        claimedUntil = null;
    }

    /**
     * A failed attempt: tried again after {@code firstDelay} doubled per attempt (at most
     * {@code maxDelay}), unless this was the last.
     *
     * @return whether it gave up
     */
    boolean failed(String reason, Instant at, int maxAttempts, Duration firstDelay, Duration maxDelay) {
        attempts++;
        outcome = shorten(reason);
        claimedUntil = null;
        if (attempts >= maxAttempts) {
            state = FAILED;
            finishedAt = at;
            return true;
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempts - 1, 20));
        nextAttemptAt = at.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        return false;
    }

    /** An operator asks for another try of a failed action. */
    boolean retry(Instant at) {
        if (!FAILED.equals(state)) {
            return false;
        }
        state = PENDING;
        attempts = 0;
        nextAttemptAt = at;
        finishedAt = null;
        return true;
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    public Long id() {
        return id;
    }

    public long alertId() {
        return alertId;
    }

    public int ordinal() {
        return ordinal;
    }

    public String type() {
        return type;
    }

    public String state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String outcome() {
        return outcome;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** As the API shows it on its alert. */
    public record View(
            long id,
            String type,
            String description,
            String state,
            int attempts,
            String outcome,
            Instant nextAttemptAt,
            Instant finishedAt) {

        static List<View> of(List<AlertAction> actions) {
            return actions.stream()
                    .map(a -> new View(
                            a.id(),
                            a.type(),
                            a.action().describe(),
                            a.state(),
                            a.attempts(),
                            a.outcome(),
                            PENDING.equals(a.state()) ? a.nextAttemptAt() : null,
                            a.finishedAt()))
                    .toList();
        }
    }
}
