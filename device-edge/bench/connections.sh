#!/usr/bin/env bash
# Connection benchmark (a benchmark, not a test): GATEWAYS gateway processes form an Artemis
# cluster and hold DEVICES device connections opened by load-generator processes (non-blocking
# MQTT clients, each from its own loopback source address). Prints devices held per gateway and
# in total, connects per second, memory per connection and the bulk import time.
#
# Needs the platform running (./run.sh): every connecting device is checked by it.
#   DEVICES=50000 GATEWAYS=3 device-edge/bench/connections.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

DEVICES=${DEVICES:-50000}
GATEWAYS=${GATEWAYS:-3}
PER_LOADGEN=${PER_LOADGEN:-12500}
HOLD=${HOLD:-60}
PREFIX=${PREFIX:-bench}
. device-edge/bench/lib.sh

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# 1. Register the benchmark devices once, all with one known key.
register_devices "$PREFIX" "$DEVICES"

# 2. Start the gateways as one Artemis cluster, each on ports of its own.
others() { local self=$1 list="" o; for ((o = 0; o < GATEWAYS; o++)); do [ $o = "$self" ] || list+="${list:+,}localhost:$((62616 + o))"; done; echo "$list"; }
cluster_password=$(openssl rand -hex 16)
gateway_ports=""
gateway_pids=()
for ((g = 0; g < GATEWAYS; g++)); do
  dir="$STATE/gateway-$g"; rm -rf "$dir/data"; mkdir -p "$dir"
  port=$((31883 + g * 10))
  IOT_GATEWAY_PLATFORM_URL=$URL IOT_GATEWAY_PLATFORM_USER=gateway IOT_GATEWAY_PLATFORM_PASSWORD=$GATEWAY_PASSWORD \
  IOT_GATEWAY_BACKEND_PASSWORD=$(openssl rand -hex 16) IOT_GATEWAY_DATA_DIR="$dir/data" IOT_GATEWAY_TLS_DIR="$STATE/tls" \
  IOT_GATEWAY_MQTT_PORT=$port IOT_GATEWAY_MQTTS_PORT=$((port + 1)) IOT_GATEWAY_AMQP_PORT=$((port + 2)) \
  IOT_GATEWAY_AMQPS_PORT=$((port + 3)) IOT_GATEWAY_HTTP_PORT=$((port + 4)) IOT_GATEWAY_HTTPS_PORT=$((port + 5)) IOT_GATEWAY_NODE_ID="gw$g" IOT_GATEWAY_CLUSTER_PORT=$((62616 + g)) \
  IOT_GATEWAY_CLUSTER_CONNECTORS="$(others $g)" IOT_GATEWAY_CLUSTER_PASSWORD=$cluster_password \
  IOT_GATEWAY_PUBLISH_RATE_PER_DEVICE=10 \
    java -Xms256m -Xmx3g -jar "$GATEWAY_JAR" serve > "$dir/gateway.log" 2>&1 &
  gateway_pids+=($!); pids+=($!)
  gateway_ports+="${gateway_ports:+,}localhost:$port"
done
for ((g = 0; g < GATEWAYS; g++)); do
  port=$((31883 + g * 10))
  for _ in $(seq 1 120); do (echo > /dev/tcp/localhost/$port) 2>/dev/null && break; sleep 1; done
done
sleep 5
baseline=()
for p in "${gateway_pids[@]}"; do baseline+=("$(rss_kib "$p")"); done
log "gateways up: $gateway_ports (RSS KiB ${baseline[*]})"

rm -f "$STATE"/loadgen-*.log
# 3. Load generators: each from its own source address, all gateways round-robin.
loadgens=$(((DEVICES + PER_LOADGEN - 1) / PER_LOADGEN))
for ((l = 0; l < loadgens; l++)); do
  count=$((DEVICES - l * PER_LOADGEN < PER_LOADGEN ? DEVICES - l * PER_LOADGEN : PER_LOADGEN))
  java -Xmx1g -cp "$EDGE_JAR" org.iotplatform.edge.bench.ConnectionLoad --gateways "$gateway_ports" \
    --prefix "$PREFIX" --first $((l * PER_LOADGEN)) --count "$count" --key "$KEY" --source "127.0.0.$((l + 2))" \
    --in-flight 100 --hold "$HOLD" > "$STATE/loadgen-$l.log" 2>&1 &
  pids+=($!)
done

# 4. While the connections are held, read each gateway's memory.
for _ in $(seq 1 900); do
  [ "$(grep -l '^CONNECTED' "$STATE"/loadgen-*.log 2>/dev/null | wc -l)" -ge "$loadgens" ] && break
  sleep 1
done
sleep $((HOLD / 2))
held=()
for p in "${gateway_pids[@]}"; do held+=("$(rss_kib "$p")"); done
for _ in $(seq 1 $((HOLD + 120))); do
  [ "$(grep -l '^RESULT' "$STATE"/loadgen-*.log 2>/dev/null | wc -l)" -ge "$loadgens" ] && break
  sleep 1
done

echo "== connection benchmark: $DEVICES devices, $GATEWAYS gateways (Artemis cluster), $loadgens load generators"
grep -h '^CONNECTED\|^RESULT' "$STATE"/loadgen-*.log
total=0
for ((g = 0; g < GATEWAYS; g++)); do
  port=$((31883 + g * 10))
  n=$(grep -ho "localhost:$port=[0-9]*" "$STATE"/loadgen-*.log | cut -d= -f2 | awk '{s+=$1} END {print s+0}')
  total=$((total + n))
  per=$(( n > 0 ? (held[g] - baseline[g]) * 1024 / n : 0 ))
  echo "FIGURE gateway $g: $n devices held, RSS $((baseline[g] / 1024)) MiB idle -> $((held[g] / 1024)) MiB, ~$((per / 1024)) KiB per connection"
done
rate=$(grep -ho 'rate=[0-9]*' "$STATE"/loadgen-*.log | cut -d= -f2 | awk '{s+=$1} END {print s+0}')
echo "FIGURE total devices connected: $total of $DEVICES; connects/s (sum over load generators): $rate"
