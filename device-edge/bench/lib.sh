# Shared by the benchmark scripts (sourced, from the repository root): where things are, the
# benchmark device key, clean-up of started processes, and registering devices by bulk import.
STATE=.run/bench
GATEWAY_JAR=device-gateway/target/iot-device-gateway.jar
EDGE_JAR=device-edge/target/iot-device-edge.jar # the load generators
URL=${IOT_URL:-http://localhost:8080}
ADMIN_PASSWORD=$(cat .run/secrets/admin-password)
GATEWAY_PASSWORD=$(cat .run/secrets/gateway-password)
mkdir -p "$STATE"
[ -s "$STATE/key" ] || (umask 077 && openssl rand -base64 32 | tr -d '\n' > "$STATE/key")
KEY=$(cat "$STATE/key")

log() { printf '[bench] %s\n' "$*" >&2; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# register_devices PREFIX COUNT: devices PREFIX-000000.. with the benchmark key, 10,000 per import;
# prints a FIGURE line with the import time when any were missing.
register_devices() {
  local prefix=$1 count=$2 existing from to t0 code start
  existing=$(curl -s -u "admin:$ADMIN_PASSWORD" "$URL/api/v1/devices?q=$prefix-&pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  existing=${existing:-0}
  [ "$existing" -lt "$count" ] || return 0
  log "importing $((count - existing)) devices"
  start=$(date +%s%N)
  for ((from = existing; from < count; from += 10000)); do
    to=$((from + 10000 < count ? from + 10000 : count))
    { echo "deviceId,status,primaryKey,secondaryKey,tags"
      for ((i = from; i < to; i++)); do printf '%s-%06d,enabled,%s,,kind=bench\n' "$prefix" "$i" "$KEY"; done
    } > "$STATE/import.csv"
    t0=$(date +%s%N)
    code=$(curl -s -o "$STATE/import.out" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: text/csv' \
      --data-binary @"$STATE/import.csv" "$URL/api/v1/devices/import")
    [ "$code" = 200 ] || { log "import failed ($code): $(head -c 500 "$STATE/import.out")"; exit 1; }
    log "imported $from..$to in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  done
  echo "FIGURE bulk import: $((count - existing)) devices in $(( ($(date +%s%N) - start) / 1000000 )) ms"
}
