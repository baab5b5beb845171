package org.iotplatform.alerts;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.RuleCondition;

/**
 * A rule as an operator defines it, checked as a whole: a bad condition, severity, duration or
 * action is refused with the reason before anything is stored.
 *
 * @param actions the actions (a JSON array of {@link RuleAction}s), run once each time the rule raises an
 *     alert
 */
public record AlertRuleDefinition(
        String name,
        DeviceSelector devices,
        RuleCondition condition,
        Duration heldFor,
        Integer inARow,
        Severity severity,
        boolean enabled,
        String actions,
        Absence absence,
        WindowAggregate aggregate) {

    private static final Duration MAX_HELD_FOR = Duration.ofDays(7);

    public AlertRuleDefinition {
        if (name == null || name.isBlank()) {
            throw new InvalidAlertRuleException("name is required");
        }
        if (devices == null) {
            throw new InvalidAlertRuleException(
                    "devices is required: {\"deviceId\":\"...\"}, {\"tag\":\"name:value\"} or {\"all\":true}");
        }
        if ((condition == null) == (absence == null)) {
            throw new InvalidAlertRuleException(
                    "give a condition (e.g. \"temperature > 80\"), noTelemetryFor or disconnectedFor: exactly one");
        }
        if (absence != null && aggregate != null) {
            throw new InvalidAlertRuleException("an aggregate goes with a condition, not with an absence rule");
        }
        if (absence != null && (heldFor != null || inARow != null)) {
            throw new InvalidAlertRuleException("heldFor and inARow go with a condition, not with an absence rule");
        }
        if (heldFor != null && inARow != null) {
            throw new InvalidAlertRuleException("give heldFor or inARow, not both");
        }
        if (heldFor != null && (heldFor.isNegative() || heldFor.isZero() || heldFor.compareTo(MAX_HELD_FOR) > 0)) {
            throw new InvalidAlertRuleException("heldFor must be a positive duration of at most 7 days, e.g. PT2M");
        }
        if (inARow != null && (inARow < 1 || inARow > 10_000)) {
            throw new InvalidAlertRuleException("inARow must be between 1 and 10000");
        }
        if (severity == null) {
            throw new InvalidAlertRuleException("severity is required: critical, major, minor or warning");
        }
        actions = checkedActions(actions);
    }

    /** From the operator's words: a condition, a duration and a severity as text. */
    public static AlertRuleDefinition of(
            String name,
            DeviceSelector devices,
            String condition,
            String heldFor,
            Integer inARow,
            String severity,
            Boolean enabled,
            String actions) {
        return of(name, devices, condition, heldFor, inARow, severity, enabled, actions, null, null, null);
    }

    /**
     * The same, for any kind of rule: a condition (optionally over a window {@code aggregate}), or
     * {@code noTelemetryFor} / {@code disconnectedFor} (ISO-8601 durations such as {@code PT10M}) for an
     * absence rule.
     */
    public static AlertRuleDefinition of(
            String name,
            DeviceSelector devices,
            String condition,
            String heldFor,
            Integer inARow,
            String severity,
            Boolean enabled,
            String actions,
            String noTelemetryFor,
            String disconnectedFor,
            WindowAggregate aggregate) {
        if (noTelemetryFor != null && disconnectedFor != null) {
            throw new InvalidAlertRuleException("give noTelemetryFor or disconnectedFor, not both");
        }
        Absence absence = noTelemetryFor != null
                ? new Absence(Absence.Kind.TELEMETRY, duration("noTelemetryFor", noTelemetryFor))
                : disconnectedFor != null
                        ? new Absence(Absence.Kind.CONNECTION, duration("disconnectedFor", disconnectedFor))
                        : null;
        RuleCondition parsed = null;
        if (condition != null || absence == null) {
            try {
                parsed = RuleCondition.parse(condition);
            } catch (InvalidRuleException e) {
                throw new InvalidAlertRuleException("condition: " + e.getMessage());
            }
        }
        return new AlertRuleDefinition(
                name == null ? null : name.trim(),
                devices,
                parsed,
                duration("heldFor", heldFor),
                inARow,
                Severity.of(severity),
                enabled == null || enabled,
                actions,
                absence,
                aggregate);
    }

    private static Duration duration(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidAlertRuleException(field + " is not an ISO-8601 duration such as PT2M: '" + text + "'");
        }
    }

    private static String checkedActions(String actions) {
        if (actions == null || actions.isBlank()) {
            return "[]";
        }
        if (actions.length() > 4000) {
            throw new InvalidAlertRuleException("actions are longer than 4000 characters");
        }
        List<RuleAction> checked = RuleAction.parse(actions);
        return checked.stream().map(a -> a.spec().toString()).collect(Collectors.joining(",", "[", "]"));
    }
}
