package org.iotplatform.web.ui.alerts;

import java.time.Instant;
import java.util.Comparator;
import org.iotplatform.alerts.AlertState;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.web.ui.components.SeverityBadge;

/** The worklist's order: open before acknowledged before cleared, then worst severity first, then newest first. */
final class AlertOrder {

    static final Comparator<AlertView> WORKLIST = Comparator.comparingInt((AlertView a) -> stateRank(a.state()))
            .thenComparingInt(a -> SeverityBadge.rank(a.severity()))
            .thenComparing(AlertView::raisedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Comparator.comparingLong(AlertView::id).reversed());

    private AlertOrder() {}

    /** 0 open, 1 acknowledged, 2 cleared; anything else last. */
    static int stateRank(String state) {
        for (AlertState s : AlertState.values()) {
            if (s.value().equals(state)) {
                return s.ordinal();
            }
        }
        return AlertState.values().length;
    }
}
