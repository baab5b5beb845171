package org.iotplatform.it;

import static org.iotplatform.it.DeviceRegistryIT.create;
import static org.iotplatform.it.DeviceRegistryIT.newId;
import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.get;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Predictive maintenance end to end on a small part of NASA C-MAPSS FD001: histories imported through
 * REST, a model trained as a job in the server (xgboost4j's native library in the EAR), test engines
 * scored through REST, and the error far below a model that knows nothing. The full benchmark is
 * {@code device-edge/bench/fd001.sh}; this checks the pipeline, not the figure.
 */
@ExtendWith(ArquillianExtension.class)
class MaintenanceIT {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @Test
    void aModelTrainedOnThirtyEnginesPredictsTheTestEnginesFarBetterThanTheMean() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path passwordFile = Files.createTempFile("admin", ".password");
        Files.writeString(passwordFile, ADMIN_PASSWORD);
        // the benchmark command itself, on 30 training and 20 test engines with a quick training
        Process bench = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        GatewayProcess.edgeJar().toAbsolutePath().toString(),
                        "org.iotplatform.edge.bench.Fd001Benchmark",
                        Platform.BASE_URL,
                        "admin",
                        passwordFile.toString(),
                        "../data/cmapss",
                        "30",
                        "20",
                        "150",
                        "4",
                        "1",
                        "2")
                .redirectErrorStream(true)
                .start();
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
        Matcher figures = Pattern.compile(
                        "RMSE ([0-9.]+) cycles, PHM08 score ([0-9.]+) \\(naive mean-label RMSE ([0-9.]+)")
                .matcher(output);
        assertTrue(figures.find(), output);
        double rmse = Double.parseDouble(figures.group(1));
        double naive = Double.parseDouble(figures.group(3));
        assertTrue(rmse < 0.75 * naive, "RMSE " + rmse + " against the mean's " + naive);
        assertTrue(output.contains("20 test"), output);
        Matcher named = Pattern.compile("FIGURE fd001 model: (\\S+)").matcher(output);
        assertTrue(named.find(), output);
        run = named.group(1).substring("fd001-".length());
        String model = get("/api/v1/maintenance/models/fd001-" + run, ADMIN).body();
        assertTrue(model.contains("\"state\":\"ready\"") && model.contains("\"activeVersion\":1"), model);
        assertTrue(model.contains("\"validationFolds\":2") && model.contains("\"trainingRows\":"), model);

        String name = "fd001-" + run;
        HttpResponse<String> again = sendJson(
                "POST",
                "/api/v1/maintenance/models",
                ADMIN,
                "{\"name\":\"" + name + "\",\"devices\":{\"tag\":\"set:x\"},\"metrics\":[\"s2\"],\"cap\":\"PT1H\"}");
        assertEquals(409, again.statusCode(), again.body());
        HttpResponse<String> bad = sendJson(
                "POST",
                "/api/v1/maintenance/models",
                ADMIN,
                "{\"name\":\"bad-" + run + "\",\"devices\":{\"tag\":\"set:x\"},\"metrics\":[\"s2\"],\"cap\":\"soon\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("ISO-8601"), bad.body());

        String silent = newId("silent-engine");
        assertEquals(201, create(silent, "{}").statusCode());
        assertEquals(
                404,
                get("/api/v1/devices/" + silent + "/rul?model=" + name, ADMIN).statusCode(),
                "no data");
        String engine = "fd001-" + run + "-test-001";
        assertEquals(
                404,
                get("/api/v1/devices/" + engine + "/rul?model=none-" + run, ADMIN)
                        .statusCode());
        assertEquals(400, get("/api/v1/devices/" + engine + "/rul", ADMIN).statusCode(), "which model?");
        HttpResponse<String> rul = get("/api/v1/devices/" + engine + "/rul?model=" + name, ADMIN);
        assertEquals(200, rul.statusCode(), rul.body());
        assertTrue(rul.body().contains("\"version\":1") && rul.body().contains("\"rulSeconds\":"), rul.body());

        HttpResponse<String> retrain = sendJson(
                "POST",
                "/api/v1/maintenance/models/" + name + "/versions",
                ADMIN,
                "{\"rounds\":50,\"folds\":0,\"seeds\":1}");
        assertEquals(202, retrain.statusCode(), retrain.body());
        assertTrue(retrain.body().contains("\"version\":2"), retrain.body());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String view = "";
        while (System.nanoTime() < deadline
                && !(view = get("/api/v1/maintenance/models/" + name, ADMIN).body()).contains("\"activeVersion\":2")) {
            assertTrue(
                    get("/api/v1/devices/" + engine + "/rul?model=" + name, ADMIN)
                                    .statusCode()
                            == 200,
                    "version 1 keeps scoring while version 2 trains");
            Thread.sleep(300);
        }
        assertTrue(view.contains("\"activeVersion\":2"), view);
        assertTrue(get("/api/v1/devices/" + engine + "/rul?model=" + name, ADMIN)
                .body()
                .contains("\"version\":2"));
    }
}
