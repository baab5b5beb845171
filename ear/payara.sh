#!/usr/bin/env bash
# Runs the application on Payara Server: fetches Payara through Maven, creates and tunes a domain,
# deploys the EAR without racing the server's own start-up, starts and stops it.
#
#   payara.sh prepare DIR DOMAIN [create-domain options]   fetch Payara into DIR/payara6, create DOMAIN
#   payara.sh start   DIR DOMAIN EAR HEALTH_URL             deploy EAR, start, wait until HEALTH_URL is UP
#   payara.sh stop    DIR DOMAIN
#   payara.sh status  DIR DOMAIN
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PAYARA_VERSION=${PAYARA_VERSION:-$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$here/../pom.xml" | head -1)}
PAYARA_HEAP=${PAYARA_HEAP:-1536m}

log() { printf '[payara] %s\n' "$*" >&2; }

asadmin() { "$dir/payara6/bin/asadmin" "$@"; }

# Payara's HTTP listener has 5 worker threads by default: REST callers (direct methods at hundreds a
# second) queued behind them for seconds. Applied to domains made before this setting too.
tune_http_threads() {
  sed -i "s|<thread-pool name=\"http-thread-pool\"></thread-pool>|<thread-pool name=\"http-thread-pool\" min-thread-pool-size=\"8\" max-thread-pool-size=\"${PAYARA_HTTP_THREADS:-64}\"></thread-pool>|" \
    "$1/config/domain.xml"
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
    asadmin --user admin create-domain --nopassword=true "$@" "$domain" >/dev/null
    # More heap than the 512 MB default: Vaadin, Hibernate and Camel share this JVM.
    sed -i "s/-Xmx512m/-Xmx$PAYARA_HEAP/" "$domain_dir/config/domain.xml"
    if [ -n "${PAYARA_CONFIG_CACHE_SECONDS:-}" ]; then
      # MicroProfile Config caches values (60 s by default); tests that change settings want 0
      sed -i "/<config name=\"server-config\">/a <microprofile-config cache-duration-seconds=\"$PAYARA_CONFIG_CACHE_SECONDS\"></microprofile-config>" \
        "$domain_dir/config/domain.xml"
    fi
  fi
  tune_http_threads "$domain_dir"
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
    tune_http_threads "$domain_dir"
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
case "$cmd" in
  prepare) prepare "$@" ;;
  start) start "${1:-}" "${2:?HEALTH_URL}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
