package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.request;
import static org.iotplatform.it.Platform.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A maintenance model at interval {@code 1h} end to end on simulated pumps: run-to-failure histories
 * generated offline and imported, hourly rollups read for training and scoring, held-out pumps scored
 * through REST with an error below a model that knows nothing. The benchmark command itself, on 40
 * pumps with a quick training; the full run is {@code device-edge/bench/pump-rul.sh}.
 */
@ExtendWith(ArquillianExtension.class)
class PumpMaintenanceIT {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void anHourlyModelOfSimulatedPumpsPredictsHeldOutPumpsBetterThanTheMean() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path passwordFile = Files.createTempFile("admin", ".password");
        Files.writeString(passwordFile, ADMIN_PASSWORD);
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        GatewayProcess.edgeJar().toAbsolutePath().toString(),
                        "org.iotplatform.edge.bench.PumpRulBenchmark",
                        Platform.BASE_URL,
                        "admin",
                        passwordFile.toString(),
                        "40",
                        "10",
                        "50",
                        "4",
                        "1",
                        "0")
                .redirectErrorStream(true);
        builder.environment().put("PUMP_RUN", run);
        Process bench = builder.start();
        bench.getOutputStream().close();
        ProcessHandle handle = bench.toHandle();
        String output;
        try {
            output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "benchmark finished");
        } finally {
            handle.destroyForcibly();
            Files.delete(passwordFile);
        }
        System.out.println(output);
        assertEquals(0, bench.exitValue(), output);
        Matcher figures = Pattern.compile("RMSE ([0-9.]+) h .*naive mean-label RMSE ([0-9.]+) h")
                .matcher(output);
        assertTrue(figures.find(), output);
        double rmse = Double.parseDouble(figures.group(1));
        double naive = Double.parseDouble(figures.group(2));
        assertTrue(rmse < naive, "RMSE " + rmse + " h against the mean's " + naive + " h");
        assertTrue(output.contains("FIGURE pump-rul fails within 7 days: precision"), output);

        String name = "pump-rul-" + run;
        String model = get("/api/v1/maintenance/models/" + name, ADMIN).body();
        assertTrue(model.contains("\"interval\":\"1h\"") && model.contains("\"state\":\"ready\""), model);
        assertTrue(model.contains("\"failure\":\"fault > 0\""), model);

        // a held-out pump's estimate is as of the start of an hour: one record per complete bucket
        HttpResponse<String> rul = get("/api/v1/devices/pump-test-" + run + "-039/rul?model=" + name, ADMIN);
        if (rul.statusCode() == 404) { // pump 39 faulted in its first hour and was left out: any other
            rul = get("/api/v1/devices/pump-test-" + run + "-030/rul?model=" + name, ADMIN);
        }
        assertEquals(200, rul.statusCode(), rul.body());
        Matcher asOf = Pattern.compile("\"asOf\":\"([^\"]+)\"").matcher(rul.body());
        assertTrue(asOf.find(), rul.body());
        assertTrue(asOf.group(1).contains(":00:00"), rul.body());

        // a pump whose only telemetry is in the hour still filling has nothing complete to score
        String fresh = newId("pump-fresh");
        assertEquals(201, create(fresh, "{}").statusCode());
        HttpResponse<String> imported = send(request("/api/v1/devices/" + fresh + "/telemetry")
                .header("Authorization", ADMIN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("ts,flow,pressure,temperature,vibration,motorCurrent\n"
                        + Instant.now() + ",118,3.4,56,0.9,31\n"))
                .build());
        assertEquals(200, imported.statusCode(), imported.body());
        HttpResponse<String> none = get("/api/v1/devices/" + fresh + "/rul?model=" + name, ADMIN);
        assertEquals(404, none.statusCode(), none.body());
        assertTrue(none.body().contains("complete 1h rollup"), none.body());
    }
}
