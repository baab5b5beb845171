package org.iotplatform.alerts;

import jakarta.json.JsonArray;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;

/**
 * A rule as the API shows it.
 *
 * @param devices {@code {"deviceId":..}}, {@code {"tag":"name:value"}} or {@code {"all":true}} as a record
 * @param actions the actions as given, a JSON array
 * @param condition null for an absence rule, which has {@code noTelemetryFor} or {@code disconnectedFor}
 */
public record RuleView(
        long id,
        String name,
        Devices devices,
        String condition,
        String heldFor,
        Integer inARow,
        String severity,
        boolean enabled,
        JsonArray actions,
        Instant createdAt,
        Instant updatedAt,
        String noTelemetryFor,
        String disconnectedFor,
        Aggregate aggregate) {

    /** The window a condition reads, as given: {@code {"function":"avg","window":"PT5M","mode":"sliding"}}. */
    public record Aggregate(String function, String window, String mode) {}

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Exactly one field is set. */
    public record Devices(String deviceId, String tag, Boolean all) {}

    static RuleView of(AlertRule r) {
        DeviceSelector d = r.devices();
        return new RuleView(
                r.id(),
                r.name(),
                new Devices(d.deviceId(), d.tag(), d.all() ? Boolean.TRUE : null),
                r.condition() == null ? null : r.condition().text(),
                r.heldFor() == null ? null : r.heldFor().toString(),
                r.inARow(),
                r.severity().value(),
                r.enabled(),
                JSON.createReader(new StringReader(r.actions())).readArray(),
                r.createdAt(),
                r.updatedAt(),
                r.absence() != null && r.absence().kind() == Absence.Kind.TELEMETRY
                        ? r.absence().after().toString()
                        : null,
                r.absence() != null && r.absence().kind() == Absence.Kind.CONNECTION
                        ? r.absence().after().toString()
                        : null,
                r.aggregate() == null
                        ? null
                        : new Aggregate(
                                r.aggregate().function().value(),
                                r.aggregate().window().toString(),
                                r.aggregate().mode()));
    }
}
