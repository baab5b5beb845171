package org.iotplatform.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerEndpointsTest {

    private static ServerEndpoints withPassword(String password) {
        ServerEndpoints endpoints = new ServerEndpoints();
        endpoints.monitoringPassword = Optional.ofNullable(password);
        return endpoints;
    }

    @Test
    void onlyPayarasMetricsAndOpenApiServletsAreServerEndpoints() {
        assertTrue(ServerEndpoints.isServerEndpoint("/metrics"));
        assertTrue(ServerEndpoints.isServerEndpoint("/openapi"));
        for (String other :
                new String[] {"", "/", "/health", "/api", "/metrics-insecure", "/openapi.json", "/VAADIN"}) {
            assertFalse(ServerEndpoints.isServerEndpoint(other), other);
        }
    }

    @Test
    void theMonitoringIdentityIsTheUserMonitoringWithTheConfiguredPassword() {
        ServerEndpoints endpoints = withPassword("scrape-secret-123");
        assertTrue(endpoints.isMonitoring("monitoring", "scrape-secret-123"));
        assertFalse(endpoints.isMonitoring("monitoring", "scrape-secret-12"));
        assertFalse(endpoints.isMonitoring("monitoring", ""));
        assertFalse(endpoints.isMonitoring("admin", "scrape-secret-123"));
    }

    @Test
    void withoutAPasswordThereIsNoMonitoringIdentity() {
        assertFalse(withPassword(null).isMonitoring("monitoring", ""));
        assertFalse(withPassword("").isMonitoring("monitoring", ""));
        assertFalse(withPassword("  ").isMonitoring("monitoring", "  "));
    }
}
