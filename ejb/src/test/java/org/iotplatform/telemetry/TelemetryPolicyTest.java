package org.iotplatform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.iotplatform.registry.DeviceId;
import org.junit.jupiter.api.Test;

class TelemetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final TelemetryPolicy policy = TelemetryPolicy.standard();

    private static IncomingTelemetry message(String json, String mid) {
        return message(json.getBytes(StandardCharsets.UTF_8), mid);
    }

    private static IncomingTelemetry message(byte[] payload, String mid) {
        return new IncomingTelemetry(
                new DeviceId("pump-001"), Optional.ofNullable(mid), payload, NOW, "devices/pump-001/messages/events/");
    }

    private String reason(String json) {
        return assertThrows(RejectedTelemetryException.class, () -> policy.check(message(json, "m"), NOW))
                .getMessage();
    }

    @Test
    void numbersAndBooleansWithAnOptionalTimestampAreAccepted() throws Exception {
        TelemetryMessage m = policy.check(
                message(
                        "{\"ts\":\"2026-11-26T09:59:00Z\",\"temperature\":71.3,\"pressure\":3,\"alarm\":true,\"door\":false}",
                        "m-1"),
                NOW);
        assertEquals(Instant.parse("2026-11-26T09:59:00Z"), m.timestamp());
        assertEquals(Map.of("temperature", 71.3, "pressure", 3.0, "alarm", 1.0, "door", 0.0), m.values());
        assertEquals("m-1", m.messageId());
        TelemetryMessage serverTime = policy.check(message("{\"flow\":12.5}", null), NOW);
        assertEquals(NOW, serverTime.timestamp());
        assertTrue(serverTime.messageId().startsWith("gen-"));
    }

    @Test
    void everyKindOfBadInputIsRefusedWithItsReason() {
        assertTrue(reason("temperature=71").startsWith("not JSON"));
        assertTrue(reason("{\"t\":NaN}").startsWith("not JSON"));
        assertTrue(reason("[1,2,3]").startsWith("not a JSON object"));
        assertTrue(reason("42").startsWith("not a JSON object"));
        assertTrue(reason("{\"t\":\"hot\"}").contains("has a string value"));
        assertTrue(reason("{\"t\":{\"a\":1}}").contains("has a object value"));
        assertTrue(reason("{\"t\":null}").contains("has a null value"));
        assertTrue(reason("{\"t\":1e999}").contains("not a finite number"));
        assertTrue(reason("{\"9lives\":1}").contains("not allowed"));
        assertTrue(reason("{\"bad name\":1}").contains("not allowed"));
        assertTrue(reason("{}").contains("no metric values"));
        assertTrue(reason("{\"ts\":\"2026-11-26T11:00:00Z\",\"t\":1}").contains("in the future"));
        assertTrue(reason("{\"ts\":\"2025-01-01T00:00:00Z\",\"t\":1}").contains("in the past"));
        assertTrue(reason("{\"ts\":\"yesterday\",\"t\":1}").contains("ISO-8601"));
        assertTrue(reason("{\"ts\":1700000000,\"t\":1}").contains("ISO-8601"));
        byte[] big = ("{\"t\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(RejectedTelemetryException.class, () -> policy.check(message(big, "m"), NOW))
                .getMessage()
                .startsWith("payload too large"));
        byte[] latin1 = {'{', '"', 't', '"', ':', '1', ',', '"', (byte) 0xe9, '"', ':', '2', '}'};
        assertEquals(
                "not UTF-8 text",
                assertThrows(RejectedTelemetryException.class, () -> policy.check(message(latin1, "m"), NOW))
                        .getMessage());
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        assertTrue(reason(many.append('}').toString()).startsWith("too many metrics"));
        assertThrows(RejectedTelemetryException.class, () -> policy.check(message("{\"t\":1}", "has space"), NOW));
    }
}
