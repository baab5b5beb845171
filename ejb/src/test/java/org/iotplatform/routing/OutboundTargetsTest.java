package org.iotplatform.routing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundTargetsTest {

    private final OutboundTargets targets = new OutboundTargets();

    OutboundTargetsTest() {
        targets.allowedHosts = Optional.empty();
        targets.fileDirectory = "/var/lib/iot-routes";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://127.0.0.1:8080/api/v1/operators",
                "http://localhost:4848/management/domain",
                "http://[::1]/x",
                "http://0.0.0.0/",
                "http://224.0.0.1/",
                "http://user:secret@hooks.example.com/x",
                "http://hooks.example.com/{{secret}}"
            })
    void withoutAnAllowListWebhooksCannotReachTheHostItselfOrCloudMetadata(String url) {
        assertThrows(InvalidRuleException.class, () -> targets.check(EndpointType.HTTP, url));
    }

    @Test
    void anAllowListAdmitsOnlyItsHostsButThenEvenInternalOnes() {
        targets.allowedHosts = Optional.of("erp.internal, *.hooks.example.com,localhost");
        assertDoesNotThrow(() -> targets.check(EndpointType.HTTP, "http://localhost:9000/hook"));
        assertDoesNotThrow(() -> targets.check(EndpointType.HTTP, "https://eu.hooks.example.com/x"));
        InvalidRuleException refused = assertThrows(
                InvalidRuleException.class, () -> targets.check(EndpointType.HTTP, "http://169.254.169.254/latest"));
        assertTrue(refused.getMessage().contains("allow-list"), refused.getMessage());
        assertThrows(
                InvalidRuleException.class,
                () -> targets.check(EndpointType.HTTP, "https://hooks.example.com.evil.net/x"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc",
                "/var/lib/iot-routes/../../etc",
                "/var/lib/iot-routes-other",
                "relative/dir",
                "/var/lib/iot-routes/out?fileExist=Append",
                "/var/lib/iot-routes/out&x=1",
                "/var/lib/iot-routes/${sys:user.home}"
            })
    void fileRoutesStayBelowTheirDirectoryAndCarryNoCamelOptions(String dir) {
        assertThrows(InvalidRuleException.class, () -> targets.check(EndpointType.FILE, dir));
    }

    @Test
    void aDirectoryBelowTheBaseIsFine() {
        assertDoesNotThrow(() -> targets.check(EndpointType.FILE, "/var/lib/iot-routes/alerts"));
    }
}
