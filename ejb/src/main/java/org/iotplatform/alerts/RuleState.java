package org.iotplatform.alerts;

import java.time.Instant;

/**
 * Where a rule stands for one device: how many matching messages in a row, since when the condition
 * holds, the newest message judged, and whether its alert is active. Kept in the database, so it
 * survives a restart; changed only by {@link RuleCheck#evaluate}.
 */
public final class RuleState {

    int consecutive;
    Instant heldSince;
    Instant lastMessageAt;
    boolean alertActive;
    /** A tumbling window rule: the end of the last window judged. */
    Instant windowEnd;

    public RuleState() {}

    public RuleState(int consecutive, Instant heldSince, Instant lastMessageAt, boolean alertActive) {
        this.consecutive = consecutive;
        this.heldSince = heldSince;
        this.lastMessageAt = lastMessageAt;
        this.alertActive = alertActive;
    }

    public int consecutive() {
        return consecutive;
    }

    public Instant heldSince() {
        return heldSince;
    }

    public Instant lastMessageAt() {
        return lastMessageAt;
    }

    public Instant windowEnd() {
        return windowEnd;
    }

    public void windowEnd(Instant end) {
        this.windowEnd = end;
    }

    public boolean alertActive() {
        return alertActive;
    }
}
