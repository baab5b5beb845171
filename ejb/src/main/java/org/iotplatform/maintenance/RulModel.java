package org.iotplatform.maintenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained remaining-useful-life regressor: gradient-boosted trees (xgboost4j), one per seed, averaged,
 * with the feature definition and the cap it was trained with, so it scores a device history by itself.
 *
 * <p>Native resources: each tree ensemble is a native Booster; {@link #close()} frees them (the model is
 * unusable after). Training builds and frees its own DMatrix and Booster, so concurrent trainings do not
 * share native state; a Booster itself is not safe to train from two threads. Predictions use XGBoost's
 * in-place prediction, which its documentation calls thread-safe and lock-free, so one model may score
 * from many threads at once; a read lock only keeps {@link #close()} from freeing a Booster mid-prediction.
 */
public final class RulModel implements AutoCloseable {

    private static final int FORMAT = 1;
    private static final String MAGIC = "iot-rul";

    /**
     * Training parameters.
     *
     * @param threads XGBoost's {@code nthread}; 0 for all cores
     */
    public record Params(
            double eta,
            int rounds,
            int maxDepth,
            double subsample,
            double colsampleByTree,
            double minChildWeight,
            List<Long> seeds,
            int threads) {

        /**
         * The recipe measured on C-MAPSS FD001 (../shared/STACK.md), with depth chosen by 5-fold
         * cross-validation grouped by engine on the 100 training engines only (Fd001Benchmark): the test
         * engines never chose anything. Three seeds averaged: smoother than one, a third of the variance.
         */
        public static final Params DEFAULTS = new Params(0.02, 800, 5, 0.8, 0.5, 10, List.of(1L, 2L, 3L), 0);

        public Params {
            seeds = List.copyOf(seeds);
            if (seeds.isEmpty() || rounds < 1 || maxDepth < 1) {
                throw new IllegalArgumentException("at least one seed, one round and depth 1");
            }
        }

        public Params withRounds(int rounds) {
            return new Params(eta, rounds, maxDepth, subsample, colsampleByTree, minChildWeight, seeds, threads);
        }

        public Params withMaxDepth(int maxDepth) {
            return new Params(eta, rounds, maxDepth, subsample, colsampleByTree, minChildWeight, seeds, threads);
        }

        public Params withSeeds(List<Long> seeds) {
            return new Params(eta, rounds, maxDepth, subsample, colsampleByTree, minChildWeight, seeds, threads);
        }

        public Params withThreads(int threads) {
            return new Params(eta, rounds, maxDepth, subsample, colsampleByTree, minChildWeight, seeds, threads);
        }

        Map<String, Object> xgboost(long seed) {
            Map<String, Object> p = new HashMap<>();
            p.put("objective", "reg:squarederror");
            p.put("tree_method", "hist");
            p.put("eta", eta);
            p.put("max_depth", maxDepth);
            p.put("subsample", subsample);
            p.put("colsample_bytree", colsampleByTree);
            p.put("min_child_weight", minChildWeight);
            p.put("seed", seed);
            p.put("verbosity", 0);
            if (threads > 0) {
                p.put("nthread", threads);
            }
            return p;
        }
    }

    private final RulFeatures features;
    private final Duration cap;
    private final List<Booster> boosters;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private RulModel(RulFeatures features, Duration cap, List<Booster> boosters) {
        this.features = features;
        this.cap = cap;
        this.boosters = List.copyOf(boosters);
    }

    /** Trains one ensemble per seed on every row of the set. Takes as long as it takes: never on a request thread. */
    public static RulModel train(RulTrainingSet set, Params params) {
        if (set.size() == 0) {
            throw new IllegalArgumentException("no labelled rows: no device in the set ran to failure");
        }
        List<Booster> trained = new ArrayList<>();
        DMatrix data = null;
        try {
            data = matrix(set.rows(), set.features().names().size());
            double[] labels = set.labels();
            float[] l = new float[labels.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (float) labels[i];
            }
            data.setLabel(l);
            for (long seed : params.seeds()) {
                trained.add(XGBoost.train(data, params.xgboost(seed), params.rounds(), Map.of(), null, null));
            }
            return new RulModel(set.features(), set.cap(), trained);
        } catch (XGBoostError e) {
            trained.forEach(Booster::dispose);
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (data != null) {
                data.dispose();
            }
        }
    }

    public RulFeatures features() {
        return features;
    }

    public Duration cap() {
        return cap;
    }

    /** Seconds the device has left after its newest record (between 0 and the cap). */
    public double predict(DeviceHistory history) {
        return predict(new double[][] {features.latest(history)})[0];
    }

    /** Seconds left for each feature row (rows as {@link RulFeatures} builds them). */
    public double[] predict(double[][] rows) {
        int columns = features.names().size();
        if (rows.length == 0) {
            return new double[0];
        }
        float[] flat = flatten(rows, columns);
        double[] sum = new double[rows.length];
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            for (Booster b : boosters) {
                float[][] p = b.inplace_predict(flat, rows.length, columns, Float.NaN);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += p[i][0];
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
        double capSeconds = RulLabels.seconds(cap);
        for (int i = 0; i < sum.length; i++) {
            sum[i] = Math.max(0, Math.min(capSeconds, sum[i] / boosters.size()));
        }
        return sum;
    }

    /** The model as bytes (to keep in the database): feature definition, cap and each ensemble in XGBoost's UBJSON. */
    public byte[] toBytes() {
        lock.readLock().lock();
        try (var bytes = new ByteArrayOutputStream();
                var out = new DataOutputStream(bytes)) {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(features.metrics().size());
            for (String m : features.metrics()) {
                out.writeUTF(m);
            }
            out.writeInt(features.windows().size());
            for (int w : features.windows()) {
                out.writeInt(w);
            }
            out.writeInt(features.baseline());
            out.writeLong(cap.toMillis());
            out.writeInt(boosters.size());
            for (Booster b : boosters) {
                byte[] model = b.toByteArray("ubj");
                out.writeInt(model.length);
                out.write(model);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not save the model: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A model from {@link #toBytes()}; close it when done. */
    public static RulModel fromBytes(byte[] data) {
        List<Booster> loaded = new ArrayList<>();
        try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new IllegalArgumentException("not a remaining-useful-life model of this version");
            }
            List<String> metrics = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                metrics.add(in.readUTF());
            }
            List<Integer> windows = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                windows.add(in.readInt());
            }
            int baseline = in.readInt();
            Duration cap = Duration.ofMillis(in.readLong());
            for (int i = in.readInt(); i > 0; i--) {
                byte[] model = new byte[in.readInt()];
                in.readFully(model);
                loaded.add(XGBoost.loadModel(model));
            }
            return new RulModel(new RulFeatures(metrics, windows, baseline), cap, loaded);
        } catch (IOException e) {
            loaded.forEach(Booster::dispose);
            throw new IllegalArgumentException("not a readable remaining-useful-life model: " + e.getMessage(), e);
        } catch (XGBoostError | RuntimeException e) {
            loaded.forEach(Booster::dispose);
            throw e instanceof RuntimeException r ? r : new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Frees the native ensembles; waits for predictions under way. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                boosters.forEach(Booster::dispose);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static DMatrix matrix(double[][] rows, int columns) throws XGBoostError {
        return new DMatrix(flatten(rows, columns), rows.length, columns, Float.NaN);
    }

    private static float[] flatten(double[][] rows, int columns) {
        float[] flat = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, not " + columns);
            }
            for (int j = 0; j < columns; j++) {
                flat[i * columns + j] = (float) rows[i][j];
            }
        }
        return flat;
    }
}
