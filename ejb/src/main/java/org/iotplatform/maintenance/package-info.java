/**
 * Predictive maintenance: remaining useful life (RUL) learnt from devices that ran to failure.
 *
 * <p>The model core is plain Java with no Jakarta EE: a {@link org.iotplatform.maintenance.DeviceHistory}
 * (time-ordered rows of metric values), its labels ({@link org.iotplatform.maintenance.RulLabels}: time
 * left until failure, capped), causal features ({@link org.iotplatform.maintenance.RulFeatures}: the
 * same code for training rows and for the live scoring row), gradient-boosted trees
 * ({@link org.iotplatform.maintenance.RulModel}, xgboost4j) and the benchmark's error measures
 * ({@link org.iotplatform.maintenance.RulScores}). xgboost4j's native library loads once per JVM, so it
 * lives in the EAR's {@code lib/}; a redeploy that brings a new copy of it needs a server restart.
 */
package org.iotplatform.maintenance;
