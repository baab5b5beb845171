#!/usr/bin/env bash
# The simulator's pumps through predictive maintenance on the running platform (./run.sh first):
# PUMPS simulated pumps (default 300) run to their fault offline, one record per simulated hour;
# all but HELD_OUT (default 60) are imported as run-to-failure histories and train a model with
# interval 1h; the held-out pumps' histories are cut at a random hour, imported, and scored. Prints
# RMSE in hours and the precision and recall of "fails within 7 days". Optional:
# TRAINING="rounds maxDepth seeds folds" (default: the platform's), PUMP_SEED (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
source device-edge/bench/lib.sh
[ -f "$EDGE_JAR" ] || mvn -q -o -pl device-edge -am package -DskipTests
# shellcheck disable=SC2086
java -cp "$EDGE_JAR" org.iotplatform.edge.bench.PumpRulBenchmark "$URL" admin .run/secrets/admin-password \
  "${PUMPS:-300}" "${HELD_OUT:-60}" ${TRAINING:-}
