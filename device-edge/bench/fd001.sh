#!/usr/bin/env bash
# NASA C-MAPSS FD001 through the running platform (./run.sh first): imports the 100 training engines
# as devices, trains a maintenance model, imports the 100 test engines' partial histories, asks each
# for its remaining useful life and prints RMSE and the PHM08 score against RUL_FD001.txt, with the
# time each step took. Optional: TRAIN_UNITS / TEST_UNITS (first n engines) and
# TRAINING="rounds maxDepth seeds folds" (default: the platform's), FD001_CAP_CYCLES (label cap, 125).
set -euo pipefail
cd "$(dirname "$0")/../.."
source device-edge/bench/lib.sh
[ -f "$EDGE_JAR" ] || mvn -q -o -pl device-edge -am package -DskipTests
# shellcheck disable=SC2086
java -cp "$EDGE_JAR" org.iotplatform.edge.bench.Fd001Benchmark "$URL" admin .run/secrets/admin-password \
  data/cmapss "${TRAIN_UNITS:-0}" "${TEST_UNITS:-0}" ${TRAINING:-}
