#!/usr/bin/env bash
# Dashboard benchmark (a benchmark, not a test): time to first paint and to figures on screen of the
# home view and of a station, in Chromium, with DEVICES devices registered in stations of PER_STATION.
# Needs the platform running (./run.sh).            DEVICES=1000 ROUNDS=5 ear/bench/dashboard.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-1000}
PER_STATION=${PER_STATION:-10}
ROUNDS=${ROUNDS:-5}
URL=${IOT_URL:-http://localhost:8080}
STATE=../.run/bench
mkdir -p "$STATE"
ADMIN_PASSWORD=$(cat ../.run/secrets/admin-password)

existing=$(curl -s -u "admin:$ADMIN_PASSWORD" "$URL/api/v1/devices?tag=kind:dashboard-bench&pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
if [ "${existing:-0}" -lt "$DEVICES" ]; then
  { echo "deviceId,status,primaryKey,secondaryKey,tags"
    for ((i = 0; i < DEVICES; i++)); do
      printf 'dash-%05d,enabled,,,station=bench-st-%03d;position=%d;kind=dashboard-bench\n' "$i" $((i / PER_STATION + 1)) $((i % PER_STATION + 1))
    done
  } > "$STATE/dashboard.csv"
  code=$(curl -s -o "$STATE/dashboard.out" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: text/csv' \
    --data-binary @"$STATE/dashboard.csv" "$URL/api/v1/devices/import")
  [ "$code" = 200 ] || { echo "import failed ($code): $(head -c 500 "$STATE/dashboard.out")"; exit 1; }
fi
total=$(curl -s -u "admin:$ADMIN_PASSWORD" "$URL/api/v1/devices?pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "== dashboard benchmark: $total devices registered, $(nproc) cores"
IOT_ADMIN_PASSWORD="$ADMIN_PASSWORD" mvn -B -q -ntp -Dstyle.color=never test-compile exec:java \
  -Dexec.mainClass=org.iotplatform.it.DashboardPaint -Dexec.classpathScope=test \
  -Diot.test.base-url="$URL" -Dexec.args="${STATION:-bench-st-001} $ROUNDS" 2>&1 | grep -E 'RESULT|progress|stations on'
echo "== a live station of the simulated fleet"
IOT_ADMIN_PASSWORD="$ADMIN_PASSWORD" mvn -B -q -ntp -Dstyle.color=never exec:java \
  -Dexec.mainClass=org.iotplatform.it.DashboardPaint -Dexec.classpathScope=test \
  -Diot.test.base-url="$URL" -Dexec.args="station-01 $ROUNDS" 2>&1 | grep -E 'RESULT'
