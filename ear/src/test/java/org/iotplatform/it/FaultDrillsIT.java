package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.field;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault drills: a part of the platform fails hard while devices send and the platform commands them,
 * and afterwards every message a device had acknowledged is stored exactly once. Each drill prints
 * its tally ({@code DRILL ...} lines in the test output: sent, acknowledged, stored, duplicated).
 * The Payara kill -9 drill is TelemetryCrashRecoveryIT.
 */
@ExtendWith(ArquillianExtension.class)
class FaultDrillsIT extends WithGateway {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final Pattern SEQ = Pattern.compile("\"metric\":\"seq\",\"value\":([0-9.]+)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void ready() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
    }

    @Test
    void gatewayKilledDuringIngestLosesAndDuplicatesNothing() throws Exception {
        String id = newId("drill-gw");
        OutboxDevice device = link(id);
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        int total = 1500;
        CompletableFuture<Void> restarted = null;
        for (int i = 0; i < total; i++) {
            device.sendTelemetry("{\"ts\":\"" + start.plusMillis(i * 100L) + "\",\"seq\":" + i + "}");
            if (i == 500) {
                gateway.kill(); // SIGKILL: no shutdown, the journal as it was
                restarted = CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(5000); // the device keeps sending into its outbox meanwhile
                        gateway = gateway.restarted();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            if (i % 20 == 0) {
                Thread.sleep(10); // a stream, not one burst
            }
        }
        restarted.get(120, TimeUnit.SECONDS);
        tally("gateway-kill-9", id, device, total, start);
    }

    @Test
    void databaseStoppedForAMinuteDuringIngestLosesAndDuplicatesNothing() throws Exception {
        String id = newId("drill-db");
        OutboxDevice device = link(id);
        Instant start = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        int total = 1200;
        try {
            for (int i = 0; i < total; i++) {
                device.sendTelemetry("{\"ts\":\"" + start.plusMillis(i * 100L) + "\",\"seq\":" + i + "}");
                if (i == 300) {
                    Database.stop();
                }
                if (i % 20 == 0) {
                    Thread.sleep(i > 300 ? 1350 : 10); // ~60 s of sending while the database is down
                }
            }
        } finally {
            Database.start();
        }
        tally("database-stopped-60s", id, device, total, start);
    }

    @Test
    void gatewayRestartedWhileCommandsAreInFlightGivesCallersClearAnswersAndKeepsQueuedMessages() throws Exception {
        String id = newId("drill-cmd");
        CountDownLatch methodArrived = new CountDownLatch(1);
        OutboxDevice device = link(id);
        device.onMethod(topic -> methodArrived.countDown()); // never answered: its gateway goes away first
        awaitConnected(id);

        CompletableFuture<HttpResponse<String>> method = CompletableFuture.supplyAsync(() -> {
            try {
                return sendJson(
                        "POST",
                        "/api/v1/devices/" + id + "/methods/flush",
                        ADMIN,
                        "{\"payload\":{},\"timeoutSeconds\":10}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(methodArrived.await(15, TimeUnit.SECONDS), "the method reached the device");
        gateway.close(); // restarted while the method is in flight; the device loses its connection
        // cloud-to-device messages sent while the gateway is down wait in the platform
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r =
                    sendJson("POST", "/api/v1/devices/" + id + "/messages", ADMIN, "{\"payload\":{\"n\":" + i + "}}");
            assertEquals(202, r.statusCode(), r.body());
            queued.add(field(r.body(), "messageId"));
        }
        HttpResponse<String> answer = method.get(30, TimeUnit.SECONDS);
        assertTrue(
                answer.statusCode() == 504 || answer.statusCode() == 503 || answer.statusCode() == 404,
                "a clear answer for the caller, not a hang or a 500: " + answer.statusCode() + " " + answer.body());

        gateway = gateway.restarted();
        awaitIngress(Duration.ofSeconds(60));
        // the device reconnects by itself; what was queued for it is delivered then
        await(
                "every queued message delivered after the restart",
                Duration.ofSeconds(120),
                () -> queued.stream()
                        .allMatch(m -> bodyOf("/api/v1/devices/" + id + "/messages/" + m)
                                .contains("\"state\":\"delivered\"")));
        System.out.printf(
                "DRILL gateway-restart-commands methodAnswer=%d c2dSent=%d c2dDelivered=%d%n",
                answer.statusCode(), queued.size(), queued.size());
        device.stop();
    }

    /** Waits for the device's outbox to drain and the platform to store; asserts and prints the tally. */
    private static void tally(String drill, String id, OutboxDevice device, int total, Instant start) throws Exception {
        await(drill + ": the device's outbox drained", Duration.ofSeconds(180), () -> device.unacknowledged() == 0);
        long acknowledged = device.sent() - device.unacknowledged();
        String path =
                "/api/v1/devices/" + id + "/telemetry?metric=seq&limit=100000&from=" + start.minus(1, ChronoUnit.HOURS);
        await(
                drill + ": every acknowledged message stored",
                Duration.ofSeconds(180),
                () -> seqs(bodyOf(path)).size() >= total);
        List<Integer> stored = seqs(bodyOf(path));
        Set<Integer> distinct = new TreeSet<>(stored);
        System.out.printf(
                "DRILL %s sent=%d acknowledged=%d stored=%d duplicated=%d lost=%d%n",
                drill,
                device.sent(),
                acknowledged,
                distinct.size(),
                stored.size() - distinct.size(),
                total - distinct.size());
        device.stop();
        assertEquals(total, acknowledged, "the device's client was acknowledged every message");
        assertEquals(total, distinct.size(), "nothing lost");
        assertEquals(stored.size(), distinct.size(), "nothing stored twice");
    }

    private static List<Integer> seqs(String json) {
        List<Integer> seqs = new ArrayList<>();
        Matcher m = SEQ.matcher(json);
        while (m.find()) {
            seqs.add((int) Double.parseDouble(m.group(1)));
        }
        return seqs;
    }

    /** A real device with its on-disk outbox, over the gateway's plain MQTT port. */
    private static OutboxDevice link(String id) throws Exception {
        String key = field(create(id, "{}").body(), "primaryKey");
        Path outbox = Files.createDirectories(Path.of("target", "drill-outbox", id));
        return new OutboxDevice(id, key, "tcp://localhost:" + GatewayProcess.MQTT_PORT, outbox);
    }

    private static void awaitConnected(String id) throws InterruptedException {
        await(
                id + " connected",
                Duration.ofSeconds(15),
                () -> bodyOf("/api/v1/devices/" + id).contains("\"connectionState\":\"connected\""));
    }

    private static String bodyOf(String path) {
        try {
            return get(path, path.startsWith("/health") ? null : ADMIN).body();
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** The test database's server, stopped and started as test.sh starts it (root, no systemd). */
    private static final class Database {
        static void stop() throws Exception {
            run("mariadb-admin", "shutdown");
        }

        static void start() throws Exception {
            run(
                    "start-stop-daemon",
                    "--start",
                    "--oknodo",
                    "--background",
                    "--exec",
                    "/usr/sbin/mariadbd",
                    "--",
                    "--user=mysql",
                    "--innodb-buffer-pool-size=" + System.getenv().getOrDefault("IOT_MARIADB_BUFFER_POOL", "1G"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (new ProcessBuilder("mariadb-admin", "ping").start().waitFor() != 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("MariaDB did not come back");
                }
                Thread.sleep(500);
            }
        }

        private static void run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        }
    }
}
