package org.iotplatform.maintenance;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active version of each model, loaded once from the database and kept in memory for scoring
 * (a version's trees are native memory: the one it replaces is freed). A new version takes over at
 * the next estimate; scoring never waits for a training.
 */
@ApplicationScoped
public class ActiveModels {

    private record Loaded(int version, RulModel model) {}

    @Inject
    MaintenanceRepository repository;

    private final Map<Long, Loaded> loaded = new ConcurrentHashMap<>();

    /** In the caller's transaction (the first call for a version reads it from the database). */
    public RulModel get(long modelId, int version) {
        Loaded current = loaded.get(modelId);
        if (current != null && current.version() == version) {
            return current.model();
        }
        synchronized (this) {
            current = loaded.get(modelId);
            if (current != null && current.version() == version) {
                return current.model();
            }
            byte[] bytes = repository.modelBytes(modelId, version);
            if (bytes == null) {
                throw new ModelNotFoundException("version " + version + " of the model holds no trained trees");
            }
            RulModel model = RulModel.fromBytes(bytes);
            Loaded replaced = loaded.put(modelId, new Loaded(version, model));
            if (replaced != null) {
                replaced.model().close(); // waits for predictions under way
            }
            return model;
        }
    }

    /** After a model was deleted. */
    public synchronized void forget(long modelId) {
        Loaded gone = loaded.remove(modelId);
        if (gone != null) {
            gone.model().close();
        }
    }

    @PreDestroy
    synchronized void close() {
        loaded.values().forEach(l -> l.model().close());
        loaded.clear();
    }
}
