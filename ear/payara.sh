#!/usr/bin/env bash
# Runs the application on Payara Server: fetches Payara through Maven, creates and tunes a domain,
# deploys the EAR without racing the server's own start-up, starts and stops it.
#
#   payara.sh prepare DIR DOMAIN [create-domain options]   fetch Payara into DIR/payara6, create DOMAIN
#   payara.sh start   DIR DOMAIN EAR HEALTH_URL             deploy EAR, start, wait until HEALTH_URL is UP
#   payara.sh stop    DIR DOMAIN
#   payara.sh status  DIR DOMAIN
#
# PAYARA_ADMIN_PASSWORD_FILE (optional) names a file "AS_ADMIN_PASSWORD=..." (asadmin's --passwordfile
# format): the domain's admin password, set when the domain is created (or, for a domain made
# without one, before its next start). Without it the admin port has no password, on loopback only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PAYARA_VERSION=${PAYARA_VERSION:-$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$here/../pom.xml" | head -1)}
PAYARA_HEAP=${PAYARA_HEAP:-1536m}

log() { printf '[payara] %s\n' "$*" >&2; }

asadmin() { "$dir/payara6/bin/asadmin" "$@"; }

# domain.xml holds one element per line, both as create-domain writes it and as Payara rewrites it
# (other attribute order, defaults dropped): the edits below work line by line on either layout.

# start_tag ELEMENT: a regex for ELEMENT's start tag up to (before) one of its attributes
start_tag() { printf '<%s\\( [^>]*\\)\\?' "$1"; }

# set_attr ELEMENT NAME VALUE [MATCH]: sed commands giving ELEMENT (on lines matching MATCH too) the
# attribute NAME="VALUE", replacing its value or adding it after the element's name
set_attr() {
  local element=$1 name=$2 value=$3 match=${4:-<$1}
  echo "/$match/{"
  echo "/$(start_tag "$element") $name=\"/!s|<$element\\([ />]\\)|<$element $name=\"$value\"\\1|"
  echo "s|\\($(start_tag "$element")\\) $name=\"[^\"]*\"|\\1 $name=\"$value\"|"
  echo "}"
}

# server_config FILE: the DAS's own configuration (<config name="server-config">) of a domain.xml
server_config() { sed -n '/<config name="server-config"/,/<\/config>/p' "$1"; }

# in_server_config FILE TEXT: the server-config of FILE contains TEXT (no grep -q in a pipe: with
# pipefail, sed killed by SIGPIPE after grep's early exit makes a match look like a miss)
in_server_config() { grep -qF -e "$2" <<<"$(server_config "$1")"; }

# expect FILE ELEMENT NAME VALUE [MATCH]: server-config has ELEMENT (on lines matching MATCH too),
# each with NAME="VALUE"
expect() {
  local lines
  lines=$(grep -e "<$2[ />]" <<<"$(server_config "$1")" | grep -e "${5:-<$2}") || return 1
  ! grep -v -e "$(start_tag "$2") $3=\"$4\"" <<<"$lines" >/dev/null
}

# Payara's HTTP listener has 5 worker threads by default: REST callers (direct methods at hundreds a
# second) queued behind them for seconds. (A fresh domain's pool has max-queue-size="4096": matching
# the bare element missed it until Payara had rewritten domain.xml.)
tune_http_threads() {
  sed -i "/<config name=\"server-config\"/,/<\/config>/{
$(set_attr thread-pool min-thread-pool-size 8 'name="http-thread-pool"')
$(set_attr thread-pool max-thread-pool-size "${PAYARA_HTTP_THREADS:-64}" 'name="http-thread-pool"')
}" "$1/config/domain.xml"
}

# The server's own doors (issue 13): the application needs only its HTTP listeners. The admin
# listener, the JMX connector, the IIOP (remote EJB) listeners, the Data Grid (Hazelcast; the DAS
# is its only member, EJB timers and the rest keep working) and the H2 server of the EJB timer
# database (its AUTO_SERVER=TRUE opens a random port once the timer service starts) listen on
# 127.0.0.1 only; the embedded JMS broker (OpenMQ, unused: the AMQP ingress brings its own client)
# is off. No Server or X-Powered-By header, no error page naming the server and its version (the
# error report valve is off: a container-made error is the status alone; Payara logs "Ignoring
# invalid property errorReportValve" per web module, and honours it), no Payara welcome page.
# The admin listener and JMX (which logs a harmless "Error stopping RMIConnector" at shutdown when
# bound to one address) want the admin password once the domain has one.
#
# Payara's MicroProfile /metrics (heap, threads, pools) and /openapi (every API operation) are not
# for anonymous callers: their security is on, for these roles (the application's role names, see
# ejb/.../operators/Role.java, and web/.../security/ServerEndpoints.java for the monitoring identity).
# Payara puts their servlets into the web module on "/", the platform's, whose authentication
# mechanism then authenticates them; it admits the roles over HTTPS only (HTTP gets a redirect).
# /health stays open for load balancers. Written into domain.xml rather than by
# set-metrics-configuration --securityenabled=true, which creates a file-realm user mp with
# password mp when it finds none; one found (from such a command) is removed.
METRICS_ROLES=monitoring,admin
OPENAPI_ROLES=admin,operator,viewer
harden() {
  local xml=$1/config/domain.xml option
  # Hazelcast binds every interface (whatever address it is given) unless told not to; H2 binds
  # its servers to h2.bindAddress
  local jvm_options=(-Dhazelcast.socket.bind.any=false -Dh2.bindAddress=127.0.0.1)
  local valve='<property name="errorReportValve" value=""></property>'
  local server_config_edits
  server_config_edits="
$(set_attr network-listener address 127.0.0.1 'name="admin-listener"')
$(set_attr jmx-connector address 127.0.0.1)
$(set_attr iiop-listener address 127.0.0.1)
$(set_attr jms-service type DISABLED)
$(set_attr http xpowered-by false)
$(set_attr http server-header false)
$(set_attr microprofile-metrics-configuration security-enabled true)
$(set_attr microprofile-metrics-configuration roles "$METRICS_ROLES")
$(set_attr microprofile-openapi-configuration security-enabled true)
$(set_attr microprofile-openapi-configuration roles "$OPENAPI_ROLES")"
  # a new domain's server-config has no jms-service (the broker runs by default): add it as
  # Payara writes it when asked (asadmin set ...jms-service.type=DISABLED)
  if ! in_server_config "$xml" '<jms-service '; then
    server_config_edits+='
/<config name="server-config"/a <jms-service default-jms-host="default_JMS_host" type="DISABLED"><jms-host port="${JMS_PROVIDER_PORT}" name="default_JMS_host" host="localhost"></jms-host></jms-service>'
  fi
  # a new domain has no element for the OpenAPI service (all defaults), maybe none for metrics: added
  # as Payara writes them (lines appended here are not edited by the commands above)
  if ! in_server_config "$xml" '<microprofile-metrics-configuration'; then
    server_config_edits+="
/<config name=\"server-config\"/a <microprofile-metrics-configuration roles=\"$METRICS_ROLES\" security-enabled=\"true\"></microprofile-metrics-configuration>"
  fi
  if ! in_server_config "$xml" '<microprofile-openapi-configuration'; then
    server_config_edits+="
/<config name=\"server-config\"/a <microprofile-openapi-configuration roles=\"$OPENAPI_ROLES\" security-enabled=\"true\"></microprofile-openapi-configuration>"
  fi
  for option in "${jvm_options[@]}"; do
    if ! in_server_config "$xml" "<jvm-options>$option</jvm-options>"; then
      server_config_edits+="
/<\/java-config>/i <jvm-options>$option</jvm-options>"
    fi
  done
  if ! in_server_config "$xml" 'name="errorReportValve"'; then
    # <virtual-server id="server" .../>, <virtual-server ...></virtual-server>, or one with children
    server_config_edits+='
/<virtual-server [^>]*id="server"/{
/\/>[[:space:]]*$/{s|[[:space:]]*/>[[:space:]]*$|>'"$valve"'</virtual-server>|;b}
/<\/virtual-server>/{s|</virtual-server>|'"$valve"'&|;b}
a '"$valve"'
}'
  fi
  sed -i -e "/<config name=\"server-config\"/,/<\/config>/{ $server_config_edits
}" -e "$(set_attr hazelcast-runtime-configuration das-bind-address 127.0.0.1)" \
     -e "$(set_attr hazelcast-runtime-configuration interface 127.0.0.1)" "$xml"
  rm -f "$1/docroot/index.html"
  if grep -q '^mp;' "$1/config/keyfile" 2>/dev/null; then
    sed -i '/^mp;/d' "$1/config/keyfile"
    log "removed the file-realm user mp (Payara's default for secured MicroProfile endpoints, password mp)"
  fi

  # a later Payara writing domain.xml differently must not leave the doors open unnoticed
  local missing=()
  expect "$xml" network-listener address 127.0.0.1 'name="admin-listener"' || missing+=(admin-listener)
  expect "$xml" jmx-connector address 127.0.0.1 || missing+=(jmx-connector)
  expect "$xml" iiop-listener address 127.0.0.1 || missing+=(iiop-listener)
  expect "$xml" jms-service type DISABLED || missing+=(jms-service)
  expect "$xml" http xpowered-by false || missing+=(xpowered-by)
  expect "$xml" http server-header false || missing+=(server-header)
  expect "$xml" property value '' 'name="errorReportValve"' || missing+=(errorReportValve)
  expect "$xml" microprofile-metrics-configuration security-enabled true || missing+=(metrics-security)
  expect "$xml" microprofile-metrics-configuration roles "$METRICS_ROLES" || missing+=(metrics-roles)
  expect "$xml" microprofile-openapi-configuration security-enabled true || missing+=(openapi-security)
  expect "$xml" microprofile-openapi-configuration roles "$OPENAPI_ROLES" || missing+=(openapi-roles)
  for option in "${jvm_options[@]}"; do
    in_server_config "$xml" "<jvm-options>$option</jvm-options>" || missing+=("$option")
  done
  grep -qF 'das-bind-address="127.0.0.1"' <<<"$(grep -e '<hazelcast-runtime-configuration ' "$xml")" || missing+=(hazelcast-runtime-configuration)
  if [ ${#missing[@]} -gt 0 ]; then
    log "could not harden $xml: ${missing[*]} not as expected (a changed domain.xml layout?)"
    exit 1
  fi
}

admin_password() { sed -n 's/^AS_ADMIN_PASSWORD=//p' "$password_file" | head -1; }

# A domain made without a password (before payara.sh set one) gets the one in the password file.
# Offline: change-admin-password edits the domain's admin key file when the domain is not running.
ensure_admin_password() {
  local domain_dir=$1 marker=$1/config/.admin-password-set change
  [ -n "$password_file" ] && [ ! -e "$marker" ] || return 0
  change=$(mktemp)   # mode 600
  printf 'AS_ADMIN_PASSWORD=\nAS_ADMIN_NEWPASSWORD=%s\n' "$(admin_password)" > "$change"
  if asadmin --user admin --passwordfile "$change" change-admin-password \
      --domaindir "$(dirname "$domain_dir")" --domain_name "$domain" >/dev/null 2>&1; then
    log "domain $domain had no admin password: set the one in $password_file"
    touch "$marker"
  else
    printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_NEWPASSWORD=%s\n' "$(admin_password)" "$(admin_password)" > "$change"
    if asadmin --user admin --passwordfile "$change" change-admin-password \
        --domaindir "$(dirname "$domain_dir")" --domain_name "$domain" >/dev/null 2>&1; then
      touch "$marker"
    else
      log "domain $domain has an admin password other than the one in $password_file: left as it is"
    fi
  fi
  rm -f "$change"
}

# running DOMAIN_DIR: the domain's server process is alive (its pid file is removed on a clean stop)
running() { [ -f "$1/config/pid" ] && kill -0 "$(cat "$1/config/pid")" 2>/dev/null; }

# Everything applied to a stopped domain's configuration before it starts; idempotent.
configure() {
  tune_http_threads "$1"
  harden "$1"
  ensure_admin_password "$1"
}

prepare() {
  if [ ! -x "$dir/payara6/bin/asadmin" ]; then
    log "fetching Payara $PAYARA_VERSION through Maven into $dir"
    mkdir -p "$dir"
    # markers kept beside the unpacked server, so removing it means unpacking again
    (cd "$dir" && mvn -B -q -ntp -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -DoutputDirectory="$dir" \
      -Dmdep.markersDirectory="$dir/.unpack-markers" -Dmdep.overWriteReleases=true >/dev/null)
    [ -x "$dir/payara6/bin/asadmin" ] || { log "unpacking Payara failed"; exit 1; }
  fi
  local domain_dir="$dir/payara6/glassfish/domains/$domain"
  if [ ! -d "$domain_dir" ]; then
    log "creating domain $domain $*"
    if [ -n "$password_file" ]; then
      asadmin --user admin --passwordfile "$password_file" create-domain --nopassword=false "$@" "$domain" >/dev/null
      touch "$domain_dir/config/.admin-password-set"
    else
      asadmin --user admin create-domain --nopassword=true "$@" "$domain" >/dev/null
    fi
    # More heap than the 512 MB default: Vaadin, Hibernate and Camel share this JVM.
    sed -i "s/-Xmx512m/-Xmx$PAYARA_HEAP/" "$domain_dir/config/domain.xml"
    if [ -n "${PAYARA_CONFIG_CACHE_SECONDS:-}" ]; then
      # MicroProfile Config caches values (60 s by default); tests that change settings want 0
      sed -i "/<config name=\"server-config\">/a <microprofile-config cache-duration-seconds=\"$PAYARA_CONFIG_CACHE_SECONDS\"></microprofile-config>" \
        "$domain_dir/config/domain.xml"
    fi
  fi
  if running "$domain_dir"; then
    log "domain $domain is running: its configuration is checked again before its next start"
  else
    configure "$domain_dir"
  fi
}

start() {
  local ear=$1 health=$2
  local domain_dir="$dir/payara6/glassfish/domains/$domain"
  if asadmin list-domains 2>/dev/null | grep -q "^$domain running"; then
    log "domain $domain already running"
  else
    # Copied in before start-up: deploying right after start-domain races the apps still loading.
    # The domain also starts the EAR it deployed last time and then redeploys the new one: the
    # markers tell when that is done, so nobody talks to the old one while it is being replaced.
    if [ -n "$ear" ]; then
      mkdir -p "$domain_dir/autodeploy"
      rm -f "$domain_dir/autodeploy/$(basename "$ear")_deployed" "$domain_dir/autodeploy/$(basename "$ear")_deployFailed"
      cp "$ear" "$domain_dir/autodeploy/"
    fi
    configure "$domain_dir"
    log "starting domain $domain"
    asadmin start-domain "$domain" >/dev/null
    if [ -n "$ear" ]; then
      local marker="$domain_dir/autodeploy/$(basename "$ear")" waited=0
      until [ -e "${marker}_deployed" ]; do
        if [ -e "${marker}_deployFailed" ]; then
          log "deploying $(basename "$ear") failed; see $domain_dir/logs/server.log"
          exit 1
        fi
        [ $waited -lt "${PAYARA_START_TIMEOUT:-420}" ] || { log "$(basename "$ear") not deployed in time"; exit 1; }
        sleep 2; waited=$((waited + 2))
      done
    fi
  fi
  log "waiting for $health"
  local deadline=$((SECONDS + ${PAYARA_START_TIMEOUT:-420}))
  # An empty server answers UP too: wait for the application's own checks to be UP.
  until curl -fsS "$health" 2>/dev/null | grep -q '"name":"database","status":"UP"'; do
    if [ $SECONDS -ge $deadline ]; then
      log "not healthy in time; see $domain_dir/logs/server.log"
      curl -sS "$health" >&2 || true
      exit 1
    fi
    sleep 3
  done
  log "healthy"
}

stop() {
  if [ -x "$dir/payara6/bin/asadmin" ]; then
    asadmin stop-domain "$domain" >/dev/null 2>&1 || true
  fi
}

status() {
  asadmin list-domains
}

cmd=${1:?usage: payara.sh prepare|start|stop|status DIR DOMAIN ...}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
domain=${3:?DOMAIN}
shift 3
password_file=${PAYARA_ADMIN_PASSWORD_FILE:-}
if [ -n "$password_file" ]; then
  password_file=$(realpath "$password_file")
  [ -r "$password_file" ] && [ "$(admin_password | wc -c)" -gt 8 ] || {
    log "PAYARA_ADMIN_PASSWORD_FILE: $password_file has no line AS_ADMIN_PASSWORD=<at least 8 characters>"; exit 1; }
fi
case "$cmd" in
  prepare) prepare "$@" ;;
  start) start "${1:-}" "${2:?HEALTH_URL}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
