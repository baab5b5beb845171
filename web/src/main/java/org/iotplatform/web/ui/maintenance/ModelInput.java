package org.iotplatform.web.ui.maintenance;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.iotplatform.maintenance.DeviceTag;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.maintenance.ModelDefinition;
import org.iotplatform.maintenance.TrainingSettings;

/**
 * The "New model" form as typed: turned into the service's definition with the same checks and
 * messages as the REST API, so the form refuses what the API refuses, for the same reason.
 *
 * @param metrics comma-separated metric names
 * @param rounds  null: the default; likewise depth, seeds and folds
 */
record ModelInput(
        String name,
        String devices,
        String watch,
        String metrics,
        String failure,
        String cap,
        String interval,
        Integer rounds,
        Integer maxDepth,
        Integer seeds,
        Integer folds) {

    /** @throws InvalidModelException with the reason, for people */
    ModelDefinition definition() {
        return new ModelDefinition(
                name == null ? null : name.strip(),
                tag(devices, "training devices"),
                watch == null || watch.isBlank() ? null : tag(watch, "watched devices"),
                metricList(metrics),
                failure,
                cap(cap),
                ModelDefinition.interval(interval),
                settings(rounds, maxDepth, seeds, folds));
    }

    static List<String> metricList(String metrics) {
        if (metrics == null) {
            return List.of();
        }
        return Arrays.stream(metrics.split(","))
                .map(String::strip)
                .filter(m -> !m.isEmpty())
                .toList();
    }

    /** Null when nothing is given (the service's defaults); a missing figure takes its default. */
    static TrainingSettings settings(Integer rounds, Integer maxDepth, Integer seeds, Integer folds) {
        if (rounds == null && maxDepth == null && seeds == null && folds == null) {
            return null;
        }
        TrainingSettings d = TrainingSettings.DEFAULTS;
        return new TrainingSettings(
                rounds == null ? d.rounds() : rounds,
                maxDepth == null ? d.maxDepth() : maxDepth,
                seeds == null ? d.seeds() : seeds,
                folds == null ? d.folds() : folds);
    }

    private static DeviceTag tag(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidModelException(field + " need a tag, name:value, e.g. set:fd001-train");
        }
        return DeviceTag.parse(text.strip());
    }

    private static Duration cap(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidModelException("cap is required: the longest time-to-failure a label says, e.g. PT125M");
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidModelException(
                    "cap must be an ISO-8601 duration such as PT125M or P30D, not '" + text.strip() + "'");
        }
    }
}
