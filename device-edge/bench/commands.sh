#!/usr/bin/env bash
# Command benchmark (a benchmark, not a test): direct-method round trips through REST, EJB, Camel,
# the gateway and back, at RATE calls/s for DURATION seconds, over DEVICES devices that answer at once; then
# cloud-to-device messages at MESSAGE_RATE/s (REST call to arrival at the device). Prints RESULT lines.
#
# Needs the platform running (./run.sh), and a few minutes of its JIT: the first run after a start is
# slower (see docs/PERFORMANCE.md).          RATE=500 DURATION=60 device-edge/bench/commands.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DEVICES=${DEVICES:-50}
RATE=${RATE:-500}
MESSAGE_RATE=${MESSAGE_RATE:-200}
SECONDS_PER_PHASE=${DURATION:-60} # not SECONDS: bash counts that one up by itself
PREFIX=${PREFIX:-cbench}
. device-edge/bench/lib.sh

register_devices "$PREFIX" "$DEVICES"
run() {
  java -Xmx1g -cp "$EDGE_JAR" org.iotplatform.edge.bench.CommandLoad --platform "$URL" \
    --admin-password-file .run/secrets/admin-password --gateway localhost:1883 --prefix "$PREFIX" \
    --count "$DEVICES" --key "$KEY" --seconds "$SECONDS_PER_PHASE" --warmup-seconds "${WARMUP:-20}" --warmup-rate 100 "$@"
}
echo "== command benchmark: $DEVICES devices, $(nproc) cores"
log "direct methods at $RATE/s"
run --mode methods --rate "$RATE" | tee "$STATE/methods.log" | grep -E 'RESULT|progress t=(10|20|30)s'
log "cloud-to-device messages at $MESSAGE_RATE/s"
run --mode messages --rate "$MESSAGE_RATE" | tee "$STATE/messages.log" | grep -E 'RESULT|progress t=(10|20|30)s'
