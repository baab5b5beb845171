#!/usr/bin/env bash
# Throttled flat-out benchmark (a benchmark, not a test): DEVICES MQTT 3.1.1 devices publish MESSAGES
# QoS 1 messages each as fast as the gateway acknowledges (WINDOW in flight each), far above the
# per-device rate (iot.gateway.publish-rate-per-device, 100/s): the gateway slows them down instead of
# dropping. Prints FIGURE lines: rate reached, acknowledged, stored, missing (acknowledged but not stored).
#
# Needs the platform running (./run.sh).   DEVICES=200 MESSAGES=500 device-edge/bench/flood.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

DEVICES=${DEVICES:-200}
MESSAGES=${MESSAGES:-500}
WINDOW=${WINDOW:-10}
PREFIX=${PREFIX:-flood}
. device-edge/bench/lib.sh

register_devices "$PREFIX" "$DEVICES"
t0=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
java -Xmx1g -cp "$EDGE_JAR" org.iotplatform.edge.bench.FloodLoad --gateway localhost:1883 --prefix "$PREFIX" \
  --count "$DEVICES" --messages "$MESSAGES" --window "$WINDOW" --key "$KEY" | tee "$STATE/flood.log" | grep -v '^progress' >&2
result=$(grep '^RESULT' "$STATE/flood.log")
acked=$(echo "$result" | sed -n 's/.* acked=\([0-9]*\).*/\1/p')
rate=$(echo "$result" | sed -n 's/.* ackRate=\([0-9]*\).*/\1/p')
stored=0
for _ in $(seq 1 180); do
  stats=$(curl -s -u "admin:$ADMIN_PASSWORD" "$URL/api/v1/telemetry/ingest-stats?from=$t0&devicePrefix=$PREFIX-")
  stored=$(echo "$stats" | sed -n 's/.*"messages":\([0-9]*\).*/\1/p')
  [ "${stored:-0}" -ge "$acked" ] && break
  sleep 1
done
echo "FIGURE flood: $DEVICES devices x $MESSAGES messages, MQTT 3.1.1 QoS 1, window $WINDOW"
echo "FIGURE flood: acknowledged $acked at $rate messages/s; stored $stored; missing $((acked - stored))"
