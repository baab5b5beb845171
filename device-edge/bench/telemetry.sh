#!/usr/bin/env bash
# Telemetry benchmark (a benchmark, not a test). With the same publishers (DEVICES simulated devices,
# QoS 1, four values per message, WINDOW unacknowledged messages each, for SECONDS_PER_PHASE seconds):
#   1. broker-only ceiling: a second gateway with a plain MQTT subscriber on a shared subscription,
#      no platform and no database behind it;
#   2. durable: the platform's gateway, Camel ingress, EJB ingest and MariaDB, counted in the database;
#   3. latency at a steady load of RATE_SHARE of the durable rate.
# Prints FIGURE lines: messages/s, publish-to-commit latency, CPU and memory of each process.
# RULES=100 first defines that many alert rules on every benchmark device, as a fleet would have them
# (conditions on temperature, flow and vibration, some "in a row" or "held for", none met by the load's
# normal readings): the cost of watching. An alert commits with the message that raises it, so the
# publish-to-commit latency is also the publish-to-alert latency. STEADY_RATE fixes phase 3's rate.
#
# Needs the platform running (./run.sh).   DEVICES=200 SECONDS_PER_PHASE=30 device-edge/bench/telemetry.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

DEVICES=${DEVICES:-500}
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-30}
WINDOW=${WINDOW:-4}
RATE_SHARE=${RATE_SHARE:-0.5}
RULES=${RULES:-0}
STEADY_RATE=${STEADY_RATE:-}
PREFIX=${PREFIX:-tbench}
. device-edge/bench/lib.sh

# CPU seconds (user+system) and resident memory of a process, from /proc.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
declare -A cpu_start
sample_start() { for name in "${!procs[@]}"; do cpu_start[$name]=$(cpu_ticks "${procs[$name]}"); done; phase_start=$(date +%s%N); }
report() {
  local phase=$1 wall=$(( ($(date +%s%N) - phase_start) / 1000000 )) hz; hz=$(getconf CLK_TCK)
  for name in $(printf '%s\n' "${!procs[@]}" | sort); do
    local p=${procs[$name]}
    [ -d "/proc/$p" ] || continue
    local used=$(( $(cpu_ticks "$p") - cpu_start[$name] ))
    printf 'FIGURE %s: %-8s cpu %5.2f cores  rss %5d MiB\n' "$phase" "$name" \
      "$(awk -v u="$used" -v h="$hz" -v w="$wall" 'BEGIN {print u / h / (w / 1000)}')" "$(rss_mib "$p")"
  done
}
json() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"; }
# stored_since T0 ACKED: waits (up to 2 min) until the platform stored ACKED messages since T0; sets $stats
stored_since() {
  for _ in $(seq 1 120); do
    stats=$(curl -s -u "admin:$ADMIN_PASSWORD" "$URL/api/v1/telemetry/ingest-stats?from=$1&devicePrefix=$PREFIX-")
    [ "$(echo "$stats" | json messages)" -ge "$2" ] && return 0
    sleep 1
  done
}

register_devices "$PREFIX" "$DEVICES"

# bench_rules N: replaces earlier benchmark rules by N rules on the benchmark devices
bench_rules() {
  local ids id i body
  ids=$(curl -s -u "admin:$ADMIN_PASSWORD" "$URL/api/v1/rules" \
    | { grep -oE '"id":[0-9]+(,"inARow":[0-9]+)?,"name":"bench-rule-' || true; } | sed -E 's/"id":([0-9]+).*/\1/')
  for id in $ids; do curl -s -o /dev/null -u "admin:$ADMIN_PASSWORD" -X DELETE "$URL/api/v1/rules/$id"; done
  for ((i = 0; i < $1; i++)); do
    case $((i % 4)) in
      0) body="\"condition\":\"temperature > $((80 + i))\"" ;;
      1) body="\"condition\":\"flow > $((200 + i))\",\"inARow\":3" ;;
      2) body="\"condition\":\"vibration > $((2 + i))\",\"heldFor\":\"PT1M\"" ;;
      3) body="\"condition\":\"pressure < 1 or temperature > $((90 + i))\"" ;;
    esac
    curl -fsS -o /dev/null -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' "$URL/api/v1/rules" \
      -d "{\"name\":\"bench-rule-$i\",\"devices\":{\"tag\":\"kind:bench\"},$body,\"severity\":\"minor\"}"
  done
  [ "$1" -eq 0 ] || sleep 12 # past iot.alerts.rules-refresh: every instance watches them
}
bench_rules "$RULES"

declare -A procs
procs[payara]=$(pgrep -f 'glassfish.jar|ASMain' | head -1)
procs[mariadb]=$(pgrep -x mariadbd | head -1)
procs[gateway]=$(pgrep -f 'iot-device-gateway.jar serve' | head -1)
for name in payara mariadb gateway; do
  [ -n "${procs[$name]}" ] || { log "no $name process: start the platform with ./run.sh"; exit 1; }
done
load() { # gateway-port extra-args...; then result prints its RESULT line
  local port=$1; shift
  java -Xmx1g -cp "$EDGE_JAR" org.iotplatform.edge.bench.TelemetryLoad --gateway "localhost:$port" --prefix "$PREFIX" \
    --count "$DEVICES" --key "$KEY" --seconds "$SECONDS_PER_PHASE" "$@" > "$STATE/load.log" 2>&1 &
  local lp=$!; pids+=($lp); procs[loadgen]=$lp
  while ! grep -q '^CONNECTED' "$STATE/load.log" 2>/dev/null; do
    kill -0 $lp 2>/dev/null || { cat "$STATE/load.log" >&2; exit 1; }; sleep 0.2
  done
  sample_start
  wait $lp || true
  unset 'procs[loadgen]'
  grep -q '^RESULT' "$STATE/load.log" || { cat "$STATE/load.log" >&2; exit 1; }
}
result() { grep '^RESULT' "$STATE/load.log"; }

echo "== telemetry benchmark: $DEVICES devices, QoS 1, window $WINDOW, $SECONDS_PER_PHASE s per phase, $RULES alert rules, $(nproc) cores"

# 1. Broker-only ceiling: a gateway of its own, a plain subscriber, nothing behind it.
log "phase 1: broker-only ceiling"
dir="$STATE/ceiling-gateway"; rm -rf "$dir"; mkdir -p "$dir"
backend_password=$(openssl rand -hex 16)
IOT_GATEWAY_PLATFORM_URL=$URL IOT_GATEWAY_PLATFORM_USER=gateway IOT_GATEWAY_PLATFORM_PASSWORD=$GATEWAY_PASSWORD \
IOT_GATEWAY_BACKEND_PASSWORD=$backend_password IOT_GATEWAY_DATA_DIR="$dir/data" IOT_GATEWAY_TLS_DIR="$dir/tls" \
IOT_GATEWAY_MQTT_PORT=41883 IOT_GATEWAY_MQTTS_PORT=41884 IOT_GATEWAY_AMQP_PORT=41885 IOT_GATEWAY_AMQPS_PORT=41886 \
IOT_GATEWAY_HTTP_PORT=41887 IOT_GATEWAY_HTTPS_PORT=41888 \
IOT_GATEWAY_NODE_ID=ceiling IOT_GATEWAY_PUBLISH_RATE_PER_DEVICE=100000 \
  java -Xmx1g -jar "$GATEWAY_JAR" serve > "$dir/gateway.log" 2>&1 &
ceiling_gateway=$!; pids+=($ceiling_gateway)
for _ in $(seq 1 60); do (echo > /dev/tcp/localhost/41883) 2>/dev/null && break; sleep 1; done
saved_gateway=${procs[gateway]}; procs[gateway]=$ceiling_gateway
load 41883 --window "$WINDOW" --subscribe "iot-backend:$backend_password" --run "ceiling$(date +%s)"
ceiling=$(result)
report "broker-only"
procs[gateway]=$saved_gateway
kill $ceiling_gateway; wait $ceiling_gateway 2>/dev/null || true
ceiling_rate=$(echo "$ceiling" | sed -n 's/.*receiveRate=\([0-9]*\).*/\1/p')
echo "FIGURE broker-only: $ceiling"

# 2. Durable: through the platform into MariaDB.
log "phase 2: durable, through the platform"
t0=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
load 1883 --window "$WINDOW" --run "durable$(date +%s)"
durable=$(result)
acked=$(echo "$durable" | sed -n 's/.* acked=\([0-9]*\).*/\1/p')
# let the platform drain what the broker still holds, then count in the database
stored_since "$t0" "$acked"
report "durable"
stored=$(echo "$stats" | json messages)
durable_rate=$(echo "$stats" | json perSecond | cut -d. -f1)
echo "FIGURE durable: published+acked $acked, stored $stored, $durable_rate msg/s committed (first to last commit);" \
  "publish-to-commit ms p50 $(echo "$stats" | json latencyP50Millis) p95 $(echo "$stats" | json latencyP95Millis)" \
  "p99 $(echo "$stats" | json latencyP99Millis)"
echo "FIGURE ratio durable / broker-only: $(awk -v d="$durable_rate" -v c="$ceiling_rate" 'BEGIN {printf "%.2f", d / c}')"

# 3. Latency at a steady load below saturation.
rate=${STEADY_RATE:-$(awk -v d="$durable_rate" -v s="$RATE_SHARE" 'BEGIN {printf "%d", d * s}')}
log "phase 3: steady $rate msg/s"
t0=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
load 1883 --rate "$rate" --run "steady$(date +%s)"
steady=$(result)
acked=$(echo "$steady" | sed -n 's/.* acked=\([0-9]*\).*/\1/p')
stored_since "$t0" "$acked"
report "steady"
echo "FIGURE steady $rate msg/s: stored $(echo "$stats" | json messages) of $acked; publish-to-commit ms" \
  "p50 $(echo "$stats" | json latencyP50Millis) p95 $(echo "$stats" | json latencyP95Millis) p99 $(echo "$stats" | json latencyP99Millis)"
