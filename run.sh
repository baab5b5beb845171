#!/usr/bin/env bash
# Runs the whole platform on this machine (Debian 12, as root): installs what is missing, starts
# MariaDB, builds the EAR when the sources changed, and runs it on Payara Server.
#   ./run.sh        start (idempotent: a second call reuses what is there)
#   ./run.sh stop   stop everything this script started
set -euo pipefail
cd "$(dirname "$0")"
IOT_SCRIPT=run
. scripts/host.sh

PAYARA_DIR="$IOT_STATE/payara"
DOMAIN=iot
EAR=ear/target/iot-platform.ear
HTTP_PORT=8080

GATEWAY_JAR=device-gateway/target/iot-device-gateway.jar
EDGE_JAR=device-edge/target/iot-device-edge.jar
GATEWAY_DIR="$IOT_STATE/gateway"
SIMULATOR_DIR="$IOT_STATE/simulator"

# stop_pid WHAT PIDFILE: stops the process of a pid file written by this script
stop_pid() {
  if [ -f "$2" ] && kill -0 "$(cat "$2")" 2>/dev/null; then
    say "stopping $1"
    kill "$(cat "$2")"
    for _ in $(seq 1 30); do kill -0 "$(cat "$2")" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$2"
}

if [ "${1:-}" = stop ]; then
  stop_pid "the simulated fleet" "$SIMULATOR_DIR/simulator.pid"
  stop_pid "the device gateway" "$GATEWAY_DIR/gateway.pid"
  if [ -x "$PAYARA_DIR/payara6/bin/asadmin" ]; then
    say "stopping Payara"
    ear/payara.sh stop "$PAYARA_DIR" "$DOMAIN"
  fi
  if [ -f "$IOT_STATE/mariadb.started-by-us" ] && mariadb_running; then
    say "stopping MariaDB"
    mariadb-admin shutdown
    rm -f "$IOT_STATE/mariadb.started-by-us"
  fi
  exit 0
fi

started=$SECONDS
ensure_java_and_maven
start_mariadb

db_password=$(secret "$IOT_STATE/secrets/db-password")
ensure_database iot iot "$db_password"
# Used once, when the first start creates the admin account; only its hash is stored.
admin_password=$(secret "$IOT_STATE/secrets/admin-password")
gateway_password=$(secret "$IOT_STATE/secrets/gateway-password")
# The back end's identity on the gateway's broker (telemetry ingress).
backend_password=$(secret "$IOT_STATE/secrets/backend-password")
# Encrypts device keys at rest; losing it means re-keying every device, so back it up.
master_key=$(secret_key "$IOT_STATE/secrets/registry-master-key")
# Payara's own admin password (admin console and asadmin, on 127.0.0.1:4848 only); the .asadmin
# file beside it is for asadmin --passwordfile.
payara_password_file=$(asadmin_password_file "$IOT_STATE/secrets/payara-admin-password")
# For a metrics scraper: user monitoring on https://...:8181/metrics (and nothing else).
monitoring_password=$(secret "$IOT_STATE/secrets/monitoring-password")

sources_changed() {
  [ ! -f "$EAR" ] || [ ! -f "$GATEWAY_JAR" ] || [ ! -f "$EDGE_JAR" ] && return 0
  [ -n "$(find pom.xml */pom.xml */src -newer "$EAR" -print -quit 2>/dev/null)" ]
}
if sources_changed; then
  say "building the EAR"
  mvn -B -q -ntp -DskipTests install
fi

export IOT_DB_URL="jdbc:mariadb://localhost:3306/iot"
export IOT_DB_USER=iot
export IOT_DB_PASSWORD="$db_password"
export IOT_ADMIN_PASSWORD="$admin_password"
export IOT_GATEWAY_PASSWORD="$gateway_password"
export IOT_MONITORING_PASSWORD="$monitoring_password"
export IOT_REGISTRY_MASTER_KEY="$master_key"
export IOT_HUB_HOSTNAME=iothub.local
export IOT_HUB_GATEWAY_HOSTNAME=localhost
export IOT_INGRESS_MQTT_URL=tcp://localhost:1883
export IOT_INGRESS_MQTT_USER=iot-backend
export IOT_INGRESS_MQTT_PASSWORD="$backend_password"
export IOT_ROUTING_FILE_DIRECTORY="${IOT_ROUTING_FILE_DIRECTORY:-$IOT_STATE/routes}"   # file routes write only below it

PAYARA_ADMIN_PASSWORD_FILE="$payara_password_file" \
  ear/payara.sh prepare "$PAYARA_DIR" "$DOMAIN" --adminport 4848 --instanceport "$HTTP_PORT"
PAYARA_ADMIN_PASSWORD_FILE="$payara_password_file" \
  ear/payara.sh start "$PAYARA_DIR" "$DOMAIN" "$EAR" "http://localhost:$HTTP_PORT/health/ready"

# The device gateway: a process of its own, asking the platform about every connecting device.
if [ -f "$GATEWAY_DIR/gateway.pid" ] && kill -0 "$(cat "$GATEWAY_DIR/gateway.pid")" 2>/dev/null; then
  say "device gateway already running"
else
  say "starting the device gateway"
  mkdir -p "$GATEWAY_DIR"
  # the log is appended to: a restart keeps what the gateway said before (often why it was restarted);
  # plain (non-TLS) device ports listen on loopback only unless IOT_GATEWAY_PLAIN_HOST says otherwise
  IOT_GATEWAY_PLATFORM_URL="http://localhost:$HTTP_PORT" \
  IOT_GATEWAY_PLATFORM_USER=gateway \
  IOT_GATEWAY_PLATFORM_PASSWORD="$gateway_password" \
  IOT_GATEWAY_BACKEND_USER=iot-backend \
  IOT_GATEWAY_BACKEND_PASSWORD="$backend_password" \
  IOT_GATEWAY_HUB_HOSTNAME=iothub.local \
  IOT_GATEWAY_DATA_DIR="$GATEWAY_DIR/data" \
  IOT_GATEWAY_TLS_DIR="$GATEWAY_DIR/tls" \
  IOT_GATEWAY_PLAIN_HOST="${IOT_GATEWAY_PLAIN_HOST:-127.0.0.1}" \
    nohup java -Xmx1g -jar "$GATEWAY_JAR" serve >>"$GATEWAY_DIR/gateway.log" 2>&1 &
  echo $! > "$GATEWAY_DIR/gateway.pid"
  for _ in $(seq 1 60); do
    [ -s "$GATEWAY_DIR/tls/ca.pem" ] && (echo > /dev/tcp/localhost/8883) 2>/dev/null && break
    kill -0 "$(cat "$GATEWAY_DIR/gateway.pid")" 2>/dev/null || { say "the gateway stopped; see $GATEWAY_DIR/gateway.log"; exit 1; }
    sleep 1
  done
fi

# A simulated fleet (5 pumping stations x 4 pumps, 10 vending machines, and station-06 whose 4 pump
# controllers speak only Modbus TCP, behind the Modbus protocol adapter), so the dashboard is alive.
# IOT_SIMULATOR=off leaves it out.
if [ "${IOT_SIMULATOR:-on}" != off ]; then
  if [ -f "$SIMULATOR_DIR/simulator.pid" ] && kill -0 "$(cat "$SIMULATOR_DIR/simulator.pid")" 2>/dev/null; then
    say "simulated fleet already running"
  else
    say "starting the simulated fleet"
    mkdir -p "$SIMULATOR_DIR"
    nohup java -Xmx256m -jar "$EDGE_JAR" simulate --platform "http://localhost:$HTTP_PORT" \
      --admin-password-file "$IOT_STATE/secrets/admin-password" --gateway tcp://localhost:1883 \
      --state "$SIMULATOR_DIR" --modbus-pumps 4 >"$SIMULATOR_DIR/simulator.log" 2>&1 &
    echo $! > "$SIMULATOR_DIR/simulator.pid"
  fi
fi

# Example rules, once (an operator may change or delete them). Each closes a loop with the simulated
# fleet: a pump running hot or vibrating is slowed down (it cools at a lower speed) and a work order
# is asked for; a vending cabinet warm on average over five minutes is told to run its compressor
# (it cools to 2 °C); a pump that falls silent raises a warning.
example_rule() {
  local name=$1 body=$2
  if ! curl -fsS -u "admin:$admin_password" "http://localhost:$HTTP_PORT/api/v1/rules" | grep -qF "\"name\":\"$name\""; then
    curl -fsS -o /dev/null -u "admin:$admin_password" -H 'Content-Type: application/json' \
      "http://localhost:$HTTP_PORT/api/v1/rules" -d "{\"name\":\"$name\",$body}" \
      || say "could not create the example rule '$name'"
  fi
}
if [ "${IOT_EXAMPLE_RULES:-on}" != off ]; then
  example_rule "pump running hot" '"devices":{"tag":"kind:pump"},"condition":"temperature > 75","inARow":3,"severity":"major","actions":[{"type":"method","name":"setSpeed","payload":{"rpm":900}},{"type":"workorder","title":"Check the cooling and the bearing"}]'
  example_rule "pump silent" '"devices":{"tag":"kind:pump"},"noTelemetryFor":"PT2M","severity":"warning"'
  example_rule "pump vibrating" '"devices":{"tag":"kind:pump"},"condition":"vibration > 4","inARow":5,"severity":"critical","actions":[{"type":"method","name":"setSpeed","payload":{"rpm":900}},{"type":"workorder","title":"Replace the bearing"}]'
  example_rule "vending cabinet warm" '"devices":{"tag":"kind:vending"},"condition":"cabinetTemperature > 8","aggregate":{"function":"avg","window":"PT5M"},"severity":"minor","actions":[{"type":"method","name":"runCompressor","payload":{"minutes":10}}]'
fi

cat <<INFO

  IoT platform is running ($((SECONDS - started)) s)

  Dashboard     http://localhost:$HTTP_PORT/
  REST API      http://localhost:$HTTP_PORT/api/v1/   (OpenAPI document, for operators: https://localhost:8181/openapi)
  Health        http://localhost:$HTTP_PORT/health    (open: /health/ready, /health/live; each check's name and UP/DOWN)
  Status        http://localhost:$HTTP_PORT/api/v1/platform/status (admin: versions, routes, heap)
  Metrics       https://localhost:8181/metrics (self-signed), user monitoring with the password in
                $IOT_STATE/secrets/monitoring-password, or an admin
  Sign in as    admin, with the initial password in $IOT_STATE/secrets/admin-password
  Devices       MQTT 1883, MQTT/TLS 8883, AMQP 5672, AMQP/TLS 5671, HTTPS 8443 (hub name iothub.local)
  Device CA     $GATEWAY_DIR/tls/ca.pem (trust it on devices)
  Server log    $PAYARA_DIR/payara6/glassfish/domains/$DOMAIN/logs/server.log
  Payara admin  http://127.0.0.1:4848/ (this machine only), admin with the password in
                $IOT_STATE/secrets/payara-admin-password (asadmin --passwordfile $payara_password_file)
  Gateway log   $GATEWAY_DIR/gateway.log
  Fleet         20 pumps in 5 stations, 4 Modbus pumps in station-06, 10 vending machines
                ($SIMULATOR_DIR/simulator.log; IOT_SIMULATOR=off to skip)
  Stop with     ./run.sh stop

INFO
