package org.iotplatform.edge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * NASA C-MAPSS FD001 through the platform, as a user would run it: the training engines become
 * devices whose histories are imported (one message per cycle, a cycle one minute), a maintenance
 * model is trained from them, the test engines' partial histories are imported, and each is asked for
 * its remaining useful life; the answers are scored against {@code RUL_FD001.txt} (RMSE and the PHM08
 * score, in cycles) next to a naive model that always answers the training labels' mean. Prints
 * FIGURE lines with the time each step took.
 */
public final class Fd001Benchmark {

    /** The sensors that change over an FD001 engine's life (the other seven are constant). */
    public static final List<String> SENSORS =
            List.of("s2", "s3", "s4", "s7", "s8", "s9", "s11", "s12", "s13", "s14", "s15", "s17", "s20", "s21");

    /** The usual piece-wise linear target's cap; 130 did better in cross-validation on the training engines. */
    static final int CAP_CYCLES = 125;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param trainUnits the first this many training engines (0: all 100)
     * @param testUnits  the first this many test engines (0: all 100)
     * @param training   {@code rounds}, {@code maxDepth}, {@code seeds}, {@code folds} (missing: the platform's defaults)
     */
    public record Options(
            URI url,
            String user,
            String password,
            Path data,
            String run,
            int trainUnits,
            int testUnits,
            Map<String, Integer> training,
            int capCycles,
            Duration trainingTimeout) {}

    public record Result(
            int trainEngines,
            int testEngines,
            double rmse,
            double phm08,
            double naiveRmse,
            long importTrainMillis,
            long trainMillis,
            long importTestMillis,
            long scoreMillis,
            JsonNode model) {}

    private final Options options;
    private final PlatformApi api;

    private Fd001Benchmark(Options options) {
        this.options = options;
        this.api = new PlatformApi(options.url(), options.user(), options.password());
    }

    public static Result run(Options options) throws IOException, InterruptedException {
        return new Fd001Benchmark(options).run();
    }

    private Result run() throws IOException, InterruptedException {
        Map<Integer, List<double[]>> train = read(options.data().resolve("train_FD001.txt"), options.trainUnits());
        Map<Integer, List<double[]>> test = read(options.data().resolve("test_FD001.txt"), options.testUnits());
        List<String> truthLines = Files.readAllLines(options.data().resolve("RUL_FD001.txt"));
        String trainTag = "fd001-" + options.run() + "-train";
        String testTag = "fd001-" + options.run() + "-test";
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

        long t0 = System.nanoTime();
        importEngines(train, trainTag, start);
        long importTrain = PlatformApi.millisSince(t0);

        ObjectNode model = JSON.createObjectNode();
        String name = "fd001-" + options.run();
        model.put("name", name);
        model.putObject("devices").put("tag", "set:" + trainTag);
        SENSORS.forEach(model.putArray("metrics")::add);
        model.put("failure", "last");
        model.put("cap", "PT" + options.capCycles() + "M");
        if (!options.training().isEmpty()) {
            ObjectNode t = model.putObject("training");
            options.training().forEach(t::put);
        }
        t0 = System.nanoTime();
        PlatformApi.expect(202, api.send("POST", "/api/v1/maintenance/models", "application/json", model.toString()));
        JsonNode trained = api.awaitTrained(name, options.trainingTimeout());
        long trainMillis = PlatformApi.millisSince(t0);

        t0 = System.nanoTime();
        importEngines(test, testTag, start);
        long importTest = PlatformApi.millisSince(t0);

        t0 = System.nanoTime();
        List<Double> predicted = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        for (int unit : test.keySet()) {
            HttpResponse<String> rul =
                    api.send("GET", "/api/v1/devices/" + deviceId(testTag, unit) + "/rul?model=" + name, null, null);
            PlatformApi.expect(200, rul);
            predicted.add(JSON.readTree(rul.body()).get("rulSeconds").asDouble() / 60);
            truth.add(Double.parseDouble(truthLines.get(unit - 1).strip()));
        }
        long scoreMillis = PlatformApi.millisSince(t0);

        double naive = meanTrainingLabel(train, options.capCycles());
        double[] p = predicted.stream().mapToDouble(Double::doubleValue).toArray();
        double[] t = truth.stream().mapToDouble(Double::doubleValue).toArray();
        double[] n = new double[t.length];
        java.util.Arrays.fill(n, naive);
        return new Result(
                train.size(),
                test.size(),
                rmse(p, t),
                phm08(p, t),
                rmse(n, t),
                importTrain,
                trainMillis,
                importTest,
                scoreMillis,
                trained);
    }

    /** Engines by unit number: rows of {@code cycle, setting1..3, s1..s21} (the file's columns after the unit). */
    static Map<Integer, List<double[]>> read(Path file, int units) throws IOException {
        Map<Integer, List<double[]>> engines = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.strip().split("\\s+");
            int unit = Integer.parseInt(cells[0]);
            if (units > 0 && unit > units) {
                continue;
            }
            double[] row = new double[cells.length - 1];
            for (int i = 1; i < cells.length; i++) {
                row[i - 1] = Double.parseDouble(cells[i]);
            }
            engines.computeIfAbsent(unit, u -> new ArrayList<>()).add(row);
        }
        return engines;
    }

    private static String deviceId(String tag, int unit) {
        return String.format("%s-%03d", tag, unit);
    }

    /** Registers the engines as devices tagged {@code set=<tag>} and imports each one's history as CSV. */
    private void importEngines(Map<Integer, List<double[]>> engines, String tag, Instant start)
            throws IOException, InterruptedException {
        StringBuilder devices = new StringBuilder("deviceId,status,primaryKey,secondaryKey,tags\n");
        for (int unit : engines.keySet()) {
            devices.append(deviceId(tag, unit))
                    .append(",enabled,,,set=")
                    .append(tag)
                    .append('\n');
        }
        PlatformApi.expect(200, api.send("POST", "/api/v1/devices/import", "text/csv", devices.toString()));
        for (Map.Entry<Integer, List<double[]>> e : engines.entrySet()) {
            StringBuilder csv =
                    new StringBuilder("ts,").append(String.join(",", SENSORS)).append('\n');
            for (double[] row : e.getValue()) {
                int cycle = (int) row[0];
                csv.append(start.plus(cycle - 1, ChronoUnit.MINUTES));
                for (String s : SENSORS) {
                    csv.append(',').append(row[3 + Integer.parseInt(s.substring(1))]);
                }
                csv.append('\n');
            }
            HttpResponse<String> imported = api.send(
                    "POST", "/api/v1/devices/" + deviceId(tag, e.getKey()) + "/telemetry", "text/csv", csv.toString());
            PlatformApi.expect(200, imported);
            JsonNode report = JSON.readTree(imported.body());
            if (report.get("rejectedCount").asInt() > 0) {
                throw new IllegalStateException("engine " + e.getKey() + ": lines refused " + imported.body());
            }
        }
    }

    /** The mean of the capped time-to-failure labels over every training record, in cycles. */
    static double meanTrainingLabel(Map<Integer, List<double[]>> train, int cap) {
        double sum = 0;
        int n = 0;
        for (List<double[]> rows : train.values()) {
            int last = (int) rows.get(rows.size() - 1)[0];
            for (double[] row : rows) {
                sum += Math.min(cap, last - (int) row[0]);
                n++;
            }
        }
        return sum / n;
    }

    static double rmse(double[] predicted, double[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            sum += d * d;
        }
        return Math.sqrt(sum / truth.length);
    }

    /** PHM08: late predictions (d > 0) cost more than early ones. */
    static double phm08(double[] predicted, double[] truth) {
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            s += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
        }
        return s;
    }

    /**
     * {@code java -cp iot-device-edge.jar org.iotplatform.edge.bench.Fd001Benchmark <url> <user> <password-file>
     * <data-dir> [train-units test-units [rounds maxDepth seeds folds]]}
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Fd001Benchmark <url> <user> <password-file> <data-dir>"
                    + " [train-units test-units [rounds maxDepth seeds folds]]");
            System.exit(2);
        }
        Map<String, Integer> training = new LinkedHashMap<>();
        if (args.length >= 10) {
            training.put("rounds", Integer.parseInt(args[6]));
            training.put("maxDepth", Integer.parseInt(args[7]));
            training.put("seeds", Integer.parseInt(args[8]));
            training.put("folds", Integer.parseInt(args[9]));
        }
        Options o = new Options(
                URI.create(args[0]),
                args[1],
                Files.readString(Path.of(args[2])).strip(),
                Path.of(args[3]),
                System.getenv()
                        .getOrDefault("FD001_RUN", UUID.randomUUID().toString().substring(0, 6)),
                args.length >= 6 ? Integer.parseInt(args[4]) : 0,
                args.length >= 6 ? Integer.parseInt(args[5]) : 0,
                training,
                Integer.parseInt(System.getenv().getOrDefault("FD001_CAP_CYCLES", String.valueOf(CAP_CYCLES))),
                Duration.ofMinutes(30));
        Result r = run(o);
        JsonNode active = r.model().path("versions").path(0);
        System.out.printf("FIGURE fd001 model: %s%n", r.model().path("name").asText());
        System.out.printf("FIGURE fd001 engines: %d training, %d test%n", r.trainEngines(), r.testEngines());
        System.out.printf("FIGURE fd001 import of the training histories: %d ms%n", r.importTrainMillis());
        System.out.printf(
                "FIGURE fd001 training: %d ms (the platform's own: %s ms; validation RMSE on held-out training engines %.2f cycles)%n",
                r.trainMillis(),
                active.path("trainingMillis").asText(),
                active.path("validationRmseSeconds").asDouble(Double.NaN) / 60);
        System.out.printf("FIGURE fd001 import of the test histories: %d ms%n", r.importTestMillis());
        System.out.printf(
                "FIGURE fd001 scoring: %d ms for %d engines (%.1f ms each, through REST)%n",
                r.scoreMillis(), r.testEngines(), (double) r.scoreMillis() / r.testEngines());
        System.out.printf(
                "FIGURE fd001 test set: RMSE %.2f cycles, PHM08 score %.1f (naive mean-label RMSE %.2f cycles)%n",
                r.rmse(), r.phm08(), r.naiveRmse());
    }
}
