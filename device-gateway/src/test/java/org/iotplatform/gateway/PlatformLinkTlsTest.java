package org.iotplatform.gateway;

import static org.iotplatform.gateway.testing.Clients.inOneHour;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.iotplatform.gateway.testing.Clients;
import org.iotplatform.gateway.testing.FakePlatform;
import org.iotplatform.gateway.testing.RunningGateway;
import org.iotplatform.gateway.tls.LocalCertificateAuthority;
import org.iotplatform.gateway.tls.ServerKeystore;
import org.junit.jupiter.api.Test;

/** The gateway reaches the platform over HTTPS, trusting the CA it is given and nothing else. */
class PlatformLinkTlsTest {

    @Test
    void devicesSignInThroughAnHttpsPlatformLinkWhoseCaTheGatewayTrusts() throws Exception {
        Path dir = Files.createTempDirectory("platform-tls");
        ServerKeystore platformCert =
                new LocalCertificateAuthority(dir).ensureServerKeystore(Set.of("127.0.0.1", "localhost"));
        FakePlatform platform = new FakePlatform(RunningGateway.HUB, platformCert.sslContext());
        try (RunningGateway gw = RunningGateway.startWithPlatform(
                platform,
                Map.of(
                        "platform-url",
                        platform.url().toString(),
                        "platform-ca",
                        platformCert.caCertificate().toString()))) {
            assertTrue(platform.url().toString().startsWith("https://"));
            gw.platform.register("tls-link-001");
            var device = Clients.v5Device(gw, "tls-link-001", gw.platform.token("tls-link-001", inOneHour()));
            assertTrue(device.isConnected(), "the login was checked by the platform over HTTPS");
            device.disconnect();
            device.close();
        }
    }

    @Test
    void aPlatformCertificateTheGatewayDoesNotTrustFailsTheLink() throws Exception {
        Path dir = Files.createTempDirectory("platform-tls");
        ServerKeystore platformCert =
                new LocalCertificateAuthority(dir).ensureServerKeystore(Set.of("127.0.0.1", "localhost"));
        FakePlatform platform = new FakePlatform(RunningGateway.HUB, platformCert.sslContext());
        try (RunningGateway gw = RunningGateway.startWithPlatform(
                platform, Map.of("platform-url", platform.url().toString()))) {
            gw.platform.register("tls-link-002");
            assertThrows(
                    Exception.class,
                    () -> Clients.v5Device(gw, "tls-link-002", gw.platform.token("tls-link-002", inOneHour())),
                    "no login while the platform cannot be verified");
        }
    }
}
