package org.iotplatform.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of a telemetry message as the device protocol defines it (a UTF-8 JSON object of metrics
 * with numbers or booleans, an optional ISO-8601 {@code ts}), checked before an HTTP device gets its
 * answer: a device that can be told "400" at once is told, rather than its message being kept as
 * rejected later. The platform still checks everything (time window, retention) when it stores.
 */
final class TelemetryBody {

    private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private TelemetryBody() {}

    /** @return why the body is not a telemetry message, or {@code null} when it is one */
    static String problem(byte[] body) {
        if (body.length == 0) {
            return "empty body: expected a JSON object of metric values";
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return "not UTF-8 text";
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return "not JSON: " + abbreviate(e.getOriginalMessage());
        } catch (IOException e) {
            return "not JSON";
        }
        if (root == null || !root.isObject()) {
            return "not a JSON object"
                    + (root == null ? "" : " but " + root.getNodeType().name().toLowerCase());
        }
        int metrics = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            if ("ts".equals(name)) {
                if (!value.isTextual()) {
                    return "ts must be an ISO-8601 time string";
                }
                try {
                    Instant.parse(value.asText());
                } catch (DateTimeParseException e) {
                    return "ts is not an ISO-8601 UTC time (e.g. 2026-11-26T10:00:00Z)";
                }
                continue;
            }
            if (!METRIC.matcher(name).matches()) {
                return "metric name '" + abbreviate(name)
                        + "' not allowed: 1-64 of letters, digits, '_', '.', '-', not starting with a digit";
            }
            if (!value.isNumber() && !value.isBoolean()) {
                return "metric '" + abbreviate(name) + "' has a "
                        + value.getNodeType().name().toLowerCase() + " value; numbers and booleans only";
            }
            if (value.isNumber() && !Double.isFinite(value.asDouble())) {
                return "metric '" + abbreviate(name) + "' is not a finite number";
            }
            metrics++;
        }
        return metrics == 0 ? "no metric values in the message" : null;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
