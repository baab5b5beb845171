package org.iotplatform.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyBagTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "with space",
                "a&b=c",
                "100%",
                "plus+sign",
                "$.mid",
                "ümlaut/日本/🚰",
                "?#/\\",
                "",
                "%24.mid",
                "=",
                "line\nbreak"
            })
    void formatThenParseGivesBackWhatWentIn(String odd) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("$.mid", odd);
        entries.put("name " + odd, "v");
        entries.put("$.ct", "application/json; charset=utf-8");
        PropertyBag bag = PropertyBag.of(entries);

        PropertyBag back = PropertyBag.parse(bag.format());

        assertEquals(bag, back);
        assertEquals(entries, back.asMap());
        assertEquals(bag.format(), back.format());
    }

    @Test
    void readsWhatDevicesSend() {
        PropertyBag bag = PropertyBag.parse("%24.mid=m-42&$.ct=application%2Fjson&alert=true&&flag");
        assertEquals(Map.of("$.mid", "m-42", "$.ct", "application/json", "alert", "true", "flag", ""), bag.asMap());
        assertEquals(Optional.of("m-42"), bag.messageId());
    }

    @Test
    void keepsWhatIsNotUrlEncodingAsSent() {
        PropertyBag bag = PropertyBag.parse("$.mid=50%&k=%zz&ok=a%20b");
        assertEquals("50%", bag.get("$.mid").orElseThrow());
        assertEquals("%zz", bag.get("k").orElseThrow());
        assertEquals("a b", bag.get("ok").orElseThrow());
    }

    @Test
    void anEmptyMessageIdIsNone() {
        assertTrue(PropertyBag.parse("$.mid=").messageId().isEmpty());
        assertTrue(PropertyBag.parse(null).isEmpty());
        assertEquals("", PropertyBag.empty().format());
    }

    @Test
    void encodesTheDollarAsIotHubDoes() {
        assertEquals(
                "%24.mid=1&%24.to=%2Fdevices%2Fd%2Fmessages%2FdeviceBound",
                PropertyBag.empty()
                        .with("$.mid", "1")
                        .with("$.to", "/devices/d/messages/deviceBound")
                        .format());
    }
}
