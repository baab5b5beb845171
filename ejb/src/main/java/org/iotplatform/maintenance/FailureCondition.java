package org.iotplatform.maintenance;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.routing.RuleCondition;
import org.iotplatform.telemetry.TelemetryMessage;

/**
 * When a run-to-failure history failed: at its last record, or at the first record where a condition
 * holds (e.g. {@code fault > 0}). {@link #parse} reads the model definition's {@code "failure"} field.
 */
public final class FailureCondition {

    /** The device failed at its last record (the history stops at the failure). */
    public static final FailureCondition LAST_RECORD = new FailureCondition("last", null);

    private final String text;
    private final Predicate<HistoryRow> failed;

    private FailureCondition(String text, Predicate<HistoryRow> failed) {
        this.text = text;
        this.failed = failed;
    }

    /** The first record where {@code failed} holds; {@code text} only names it. */
    public static FailureCondition when(String text, Predicate<HistoryRow> failed) {
        return new FailureCondition(text, Objects.requireNonNull(failed, "failed"));
    }

    /** The first record that meets a condition in the rules' language (metrics only: no device or properties). */
    public static FailureCondition when(RuleCondition condition) {
        // The condition reads metrics; the device id and message id are not part of a history row.
        DeviceId anyDevice = new DeviceId("history");
        return when(
                condition.text(),
                row -> condition.test(
                        new TelemetryMessage(anyDevice, "", row.timestamp(), row.timestamp(), row.values()), Map.of()));
    }

    /** {@code "last"}, or a condition such as {@code fault > 0}. */
    public static FailureCondition parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("last")) {
            return LAST_RECORD;
        }
        return when(RuleCondition.parse(t));
    }

    /**
     * The index of the failure record, or empty when the condition never holds (the device has not failed
     * yet: its history is no run-to-failure example).
     */
    public OptionalInt indexIn(DeviceHistory history) {
        if (history.size() == 0) {
            return OptionalInt.empty();
        }
        if (failed == null) {
            return OptionalInt.of(history.size() - 1);
        }
        for (int i = 0; i < history.size(); i++) {
            if (failed.test(history.row(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
