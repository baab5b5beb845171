package org.iotplatform.alerts;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Locale;

/** What a notification says about an alert: an e-mail's subject and text, a webhook's JSON. */
public record AlertNotice(String subject, String text, String json) {

    private static final JsonProvider JSON = JsonProvider.provider(); // looked up once: see TelemetryPolicy

    public static AlertNotice of(AlertView a) {
        String subject = "[" + a.severity().toUpperCase(Locale.ROOT) + "] " + a.rule() + " on " + a.deviceId();
        String text = "Rule \"" + a.rule() + "\" raised a " + a.severity() + " alert for device " + a.deviceId()
                + ".\n\nLast value: " + a.lastValue()
                + "\nRaised at: " + a.raisedAt()
                + "\nAlert: " + a.id()
                + "\n\nAcknowledge or clear it in the dashboard (Alerts) or with POST /api/v1/alerts/" + a.id()
                + "/ack.\n";
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("event", "alert.raised")
                .add("alertId", a.id())
                .add("deviceId", a.deviceId())
                .add("rule", a.rule())
                .add("severity", a.severity())
                .add("state", a.state())
                .add("raisedAt", a.raisedAt().toString());
        if (a.lastValue() != null) {
            json.add("lastValue", a.lastValue());
        }
        return new AlertNotice(subject, text, json.build().toString());
    }
}
