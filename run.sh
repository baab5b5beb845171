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

if [ "${1:-}" = stop ]; then
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
# Encrypts device keys at rest; losing it means re-keying every device, so back it up.
master_key=$(secret_key "$IOT_STATE/secrets/registry-master-key")

sources_changed() {
  [ ! -f "$EAR" ] && return 0
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
export IOT_REGISTRY_MASTER_KEY="$master_key"
export IOT_HUB_HOSTNAME=iothub.local
export IOT_HUB_GATEWAY_HOSTNAME=localhost

ear/payara.sh prepare "$PAYARA_DIR" "$DOMAIN" --adminport 4848 --instanceport "$HTTP_PORT"
ear/payara.sh start "$PAYARA_DIR" "$DOMAIN" "$EAR" "http://localhost:$HTTP_PORT/health/ready"

cat <<INFO

  IoT platform is running ($((SECONDS - started)) s)

  Dashboard     http://localhost:$HTTP_PORT/
  REST API      http://localhost:$HTTP_PORT/api/v1/   (OpenAPI document: http://localhost:$HTTP_PORT/openapi)
  Health        http://localhost:$HTTP_PORT/health    Metrics: http://localhost:$HTTP_PORT/metrics
  Sign in as    admin, with the initial password in $IOT_STATE/secrets/admin-password
  Server log    $PAYARA_DIR/payara6/glassfish/domains/$DOMAIN/logs/server.log
  Stop with     ./run.sh stop

INFO
