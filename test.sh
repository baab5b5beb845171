#!/usr/bin/env bash
# Runs every test: unit tests, Arquillian on a real Payara with a real MariaDB, browser tests in
# headless Chromium. Prepares the host first (packages, MariaDB, a throw-away test database).
set -euo pipefail
cd "$(dirname "$0")"
IOT_SCRIPT=test
. scripts/host.sh

ensure_java_and_maven
ensure_packages chromium:chromium chromedriver:chromium-driver mosquitto_pub:mosquitto-clients ss:iproute2
# The Azure IoT device SDK connects to 8883 only: the gateway tests need that port free.
if (echo > /dev/tcp/localhost/8883) 2>/dev/null; then
  say "port 8883 is in use (a running ./run.sh?); stop it first: ./run.sh stop"
  exit 1
fi
start_mariadb

# A fresh database per run, so the migrations are applied from nothing every time.
db_password=$(secret "$IOT_STATE/secrets/test-db-password")
ensure_database iot_test iot_test "$db_password" fresh
ensure_database iot_test_admin iot_test "$db_password" fresh   # for the admin-defined data source test
export IOT_DB_URL="jdbc:mariadb://localhost:3306/iot_test"
export IOT_DB_USER=iot_test
export IOT_DB_PASSWORD="$db_password"
export IOT_ADMIN_PASSWORD="test-admin-$(openssl rand -hex 8)"
export IOT_GATEWAY_PASSWORD="test-gateway-$(openssl rand -hex 8)"
# Payara's /metrics for user monitoring (SecurityApiIT scrapes with it)
export IOT_MONITORING_PASSWORD="test-monitoring-$(openssl rand -hex 8)"
export IOT_REGISTRY_MASTER_KEY="$(openssl rand -base64 32)"
export IOT_HUB_GATEWAY_HOSTNAME=localhost
# The platform reads telemetry from the gateway the tests start (GatewayProcess, port 21883).
export IOT_INGRESS_MQTT_URL=tcp://localhost:21883
export IOT_INGRESS_MQTT_PASSWORD="test-backend-$(openssl rand -hex 8)"
# The test domain's admin password: payara.sh creates the domain with the file, Arquillian deploys
# with the password (arquillian.xml), the tests' asadmin calls use the file (ServerHardeningIT checks it).
export PAYARA_ADMIN_PASSWORD="$(secret "$IOT_STATE/secrets/test-payara-admin-password")"
export PAYARA_ADMIN_PASSWORD_FILE="$(asadmin_password_file "$IOT_STATE/secrets/test-payara-admin-password")"
export IOT_TELEMETRY_ROLLUP_EVERY=PT2S   # rollups a test can wait for
export IOT_INGRESS_PROBE_EVERY=PT2S      # telemetry-flow probes a test can wait for
export IOT_INGRESS_PROBE_TIMEOUT=PT6S
# sign-in back-off short enough that one test's wrong passwords cannot hold up the next test's calls
export IOT_SECURITY_SIGN_IN_MAX_ACCOUNT_DELAY=PT3S
export IOT_SECURITY_SIGN_IN_MAX_ADDRESS_DELAY=PT3S
# routes in the tests call webhooks on this host and write files under /tmp
export IOT_ROUTING_ALLOWED_HOSTS=localhost
export IOT_ROUTING_FILE_DIRECTORY=/tmp
# alert actions given up after three attempts a second apart at first (AlertActionsIT waits for it)
export IOT_ALERTS_ACTIONS_MAX_ATTEMPTS=3
export IOT_ALERTS_ACTIONS_RETRY_DELAY=PT1S

# The test domain is created anew from the unpacked Payara; stop one left over from a broken run.
if [ -x ear/target/payara6/bin/asadmin ]; then
  ear/payara.sh stop ear/target iot-test || true
fi
# ...and one left by another checkout (an interrupted CI run) still holds the test ports
if pkill -f 'glassfish/domains/iot-test/' 2>/dev/null; then
  say "stopped a test domain left running by another checkout"; sleep 5
fi

say "mvn verify (unit, Arquillian, browser)"
mvn -B -ntp clean verify "$@"
