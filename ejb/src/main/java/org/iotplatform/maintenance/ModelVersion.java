package org.iotplatform.maintenance;

import java.time.Instant;

/**
 * One training of a model: its state ({@code training}, {@code ready}, {@code failed}) and what it is
 * doing, the parameters, how long it took, what it learnt from, and its validation on held-out devices.
 *
 * @param validationRmseSeconds mean RMSE of the held-out devices over the folds (null: not validated)
 */
public record ModelVersion(
        int version,
        String state,
        String stage,
        Instant requestedAt,
        String requestedBy,
        Instant finishedAt,
        Long trainingMillis,
        String parameters,
        Integer devices,
        Integer trainingRows,
        Double validationRmseSeconds,
        Integer validationFolds,
        String failureReason,
        boolean active) {

    public static final String TRAINING = "training";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
}
