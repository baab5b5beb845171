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
import java.util.Random;
import java.util.UUID;

/**
 * The simulator's pumps through the platform's predictive maintenance: {@code pumps} simulated pumps
 * run to their fault offline ({@link PumpRunToFailure}: one record per hour, the mean of the hour's
 * steps, at most {@value #MAX_HOURS} hours so that every history lies within the raw retention and
 * ends two hours ago). The first {@code pumps - heldOut} become devices tagged
 * {@code set=pump-train-<run>} with their histories imported; a model with interval {@code 1h} is
 * trained on them. Each held-out pump ({@code set=pump-test-<run>}) has its history cut at a random
 * hour before its fault and only that prefix imported; its estimate is compared with the true time
 * left: RMSE in hours (against the true time and against it capped as the labels are), next to a
 * naive model answering the training labels' mean, and the precision and recall of "fails within 7
 * days". Prints FIGURE lines.
 */
public final class PumpRulBenchmark {

    static final int MAX_HOURS = 25 * 24;
    static final int STEP_SECONDS = 60;
    static final int CAP_HOURS = 10 * 24;
    static final int HORIZON_HOURS = 7 * 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Options(
            URI url,
            String user,
            String password,
            String run,
            int pumps,
            int heldOut,
            long seed,
            Map<String, Integer> training,
            Duration trainingTimeout) {}

    /** A held-out pump's answer: hours predicted, hours it truly had left. */
    record Answer(String device, double predicted, double truth) {}

    public record Result(
            int trainPumps,
            int testPumps,
            double rmse,
            double cappedRmse,
            double naiveRmse,
            double precision,
            double recall,
            int failingWithinHorizon,
            long simulateMillis,
            long importTrainMillis,
            long trainMillis,
            long importTestMillis,
            long scoreMillis,
            JsonNode model) {}

    private final Options options;
    private final PlatformApi api;

    private PumpRulBenchmark(Options options) {
        this.options = options;
        this.api = new PlatformApi(options.url(), options.user(), options.password());
    }

    public static Result run(Options options) throws IOException, InterruptedException {
        return new PumpRulBenchmark(options).run();
    }

    private Result run() throws IOException, InterruptedException {
        if (options.heldOut() < 1 || options.heldOut() >= options.pumps()) {
            throw new IllegalArgumentException("held-out pumps must be 1.." + (options.pumps() - 1));
        }
        long t0 = System.nanoTime();
        Map<String, List<double[]>> train = new LinkedHashMap<>();
        Map<String, List<double[]>> test = new LinkedHashMap<>();
        String trainTag = "pump-train-" + options.run();
        String testTag = "pump-test-" + options.run();
        for (int i = 0; i < options.pumps(); i++) {
            List<double[]> life = PumpRunToFailure.run(options.seed() * 100_000 + i, STEP_SECONDS, MAX_HOURS);
            boolean heldOut = i >= options.pumps() - options.heldOut();
            if (heldOut && life.size() < 2) {
                continue; // faulted within its first hour: no hour before the fault to cut at
            }
            (heldOut ? test : train).put(String.format("%s-%03d", heldOut ? testTag : trainTag, i), life);
        }
        long simulateMillis = PlatformApi.millisSince(t0);
        // every history ends (faults) two hours ago: its hourly buckets are all complete
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

        t0 = System.nanoTime();
        register(train.keySet(), trainTag);
        for (Map.Entry<String, List<double[]>> e : train.entrySet()) {
            importHistory(e.getKey(), e.getValue(), e.getValue().size(), end);
        }
        awaitRollups(train);
        long importTrain = PlatformApi.millisSince(t0);

        ObjectNode model = JSON.createObjectNode();
        String name = "pump-rul-" + options.run();
        model.put("name", name);
        model.putObject("devices").put("tag", "set:" + trainTag);
        PumpRunToFailure.FEATURES.forEach(model.putArray("metrics")::add);
        model.put("failure", "fault > 0");
        model.put("cap", "PT" + CAP_HOURS + "H");
        model.put("interval", "1h");
        if (!options.training().isEmpty()) {
            ObjectNode t = model.putObject("training");
            options.training().forEach(t::put);
        }
        t0 = System.nanoTime();
        PlatformApi.expect(202, api.send("POST", "/api/v1/maintenance/models", "application/json", model.toString()));
        JsonNode trained = api.awaitTrained(name, options.trainingTimeout());
        long trainMillis = PlatformApi.millisSince(t0);

        // each held-out pump cut at a random hour before its fault: what it had sent by then
        Random cuts = new Random(options.seed());
        Map<String, Integer> lifeHours = new LinkedHashMap<>();
        Map<String, Instant> failedAt = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : test.entrySet()) {
            List<double[]> life = e.getValue();
            int keep = 1 + cuts.nextInt(life.size() - 1); // 1..size-1 records: never the fault hour
            lifeHours.put(e.getKey(), life.size());
            failedAt.put(e.getKey(), end);
            e.setValue(life.subList(0, keep));
        }
        t0 = System.nanoTime();
        register(test.keySet(), testTag);
        for (Map.Entry<String, List<double[]>> e : test.entrySet()) {
            importHistory(e.getKey(), e.getValue(), lifeHours.get(e.getKey()), end);
        }
        awaitRollups(test);
        long importTest = PlatformApi.millisSince(t0);

        t0 = System.nanoTime();
        List<Answer> answers = new ArrayList<>();
        for (String device : test.keySet()) {
            HttpResponse<String> rul = api.send("GET", "/api/v1/devices/" + device + "/rul?model=" + name, null, null);
            PlatformApi.expect(200, rul);
            JsonNode estimate = JSON.readTree(rul.body());
            // the time left from the estimate's own as-of (the newest complete hour it read)
            Instant asOf = Instant.parse(estimate.get("asOf").asText());
            double truth = Duration.between(asOf, failedAt.get(device)).toSeconds() / 3600.0;
            answers.add(new Answer(device, estimate.get("rulSeconds").asDouble() / 3600, truth));
        }
        long scoreMillis = PlatformApi.millisSince(t0);

        double naive = meanTrainingLabel(train.values());
        double sq = 0, capped = 0, naiveSq = 0;
        int tp = 0, fp = 0, fn = 0, failing = 0;
        for (Answer a : answers) {
            sq += (a.predicted() - a.truth()) * (a.predicted() - a.truth());
            double c = Math.min(a.truth(), CAP_HOURS);
            capped += (a.predicted() - c) * (a.predicted() - c);
            naiveSq += (naive - a.truth()) * (naive - a.truth());
            boolean fails = a.truth() <= HORIZON_HOURS;
            boolean flagged = a.predicted() <= HORIZON_HOURS;
            failing += fails ? 1 : 0;
            tp += fails && flagged ? 1 : 0;
            fp += !fails && flagged ? 1 : 0;
            fn += fails && !flagged ? 1 : 0;
        }
        int n = answers.size();
        return new Result(
                train.size(),
                n,
                Math.sqrt(sq / n),
                Math.sqrt(capped / n),
                Math.sqrt(naiveSq / n),
                tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp),
                tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn),
                failing,
                simulateMillis,
                importTrain,
                trainMillis,
                importTest,
                scoreMillis,
                trained);
    }

    /** The mean capped hours-to-fault label over every training record (what the model learns from). */
    static double meanTrainingLabel(Iterable<List<double[]>> lives) {
        double sum = 0;
        int n = 0;
        for (List<double[]> life : lives) {
            for (int h = 0; h < life.size(); h++) {
                sum += Math.min(CAP_HOURS, life.size() - 1 - h);
                n++;
            }
        }
        return sum / n;
    }

    private void register(Iterable<String> devices, String tag) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("deviceId,status,primaryKey,secondaryKey,tags\n");
        for (String d : devices) {
            csv.append(d).append(",enabled,,,set=").append(tag).append('\n');
        }
        PlatformApi.expect(200, api.send("POST", "/api/v1/devices/import", "text/csv", csv.toString()));
    }

    /**
     * The first {@code records.size()} hours of a life of {@code lifeHours} that faults in the hour
     * starting at {@code end}; each record at its hour's start, so it alone makes that hour's rollup.
     */
    private void importHistory(String device, List<double[]> records, int lifeHours, Instant end)
            throws IOException, InterruptedException {
        Instant first = end.minus(lifeHours - 1L, ChronoUnit.HOURS);
        StringBuilder csv = new StringBuilder("ts,").append(String.join(",", PumpRunToFailure.METRICS));
        csv.append('\n');
        for (int h = 0; h < records.size(); h++) {
            csv.append(first.plus(h, ChronoUnit.HOURS));
            for (double v : records.get(h)) {
                csv.append(',').append(Math.round(v * 10_000) / 10_000.0);
            }
            csv.append('\n');
        }
        HttpResponse<String> imported =
                api.send("POST", "/api/v1/devices/" + device + "/telemetry", "text/csv", csv.toString());
        PlatformApi.expect(200, imported);
        if (JSON.readTree(imported.body()).get("rejectedCount").asInt() > 0) {
            throw new IllegalStateException(device + ": lines refused " + imported.body());
        }
    }

    /** Until the rollup job (every 10 s) has summarised the imported hours of the last device. */
    private void awaitRollups(Map<String, List<double[]>> imported) throws IOException, InterruptedException {
        String last = null;
        for (String d : imported.keySet()) {
            last = d;
        }
        int expected = imported.get(last).size();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String from = Instant.now().minus(30, ChronoUnit.DAYS).toString();
        while (true) {
            HttpResponse<String> r = api.send(
                    "GET",
                    "/api/v1/devices/" + last + "/telemetry?interval=1h&metric=fault&from=" + from + "&to="
                            + Instant.now(),
                    null,
                    null);
            PlatformApi.expect(200, r);
            if (JSON.readTree(r.body()).size() >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(last + ": hourly rollups not there after 5 minutes: " + r.body());
            }
            Thread.sleep(1000);
        }
    }

    /**
     * {@code java -cp iot-device-edge.jar org.iotplatform.edge.bench.PumpRulBenchmark <url> <user>
     * <password-file> [pumps held-out [rounds maxDepth seeds folds]]}; {@code PUMP_RUN} names the run,
     * {@code PUMP_SEED} (default 1) picks the pumps.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PumpRulBenchmark <url> <user> <password-file>"
                    + " [pumps held-out [rounds maxDepth seeds folds]]");
            System.exit(2);
        }
        Map<String, Integer> training = new LinkedHashMap<>();
        if (args.length >= 9) {
            training.put("rounds", Integer.parseInt(args[5]));
            training.put("maxDepth", Integer.parseInt(args[6]));
            training.put("seeds", Integer.parseInt(args[7]));
            training.put("folds", Integer.parseInt(args[8]));
        }
        Options o = new Options(
                URI.create(args[0]),
                args[1],
                Files.readString(Path.of(args[2])).strip(),
                System.getenv()
                        .getOrDefault("PUMP_RUN", UUID.randomUUID().toString().substring(0, 6)),
                args.length >= 5 ? Integer.parseInt(args[3]) : 300,
                args.length >= 5 ? Integer.parseInt(args[4]) : 60,
                Long.parseLong(System.getenv().getOrDefault("PUMP_SEED", "1")),
                training,
                Duration.ofMinutes(30));
        Result r = run(o);
        JsonNode active = r.model().path("versions").path(0);
        System.out.printf("FIGURE pump-rul model: %s%n", r.model().path("name").asText());
        System.out.printf(
                "FIGURE pump-rul pumps: %d training, %d held out (simulated offline in %d ms, hourly means of %d s steps)%n",
                r.trainPumps(), r.testPumps(), r.simulateMillis(), STEP_SECONDS);
        System.out.printf("FIGURE pump-rul import of the training histories: %d ms%n", r.importTrainMillis());
        System.out.printf(
                "FIGURE pump-rul training: %d ms (the platform's own: %s ms; validation RMSE on held-out training pumps %.1f h)%n",
                r.trainMillis(),
                active.path("trainingMillis").asText(),
                active.path("validationRmseSeconds").asDouble(Double.NaN) / 3600);
        System.out.printf("FIGURE pump-rul import of the held-out prefixes: %d ms%n", r.importTestMillis());
        System.out.printf(
                "FIGURE pump-rul scoring: %d ms for %d pumps (%.1f ms each, through REST)%n",
                r.scoreMillis(), r.testPumps(), (double) r.scoreMillis() / r.testPumps());
        System.out.printf(
                "FIGURE pump-rul held-out: RMSE %.1f h (against the time left capped at %d h: %.1f h; naive mean-label RMSE %.1f h)%n",
                r.rmse(), CAP_HOURS, r.cappedRmse(), r.naiveRmse());
        System.out.printf(
                "FIGURE pump-rul fails within 7 days: precision %.2f, recall %.2f (%d of %d held-out pumps do)%n",
                r.precision(), r.recall(), r.failingWithinHorizon(), r.testPumps());
    }
}
