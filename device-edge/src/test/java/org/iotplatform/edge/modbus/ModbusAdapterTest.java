package org.iotplatform.edge.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.iotplatform.edge.simulator.PumpModel;
import org.iotplatform.edge.simulator.SimulatedModbusPump;
import org.iotplatform.gateway.testing.Clients.Backend;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * A simulated Modbus pump controller behind the adapter: its registers arrive as telemetry under its
 * own device identity, and commands sent to that device change its registers.
 */
class ModbusAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registersArriveAsTheControllersTelemetryAndCommandsWriteRegisters() throws Exception {
        try (RunningGateway gw = RunningGateway.start()) {
            String id = "legacy-pump-1";
            String key = gw.platform.register(id);
            int port = RunningGateway.freePort();
            Path dir = Files.createTempDirectory("modbus");
            Files.writeString(dir.resolve("keys.csv"), id + "," + key + "\n");
            Files.setPosixFilePermissions(
                    dir.resolve("keys.csv"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dir.resolve("station.json"), """
               {"keys": "keys.csv",
                "profiles": {"pump-controller": %s},
                "devices": [{"deviceId": "%s", "host": "127.0.0.1", "port": %d, "unitId": 3,
                             "profile": "pump-controller", "pollSeconds": 0.5}]}
               """.formatted(SimulatedModbusPump.profileJson(), id, port));
            try (SimulatedModbusPump pump = new SimulatedModbusPump(
                            InetAddress.getLoopbackAddress(), port, 3, new PumpModel(7, "station-09", 1));
                    Backend backend = new Backend(gw, "devices/+/messages/events/#");
                    ModbusAdapter adapter = ModbusAdapter.start(
                            dir.resolve("station.json"),
                            "tcp://127.0.0.1:" + gw.mqttPort,
                            RunningGateway.HUB,
                            dir.resolve("state"))) {
                JsonNode first = next(backend, id, m -> true);
                for (String metric : new String[] {
                    "ts",
                    "flow",
                    "pressure",
                    "temperature",
                    "vibration",
                    "motorCurrent",
                    "speed",
                    "runSeconds",
                    "fault",
                    "speedSetpoint",
                    "running"
                }) {
                    assertTrue(first.has(metric), "missing " + metric + " in " + first);
                }
                assertEquals(1480, first.get("speedSetpoint").asInt());
                assertEquals(true, first.get("running").asBoolean());
                assertTrue(first.get("flow").asDouble() > 50, "a running pump moves water: " + first);

                command(backend, id, "setSpeed", "{\"rpm\":1200}");
                JsonNode slower = next(backend, id, m -> m.get("speed").asInt() == 1200);
                assertEquals(1200, slower.get("speedSetpoint").asInt());
                assertEquals(1200.0, pump.get("speedSetpoint"));

                // a direct method is answered: the register map's writes ran
                try (Backend answers = new Backend(gw, "$iothub/+/methods/res/#")) {
                    org.eclipse.paho.mqttv5.common.MqttMessage request = new org.eclipse.paho.mqttv5.common.MqttMessage(
                            "{\"rpm\":1300}".getBytes(StandardCharsets.UTF_8));
                    request.setQos(1);
                    backend.client().publish("$iothub/" + id + "/methods/POST/setSpeed/?$rid=41", request);
                    Received answer = answers.next(Duration.ofSeconds(10));
                    assertNotNull(answer, "no answer to the method");
                    assertEquals("$iothub/" + id + "/methods/res/200/$rid=41", answer.topic());
                    assertEquals("{\"speedSetpoint\":1300.0}", answer.payload());
                    assertEquals(1300.0, pump.get("speedSetpoint"));
                    backend.client().publish("$iothub/" + id + "/methods/POST/selfDestruct/?$rid=42", request);
                    Received unknown = answers.next(Duration.ofSeconds(10));
                    assertEquals("$iothub/" + id + "/methods/res/404/$rid=42", unknown.topic());
                }

                command(backend, id, "stop", "");
                // the controller updates its measurements once a second: wait for the one after the stop
                JsonNode stopped = next(
                        backend,
                        id,
                        m -> !m.get("running").asBoolean() && m.get("speed").asInt() == 0);
                assertEquals(0, stopped.get("speed").asInt());
                assertEquals(0.0, stopped.get("flow").asDouble());

                // a value the register cannot hold is refused, not wrapped round
                command(backend, id, "setSpeed", "{\"rpm\":70000}");
                Thread.sleep(1000);
                assertEquals(1300.0, pump.get("speedSetpoint"));
                assertTrue(adapter.readingsSent().get(id) > 3);
            }
        }
    }

    /** The back end sends a cloud-to-device message naming the command (until direct methods arrive). */
    private static void command(Backend backend, String deviceId, String name, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        backend.client().publish("devices/" + deviceId + "/messages/devicebound/command=" + name, message);
    }

    private static JsonNode next(Backend backend, String deviceId, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Received r = backend.next(Duration.ofSeconds(5));
            if (r == null) {
                continue;
            }
            assertTrue(r.topic().startsWith("devices/" + deviceId + "/messages/events/%24.mid="), r.topic());
            JsonNode m = JSON.readTree(r.payload());
            if (wanted.test(m)) {
                return m;
            }
        }
        assertNotNull(null, "no matching reading from " + deviceId + " within 20 s");
        return null;
    }
}
