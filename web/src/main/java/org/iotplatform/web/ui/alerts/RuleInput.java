package org.iotplatform.web.ui.alerts;

import org.iotplatform.alerts.AlertRuleDefinition;
import org.iotplatform.alerts.DeviceSelector;
import org.iotplatform.alerts.InvalidAlertRuleException;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.alerts.WindowAggregate;

/**
 * A rule as the form holds it. It becomes a definition the way the API's does ({@link
 * AlertRuleDefinition#of}, {@link DeviceSelector}), so the form and the API refuse the same things
 * with the same reasons.
 *
 * @param devicesValue the device id or the {@code name:value} tag; ignored for all devices
 * @param heldFor      an ISO-8601 duration such as {@code PT2M}; only with {@link Timing#HELD_FOR}
 * @param inARow       how many readings in a row; only with {@link Timing#IN_A_ROW}
 * @param actions      a JSON array of actions, blank for none
 * @param noTelemetryFor  kept from the stored rule (the form does not edit absence rules' waits yet)
 * @param disconnectedFor kept from the stored rule
 * @param aggregate       kept from the stored rule (the form does not edit windows yet)
 */
record RuleInput(
        String name,
        Devices devices,
        String devicesValue,
        String condition,
        Timing timing,
        String heldFor,
        Integer inARow,
        String severity,
        boolean enabled,
        String actions,
        String noTelemetryFor,
        String disconnectedFor,
        RuleView.Aggregate aggregate) {

    /** A rule with a condition on single readings, as the form makes it. */
    RuleInput(
            String name,
            Devices devices,
            String devicesValue,
            String condition,
            Timing timing,
            String heldFor,
            Integer inARow,
            String severity,
            boolean enabled,
            String actions) {
        this(
                name,
                devices,
                devicesValue,
                condition,
                timing,
                heldFor,
                inARow,
                severity,
                enabled,
                actions,
                null,
                null,
                null);
    }

    /** The same values with what the form does not edit taken from {@code kept}. */
    RuleInput keeping(RuleInput kept) {
        return kept == null
                ? this
                : new RuleInput(
                        name,
                        devices,
                        devicesValue,
                        condition,
                        timing,
                        heldFor,
                        inARow,
                        severity,
                        enabled,
                        actions,
                        kept.noTelemetryFor,
                        kept.disconnectedFor,
                        kept.aggregate);
    }

    /** Which devices the rule watches. */
    enum Devices {
        DEVICE("One device"),
        TAG("Devices with a tag"),
        ALL("All devices");

        final String label;

        Devices(String label) {
            this.label = label;
        }
    }

    /** When a matching reading raises the alert. */
    enum Timing {
        AT_ONCE("At once"),
        HELD_FOR("Held for a time"),
        IN_A_ROW("Readings in a row");

        final String label;

        Timing(String label) {
            this.label = label;
        }
    }

    /** The form's values for an existing rule. */
    static RuleInput of(RuleView rule) {
        RuleView.Devices d = rule.devices();
        Devices devices = d.deviceId() != null ? Devices.DEVICE : d.tag() != null ? Devices.TAG : Devices.ALL;
        Timing timing =
                rule.heldFor() != null ? Timing.HELD_FOR : rule.inARow() != null ? Timing.IN_A_ROW : Timing.AT_ONCE;
        return new RuleInput(
                rule.name(),
                devices,
                d.deviceId() != null ? d.deviceId() : d.tag(),
                rule.condition(),
                timing,
                rule.heldFor(),
                rule.inARow(),
                rule.severity(),
                rule.enabled(),
                rule.actions() == null || rule.actions().isEmpty()
                        ? ""
                        : rule.actions().toString(),
                rule.noTelemetryFor(),
                rule.disconnectedFor(),
                rule.aggregate());
    }

    RuleInput withEnabled(boolean on) {
        return new RuleInput(
                name,
                devices,
                devicesValue,
                condition,
                timing,
                heldFor,
                inARow,
                severity,
                on,
                actions,
                noTelemetryFor,
                disconnectedFor,
                aggregate);
    }

    /** The checked definition; {@link InvalidAlertRuleException} with the reason when it cannot be one. */
    AlertRuleDefinition definition() {
        if (devices == null) {
            throw new InvalidAlertRuleException("choose which devices the rule watches");
        }
        DeviceSelector selector = switch (devices) {
            case DEVICE -> DeviceSelector.device(trimmed(devicesValue));
            case TAG -> DeviceSelector.tag(trimmed(devicesValue));
            case ALL -> DeviceSelector.allDevices();
        };
        Timing when = timing == null ? Timing.AT_ONCE : timing;
        if (when == Timing.IN_A_ROW && inARow == null) {
            throw new InvalidAlertRuleException("give how many readings in a row raise the alert");
        }
        boolean absence = noTelemetryFor != null || disconnectedFor != null;
        return AlertRuleDefinition.of(
                name,
                selector,
                absence && (condition == null || condition.isBlank()) ? null : condition,
                when == Timing.HELD_FOR ? trimmed(heldFor) : null,
                when == Timing.IN_A_ROW ? inARow : null,
                severity,
                enabled,
                actions == null || actions.isBlank() ? null : actions.trim(),
                noTelemetryFor,
                disconnectedFor,
                aggregate == null
                        ? null
                        : WindowAggregate.of(aggregate.function(), aggregate.window(), aggregate.mode()));
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }
}
