package org.iotplatform.web.ui.alerts;

import java.util.Arrays;
import java.util.List;
import org.iotplatform.alerts.AlertState;

/** The alert states the worklist shows: active (open and acknowledged, the default), one state, or all. */
enum StateFilter {
    ACTIVE("Active", AlertState.OPEN, AlertState.ACKNOWLEDGED),
    OPEN("Open", AlertState.OPEN),
    ACKNOWLEDGED("Acknowledged", AlertState.ACKNOWLEDGED),
    CLEARED("Cleared", AlertState.CLEARED),
    ALL("All");

    private final String label;
    private final List<AlertState> states;

    StateFilter(String label, AlertState... states) {
        this.label = label;
        this.states = Arrays.asList(states);
    }

    String label() {
        return label;
    }

    /** The states to ask for, one query each; empty: every state in one query. */
    List<AlertState> states() {
        return states;
    }
}
