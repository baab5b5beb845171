package org.iotplatform.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleActionTest {

    @Test
    void everyKindOfActionIsReadWithWhatItNeeds() {
        List<RuleAction> actions = RuleAction.parse("[{\"type\":\"method\",\"name\":\"slowDown\","
                + "\"payload\":{\"rpm\":1200},\"timeoutSeconds\":20},"
                + "{\"type\":\"desired\",\"properties\":{\"speed\":1200}},"
                + "{\"type\":\"message\",\"payload\":{\"text\":\"too hot\"}},"
                + "{\"type\":\"email\",\"to\":[\"ops@example.com\"]},"
                + "{\"type\":\"webhook\",\"url\":\"https://erp.example.com/hook\"},"
                + "{\"type\":\"workorder\",\"title\":\"Check the bearing\"}]");
        assertEquals(6, actions.size());
        RuleAction method = actions.get(0);
        assertEquals(RuleAction.Type.METHOD, method.type());
        assertEquals("slowDown", method.text("name"));
        assertEquals("{\"rpm\":1200}", method.json("payload"));
        assertEquals(20, method.number("timeoutSeconds", 30));
        assertEquals(List.of("ops@example.com"), actions.get(3).texts("to"));
        assertTrue(actions.get(1).type().feedback());
        assertEquals("work order \u201cCheck the bearing\u201d", actions.get(5).describe());
    }

    @Test
    void whatAnActionCannotTakeIsRefusedWithTheReason() {
        assertRefused("[{\"type\":\"sms\"}]", "not one of");
        assertRefused("[{\"type\":\"method\"}]", "needs a \"name\"");
        assertRefused("[{\"type\":\"method\",\"name\":\"a b\"}]", "needs a \"name\"");
        assertRefused("[{\"type\":\"method\",\"name\":\"x\",\"timeoutSeconds\":1}]", "5 to 300");
        assertRefused("[{\"type\":\"desired\",\"properties\":{}}]", "non-empty object");
        assertRefused("[{\"type\":\"email\",\"to\":[]}]", "1-20 addresses");
        assertRefused("[{\"type\":\"email\",\"to\":[\"not an address\"]}]", "addresses such as");
        assertRefused("[{\"type\":\"webhook\",\"url\":\"ftp://x/y\"}]", "http or https");
        assertRefused("[{\"type\":\"webhook\",\"url\":\"/relative\"}]", "http or https");
        assertRefused("[{\"type\":\"workorder\",\"title\":5}]", "title is text");
        assertRefused("{\"type\":\"email\"}", "JSON array");
        assertRefused("[1]", "object with a \"type\"");
        assertRefused("[" + "{\"type\":\"workorder\"},".repeat(10) + "{\"type\":\"workorder\"}]", "at most 10");
    }

    private static void assertRefused(String json, String reason) {
        InvalidAlertRuleException e = assertThrows(InvalidAlertRuleException.class, () -> RuleAction.parse(json));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
