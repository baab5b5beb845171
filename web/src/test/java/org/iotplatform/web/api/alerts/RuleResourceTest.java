package org.iotplatform.web.api.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import java.time.Duration;
import org.iotplatform.alerts.AlertRuleDefinition;
import org.iotplatform.alerts.InvalidAlertRuleException;
import org.iotplatform.alerts.Severity;
import org.iotplatform.web.api.ApiJsonb;
import org.junit.jupiter.api.Test;

/** The rule body as the API binds it (the API's own JSON-B), turned into a checked definition. */
class RuleResourceTest {

    private static final Jsonb JSONB = ApiJsonb.jsonb();

    private static AlertRuleDefinition definition(String json) {
        return RuleResource.definition(JSONB.fromJson(json, RuleResource.RuleBody.class));
    }

    @Test
    void readsDevicesTimingSeverityAndKeepsActionsAsGiven() {
        AlertRuleDefinition d = definition("{\"name\":\"pump hot\",\"devices\":{\"tag\":\"kind:pump\"},"
                + "\"condition\":\"temperature > 80\",\"heldFor\":\"PT2M\",\"severity\":\"critical\","
                + "\"actions\":[{\"type\":\"method\",\"name\":\"reduceSpeed\",\"payload\":{\"rpm\":900}}]}");
        assertEquals("kind", d.devices().tagName());
        assertEquals("pump", d.devices().tagValue());
        assertEquals(Duration.ofMinutes(2), d.heldFor());
        assertEquals(Severity.CRITICAL, d.severity());
        assertTrue(d.actions().contains("\"reduceSpeed\"") && d.actions().contains("900"), d.actions());
        assertTrue(definition("{\"name\":\"r\",\"devices\":{\"all\":true},\"condition\":\"a = 1\","
                        + "\"inARow\":5,\"severity\":\"minor\"}")
                .devices()
                .all());
        assertEquals(
                "pump-1",
                definition("{\"name\":\"r\",\"devices\":{\"deviceId\":\"pump-1\"},\"condition\":\"a = 1\","
                                + "\"severity\":\"warning\"}")
                        .devices()
                        .deviceId());
    }

    @Test
    void refusesWhatItCannotTakeWithTheReason() {
        for (String devices :
                new String[] {"{}", "{\"all\":false}", "{\"deviceId\":\"a\",\"all\":true}", "{\"tag\":\"kind\"}"}) {
            assertThrows(
                    InvalidAlertRuleException.class,
                    () -> definition("{\"name\":\"r\",\"devices\":" + devices
                            + ",\"condition\":\"a = 1\",\"severity\":\"major\"}"),
                    devices);
        }
        AlertRuleDefinition windowed = definition(
                "{\"name\":\"r\",\"devices\":{\"all\":true},\"condition\":\"a > 1\","
                        + "\"aggregate\":{\"function\":\"avg\",\"window\":\"PT5M\",\"mode\":\"tumbling\"},\"severity\":\"major\"}");
        assertEquals("avg over tumbling PT5M", windowed.aggregate().toString());
        for (String bad : new String[] {
            "{\"function\":\"median\",\"window\":\"PT5M\"}",
            "{\"function\":\"avg\",\"window\":\"five minutes\"}",
            "{\"function\":\"avg\",\"window\":\"P2D\"}",
            "{\"function\":\"avg\",\"window\":\"PT5M\",\"mode\":\"hopping\"}",
            "{\"function\":\"avg\"}"
        }) {
            InvalidAlertRuleException aggregate = assertThrows(
                    InvalidAlertRuleException.class,
                    () -> definition("{\"name\":\"r\",\"devices\":{\"all\":true},\"condition\":\"a > 1\","
                            + "\"aggregate\":" + bad + ",\"severity\":\"major\"}"),
                    bad);
            assertTrue(aggregate.getMessage().contains("aggregate"), aggregate.getMessage());
        }
        InvalidAlertRuleException condition = assertThrows(
                InvalidAlertRuleException.class,
                () -> definition(
                        "{\"name\":\"r\",\"devices\":{\"all\":true},\"condition\":\"a >\",\"severity\":\"major\"}"));
        assertTrue(condition.getMessage().startsWith("condition: "), condition.getMessage());
    }
}
