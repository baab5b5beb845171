package org.iotplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.iotplatform.gateway.config.GatewaySettings;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    @Test
    void defaultsApplyAndSecretsStayOutOfToString() {
        GatewaySettings s =
                GatewaySettings.load(Map.of("platform-password", "p-secret", "backend-password", "b-secret"));
        assertEquals(1883, s.mqttPort());
        assertEquals(8883, s.mqttsPort());
        assertEquals(5672, s.amqpPort());
        assertEquals(5671, s.amqpsPort());
        assertTrue(s.plainEnabled());
        assertEquals("iothub.local", s.hubHostname());
        assertEquals(1048576, s.maxPayloadBytes());
        assertEquals(100, s.publishRatePerDevice());
        assertEquals("http://localhost:8080", s.platformUrl().toString());
        assertFalse(s.clustered());
        assertFalse(s.toString().contains("secret"));
    }

    @Test
    void passwordsAreRequired() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> GatewaySettings.load(Map.of("backend-password", "b")));
        assertTrue(e.getMessage().contains("IOT_GATEWAY_PLATFORM_PASSWORD"), e.getMessage());
    }
}
