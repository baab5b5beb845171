# Sourced by run.sh and test.sh: what the platform needs from the host (Debian 12, as root, no systemd).
# Installs missing packages, starts MariaDB, creates a database and its non-root user.

IOT_STATE=${IOT_STATE:-"$(pwd)/.run"}

say() { printf '\033[1m[%s]\033[0m %s\n' "${IOT_SCRIPT:-iot}" "$*" >&2; }

# ensure_packages CMD:PKG ... : apt-get install PKG when CMD is missing
ensure_packages() {
  local missing=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# ensure_library SONAME PKG: apt-get install PKG when the shared library SONAME is not installed
ensure_library() {
  ldconfig -p 2>/dev/null | grep -q "[[:space:]]$1 " && return
  say "installing $2"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "$2" >/dev/null
}

ensure_java_and_maven() {
  ensure_packages java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless mvn:maven curl:curl \
    unzip:unzip openssl:openssl
  # xgboost4j's native library (predictive maintenance) needs OpenMP
  ensure_library libgomp.so.1 libgomp1
}

mariadb_running() { mariadb-admin ping >/dev/null 2>&1; }

# start_mariadb: starts the server unless it answers already; records that we started it
start_mariadb() {
  ensure_packages mariadbd:mariadb-server mariadb:mariadb-client
  if mariadb_running; then
    return
  fi
  say "starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  # InnoDB's default 128 MB buffer pool stops holding the telemetry working set after a few million
  # values (measured: durable rate halved); 1 GB is a modest share of a server's memory.
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql \
    --innodb-buffer-pool-size="${IOT_MARIADB_BUFFER_POOL:-1G}"
  local i
  for i in $(seq 1 60); do
    mariadb_running && break
    sleep 1
  done
  mariadb_running || { say "MariaDB did not start"; exit 1; }
  mkdir -p "$IOT_STATE" && touch "$IOT_STATE/mariadb.started-by-us"
}

# secret FILE: prints the secret in FILE, creating it (random, mode 600) on first use
secret() {
  local file=$1
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && openssl rand -base64 24 | tr -d '/+=\n' > "$file")
  fi
  cat "$file"
}

# secret_key FILE: like secret, but exactly 256 random bits in base64 (for AES keys)
secret_key() {
  local file=$1
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && openssl rand -base64 32 | tr -d '\n' > "$file")
  fi
  cat "$file"
}

# asadmin_password_file FILE: prints the name of FILE.asadmin (mode 600), the secret in FILE (made
# on first use) in asadmin's --passwordfile format: AS_ADMIN_PASSWORD=...
asadmin_password_file() {
  local password
  password=$(secret "$1")
  (umask 077 && printf 'AS_ADMIN_PASSWORD=%s\n' "$password" > "$1.asadmin")
  echo "$1.asadmin"
}

# ensure_database NAME USER PASSWORD [fresh]: creates the database and a user owning only it
ensure_database() {
  local db=$1 user=$2 password=$3 fresh=${4:-}
  if [ "$fresh" = fresh ]; then
    mariadb -e "DROP DATABASE IF EXISTS \`$db\`"
  fi
  mariadb <<SQL
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$user'@'localhost' IDENTIFIED BY '$password';
ALTER USER '$user'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'localhost';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'127.0.0.1';
SQL
}
