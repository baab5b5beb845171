package org.iotplatform.edge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.iotplatform.edge.bench.TelemetryLoad;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.RunningGateway;
import org.iotplatform.gateway.testing.SasTokens;
import org.junit.jupiter.api.Test;

/** Load mode sends N devices x R messages/s and accounts for every message it sent. */
class LoadModeTest {

    @Test
    void everyMessageSentIsAcknowledgedAndArrives() throws Exception {
        try (RunningGateway gw = RunningGateway.start();
                Backend backend = new Backend(gw, "devices/+/messages/events/#")) {
            Path state = Files.createTempDirectory("load");
            String key = SasTokens.newKey();
            Files.writeString(state.resolve("load-key"), key);
            for (int i = 0; i < 5; i++) {
                gw.platform.register(String.format("lt-%06d", i), key);
            }
            TelemetryLoad.Result result = LoadMode.run(new String[] {
                "load",
                "--devices",
                "5",
                "--rate",
                "4",
                "--seconds",
                "3",
                "--gateway",
                "127.0.0.1:" + gw.mqttPort,
                "--hub",
                RunningGateway.HUB,
                "--prefix",
                "lt",
                "--state",
                state.toString()
            });
            // 5 devices x 4/s x 3 s, give or take the pacer's first and last tick
            assertTrue(result.sent() >= 55 && result.sent() <= 65, "sent " + result.sent());
            assertEquals(result.sent(), result.acked(), "every message acknowledged");
            assertEquals(0, result.failed());
            assertEquals(
                    result.acked(),
                    backend.drain(Duration.ofSeconds(2)).size(),
                    "every acknowledged message arrived once");
        }
    }
}
