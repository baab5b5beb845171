package org.iotplatform.alerts;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One thing a rule does when it raises an alert, as the operator wrote it (a JSON object with a
 * {@code type}), checked when the rule is saved so a run never meets a malformed action:
 * <ul>
 * <li>{@code message}: a cloud-to-device message, {@code payload} any JSON;
 * <li>{@code method}: a direct method {@code name} with an optional {@code payload} and
 *     {@code timeoutSeconds} (5-300, default 30);
 * <li>{@code desired}: a desired-properties patch, {@code properties} an object;
 * <li>{@code email}: {@code to}, a list of addresses;
 * <li>{@code webhook}: {@code url}, http or https;
 * <li>{@code workorder}: an optional {@code title}.
 * </ul>
 */
public record RuleAction(Type type, JsonObject spec) {

    public enum Type {
        MESSAGE,
        METHOD,
        DESIRED,
        EMAIL,
        WEBHOOK,
        WORKORDER;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Sent to the device the alert is about. */
        public boolean feedback() {
            return this == MESSAGE || this == METHOD || this == DESIRED;
        }

        static Type of(String text) {
            for (Type t : values()) {
                if (t.value().equals(text)) {
                    return t;
                }
            }
            throw new InvalidAlertRuleException(
                    "action type '" + text + "' is not one of message, method, desired, email, webhook, workorder");
        }
    }

    public static final int MAX_ACTIONS = 10;
    private static final JsonProvider JSON = JsonProvider.provider(); // looked up once: see TelemetryPolicy
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_\\-.:]{1,100}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.\\-]{1,190}");

    public RuleAction {
        switch (type) {
            case METHOD -> {
                if (!(spec.get("name") instanceof JsonString n)
                        || !METHOD_NAME.matcher(n.getString()).matches()) {
                    throw invalid("a method action needs a \"name\" of 1-100 letters, digits, '_', '-', '.', ':'");
                }
                if (spec.containsKey("timeoutSeconds")) {
                    if (!(spec.get("timeoutSeconds") instanceof JsonNumber t)
                            || !t.isIntegral()
                            || t.intValue() < 5
                            || t.intValue() > 300) {
                        throw invalid("a method action's timeoutSeconds is a whole number from 5 to 300");
                    }
                }
            }
            case DESIRED -> {
                if (!(spec.get("properties") instanceof JsonObject p) || p.isEmpty()) {
                    throw invalid("a desired action needs \"properties\", a non-empty object");
                }
            }
            case EMAIL -> {
                if (!(spec.get("to") instanceof JsonArray to) || to.isEmpty() || to.size() > 20) {
                    throw invalid("an email action needs \"to\", a list of 1-20 addresses");
                }
                for (JsonValue v : to) {
                    if (!(v instanceof JsonString s)
                            || !ADDRESS.matcher(s.getString()).matches()) {
                        throw invalid("an email action's \"to\" holds addresses such as ops@example.com, not " + v);
                    }
                }
            }
            case WEBHOOK -> {
                if (!(spec.get("url") instanceof JsonString u)) {
                    throw invalid("a webhook action needs a \"url\"");
                }
                try {
                    URI uri = new URI(u.getString());
                    if (!uri.isAbsolute()
                            || uri.getHost() == null
                            || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                        throw invalid("a webhook action's url is an absolute http or https URL");
                    }
                } catch (URISyntaxException e) {
                    throw invalid("a webhook action's url is not a URL: " + e.getMessage());
                }
            }
            case WORKORDER -> {
                if (spec.containsKey("title") && !(spec.get("title") instanceof JsonString)) {
                    throw invalid("a workorder action's title is text");
                }
            }
            case MESSAGE -> {}
        }
    }

    /** The actions of a rule from their JSON text (an array), each checked. */
    public static List<RuleAction> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonArray list;
        try {
            list = JSON.createReader(new StringReader(json)).readArray();
        } catch (JsonException | IllegalStateException e) {
            throw invalid("actions must be a JSON array of {\"type\":...} objects");
        }
        if (list.size() > MAX_ACTIONS) {
            throw invalid("a rule has at most " + MAX_ACTIONS + " actions");
        }
        List<RuleAction> actions = new ArrayList<>();
        for (JsonValue v : list) {
            if (!(v instanceof JsonObject o) || !(o.get("type") instanceof JsonString type)) {
                throw invalid("each action is an object with a \"type\"");
            }
            actions.add(new RuleAction(Type.of(type.getString()), o));
        }
        return List.copyOf(actions);
    }

    public String text(String field) {
        return spec.get(field) instanceof JsonString s ? s.getString() : null;
    }

    /** A field as JSON text, {@code null} when absent. */
    public String json(String field) {
        JsonValue v = spec.get(field);
        return v == null ? null : v.toString();
    }

    public List<String> texts(String field) {
        return spec.get(field) instanceof JsonArray a
                ? a.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : List.of();
    }

    public int number(String field, int otherwise) {
        return spec.get(field) instanceof JsonNumber n ? n.intValue() : otherwise;
    }

    /** What the action does, in a few words for the alert's history. */
    public String describe() {
        return switch (type) {
            case MESSAGE -> "message to the device";
            case METHOD -> "method " + text("name");
            case DESIRED -> "desired properties " + json("properties");
            case EMAIL -> "e-mail to " + String.join(", ", texts("to"));
            case WEBHOOK -> "webhook " + text("url");
            case WORKORDER -> "work order" + (text("title") == null ? "" : " \u201c" + text("title") + "\u201d");
        };
    }

    private static InvalidAlertRuleException invalid(String reason) {
        return new InvalidAlertRuleException("actions: " + reason);
    }
}
