package org.iotplatform.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * A model as operators and the API see it: its definition ({@code interval}: {@code raw} or the
 * rollup its histories are read at), the newest version's number and state,
 * the active version, and every version with its figures (newest first).
 */
public record ModelView(
        String name,
        String devices,
        String watch,
        List<String> metrics,
        String failure,
        String cap,
        String interval,
        Instant createdAt,
        String createdBy,
        Integer version,
        String state,
        Integer activeVersion,
        List<ModelVersion> versions) {

    static ModelView of(StoredModel m, List<ModelVersion> versions) {
        ModelDefinition d = m.definition();
        ModelVersion newest = versions.isEmpty() ? null : versions.get(0);
        Integer active = versions.stream()
                .filter(ModelVersion::active)
                .map(ModelVersion::version)
                .findFirst()
                .orElse(null);
        return new ModelView(
                d.name(),
                d.devices().toString(),
                d.watch() == null ? null : d.watch().toString(),
                d.metrics(),
                d.failure(),
                d.cap().toString(),
                d.resolution(),
                m.createdAt(),
                m.createdBy(),
                newest == null ? null : newest.version(),
                newest == null ? null : newest.state(),
                active,
                versions);
    }
}
