#!/usr/bin/env bash
# install.sh: installs Stratus from its distribution archive, one profile per machine.
#
#   install.sh --profile single|backend|console|km|dispatcher|worker [options]
#
# Profiles (docs/install.md):
#   single      everything on one machine: KM, Dispatcher (and pinger), workers, API and
#               console (when this build has them); MySQL and RabbitMQ on this machine
#   backend     two machines, the back end: KM, Dispatcher, workers, MySQL, RabbitMQ
#   console     two machines, the front end: the API and the console (when this build has it)
#   km          four or five machines: the Key Manager and its schema stratus_km
#   dispatcher  four or five machines: the Dispatcher and pinger, the stratus schema and the broker
#   worker      four or five machines: the worker publisher and subscriber (any number of hosts)
#
# Options:
#   --prefix DIR            install root (default /services); init scripts go to /etc/init.d, or
#                           to DIR/init.d when DIR is not /services
#   --init-dir DIR          where the init scripts go
#   --user NAME             the service user (default stratus), created if missing
#   --host NAME             the name other components and agents reach this machine by, written
#                           into the certificates (default 127.0.0.1 for single, else hostname -f)
#   --db-url URL            the main schema, jdbc:mysql://HOST:PORT/stratus (default
#                           jdbc:mysql://127.0.0.1:3306/stratus)
#   --km-db-url URL         the KM's schema (default: the same server, schema stratus_km)
#   --db-user NAME          the components' database user (default stratus); the KM's is NAME_km,
#                           the console's NAME_console, the schema owner's (migrations) NAME_admin
#   --db-password P, --km-db-password P, --console-db-password P, --db-admin-password P
#                           their passwords (default: generated on the machine that creates the
#                           users, and kept in PREFIX/admin/etc/install.state)
#   --db-root-user NAME, --db-root-password P
#                           the MySQL account that creates schemas and users (default root, by
#                           the local socket or without a password)
#   --amqp-uri URI          amqp://USER:PASSWORD@HOST:5672/VHOST (default: user stratus, a
#                           generated password, vhost stratus on 127.0.0.1)
#   --km-url URL            the Key Manager as the Dispatcher and workers reach it (default
#                           https://HOST:KM_PORT when this machine runs the KM)
#   --dispatcher-url URL    the Dispatcher as the API and the console reach it (default
#                           https://HOST:DISPATCHER_PORT when this machine runs the Dispatcher)
#   --km-port N, --dispatcher-port N, --api-port N, --console-port N
#                           the HTTPS ports (default 2013, 3302, 8081, 8080)
#   --archive FILE          the distribution archive (default: the one this script came in, or
#                           ../distribution/target/stratus-*.tar.gz in a source checkout)
#   --no-packages           install no Debian packages (fail if something is missing)
#
# Safe to run again: it keeps the CA, the key-encryption key, certificates, passwords and any
# configuration edits, and changes only what differs. Exit codes: 0 installed, 1 failed, 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
profile=
prefix=/services
init_dir=
service_user=stratus
host=
db_url=
km_db_url=
db_user=
db_password=
km_db_password=
console_db_password=
db_admin_password=
db_root_user=root
db_root_password=
amqp_uri=
km_url=
km_port=
dispatcher_port=
dispatcher_url=
api_port=
console_port=
archive=
packages=true

say() { printf 'install: %s\n' "$*"; }
die() {
  printf 'install: %s\n' "$*" >&2
  exit 1
}
usage() {
  sed -n '2,46p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=${2:-} ;;
    --prefix) prefix=${2:-} ;;
    --init-dir) init_dir=${2:-} ;;
    --user) service_user=${2:-} ;;
    --host) host=${2:-} ;;
    --db-url) db_url=${2:-} ;;
    --km-db-url) km_db_url=${2:-} ;;
    --db-user) db_user=${2:-} ;;
    --db-password) db_password=${2:-} ;;
    --km-db-password) km_db_password=${2:-} ;;
    --console-db-password) console_db_password=${2:-} ;;
    --db-admin-password) db_admin_password=${2:-} ;;
    --db-root-user) db_root_user=${2:-} ;;
    --db-root-password) db_root_password=${2:-} ;;
    --amqp-uri) amqp_uri=${2:-} ;;
    --km-url) km_url=${2:-} ;;
    --km-port) km_port=${2:-} ;;
    --dispatcher-port) dispatcher_port=${2:-} ;;
    --dispatcher-url) dispatcher_url=${2:-} ;;
    --api-port) api_port=${2:-} ;;
    --console-port) console_port=${2:-} ;;
    --archive) archive=${2:-} ;;
    --no-packages) packages=false; shift; continue ;;
    -h | --help) usage ;;
    *) echo "install: unknown option $1" >&2; usage ;;
  esac
  [ $# -ge 2 ] || { echo "install: $1 needs a value" >&2; usage; }
  shift 2
done

# --- What the profile installs and hosts ---------------------------------------------------
case "$profile" in
  single) components="km dispatcher worker api console"; hosts_main_db=true; hosts_km_db=true; hosts_broker=true ;;
  backend) components="km dispatcher worker"; hosts_main_db=true; hosts_km_db=true; hosts_broker=true ;;
  console) components="console api"; hosts_main_db=false; hosts_km_db=false; hosts_broker=false ;;
  km) components="km"; hosts_main_db=false; hosts_km_db=true; hosts_broker=false ;;
  dispatcher) components="dispatcher"; hosts_main_db=true; hosts_km_db=false; hosts_broker=true ;;
  worker) components="worker"; hosts_main_db=false; hosts_km_db=false; hosts_broker=false ;;
  "") echo "install: --profile is required" >&2; usage ;;
  *) echo "install: unknown profile '$profile'" >&2; usage ;;
esac
[ "$(id -u)" = 0 ] || die "run as root (it creates a user, installs packages and init scripts)"
prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd)
if [ -z "$init_dir" ]; then
  if [ "$prefix" = /services ]; then init_dir=/etc/init.d; else init_dir=$prefix/init.d; fi
fi
has() { case " $components " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

state=$prefix/admin/etc/install.state
# What an earlier run chose (passwords, URLs, ports) is kept, unless given again.
if [ -f "$state" ]; then
  # shellcheck source=/dev/null
  . "$state"
  db_url=${db_url:-${STATE_DB_URL:-}}
  km_db_url=${km_db_url:-${STATE_KM_DB_URL:-}}
  db_user=${db_user:-${STATE_DB_USER:-}}
  db_password=${db_password:-${STATE_DB_PASSWORD:-}}
  km_db_password=${km_db_password:-${STATE_KM_DB_PASSWORD:-}}
  console_db_password=${console_db_password:-${STATE_CONSOLE_DB_PASSWORD:-}}
  db_admin_password=${db_admin_password:-${STATE_DB_ADMIN_PASSWORD:-}}
  amqp_uri=${amqp_uri:-${STATE_AMQP_URI:-}}
  km_url=${km_url:-${STATE_KM_URL:-}}
  km_port=${km_port:-${STATE_KM_PORT:-}}
  dispatcher_port=${dispatcher_port:-${STATE_DISPATCHER_PORT:-}}
  dispatcher_url=${dispatcher_url:-${STATE_DISPATCHER_URL:-}}
  api_port=${api_port:-${STATE_API_PORT:-}}
  console_port=${console_port:-${STATE_CONSOLE_PORT:-}}
  host=${host:-${STATE_HOST:-}}
fi

# The schemas, users, grants and broker accounts (shared with ./stratus).
# shellcheck source=accounts.sh
. "$here/accounts.sh"
secret() { accounts_secret; }

if [ -z "$host" ]; then
  if [ "$profile" = single ]; then host=127.0.0.1; else host=$(hostname -f 2>/dev/null || hostname); fi
fi
km_port=${km_port:-2013}
dispatcher_port=${dispatcher_port:-3302}
api_port=${api_port:-8081}
console_port=${console_port:-8080}
db_url=${db_url:-jdbc:mysql://127.0.0.1:3306/stratus}
db_user=${db_user:-stratus}
[[ "$db_url" =~ ^jdbc:mysql://([^/:?]+)(:([0-9]+))?/([A-Za-z0-9_]+)(\?.*)?$ ]] ||
  die "--db-url must look like jdbc:mysql://HOST:PORT/SCHEMA, not $db_url"
db_host=${BASH_REMATCH[1]}
db_port=${BASH_REMATCH[3]:-3306}
db_name=${BASH_REMATCH[4]}
db_params=${BASH_REMATCH[5]}
km_db_url=${km_db_url:-jdbc:mysql://$db_host:$db_port/stratus_km$db_params}
[[ "$km_db_url" =~ ^jdbc:mysql://([^/:?]+)(:([0-9]+))?/([A-Za-z0-9_]+)(\?.*)?$ ]] ||
  die "--km-db-url must look like jdbc:mysql://HOST:PORT/SCHEMA, not $km_db_url"
km_db_host=${BASH_REMATCH[1]}
km_db_port=${BASH_REMATCH[3]:-3306}
km_db_name=${BASH_REMATCH[4]}
[ "$km_db_name" != "$db_name" ] || die "the KM's schema must not be the main schema ($db_name)"
if [ -z "$amqp_uri" ]; then
  amqp_uri="amqp://stratus:$(secret)@127.0.0.1:5672/stratus"
fi
[[ "$amqp_uri" =~ ^amqps?://([^:@/]+):([^@/]*)@([^:/]+)(:([0-9]+))?/(.*)$ ]] ||
  die "--amqp-uri must look like amqp://USER:PASSWORD@HOST:5672/VHOST"
amqp_user=$(printf '%b' "${BASH_REMATCH[1]//%/\\x}")
amqp_password=$(printf '%b' "${BASH_REMATCH[2]//%/\\x}")
amqp_host=${BASH_REMATCH[3]}
amqp_port=${BASH_REMATCH[5]:-5672}
amqp_vhost=$(printf '%b' "${BASH_REMATCH[6]//%/\\x}")
[ -n "$amqp_vhost" ] || amqp_vhost=/
if [ -z "$km_url" ]; then
  if has km || [ "$profile" = single ] || [ "$profile" = backend ]; then
    km_url="https://$host:$km_port"
  elif has dispatcher || has worker; then
    die "--km-url is required: where the Key Manager runs, https://KM-HOST:2013"
  fi
fi

if [ -z "$dispatcher_url" ] && { has api || has console; }; then
  if has dispatcher; then
    dispatcher_url="https://$host:$dispatcher_port"
  else
    die "--dispatcher-url is required: where the Dispatcher runs, https://DISPATCHER-HOST:3302"
  fi
fi

# The passwords: given, kept from an earlier run, or generated where the users are created.
if $hosts_main_db; then
  db_password=${db_password:-$(secret)}
  console_db_password=${console_db_password:-$(secret)}
  db_admin_password=${db_admin_password:-$(secret)}
fi
if $hosts_km_db; then km_db_password=${km_db_password:-$(secret)}; fi
if { has dispatcher || has worker || has api; } && [ -z "$db_password" ]; then
  die "--db-password is required: the password of database user $db_user (see install.state on the database host)"
fi
if has km && [ -z "$km_db_password" ]; then
  die "--km-db-password is required: the password of database user ${db_user}_km"
fi

# --- Debian packages ---------------------------------------------------------------------
local_host() { case "$1" in 127.* | localhost | ::1) return 0 ;; *) [ "$1" = "$host" ] ;; esac; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

ensure_packages() {
  local wanted=()
  command -v java >/dev/null 2>&1 || wanted+=(openjdk-17-jre-headless)
  if has dispatcher || has worker; then
    command -v jsvc >/dev/null 2>&1 || wanted+=(jsvc)
  fi
  if { $hosts_main_db || $hosts_km_db; } && local_host "$db_host"; then
    command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 ||
      [ -x /usr/sbin/mariadbd ] || [ -x /usr/sbin/mysqld ] || wanted+=(mariadb-server)
    command -v mysql >/dev/null 2>&1 || wanted+=(mariadb-client)
  fi
  if $hosts_broker && local_host "$amqp_host"; then
    command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] ||
      wanted+=(rabbitmq-server)
  fi
  [ ${#wanted[@]} -eq 0 ] && return 0
  $packages || die "missing: ${wanted[*]} (install them, or run without --no-packages)"
  say "installing ${wanted[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${wanted[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q "${wanted[@]}" >/dev/null; } ||
    die "apt-get install ${wanted[*]} failed"
}

wait_port() {
  for _ in $(seq 1 60); do
    port_open "$1" "$2" && return 0
    sleep 1
  done
  return 1
}

ensure_services_up() {
  if { $hosts_main_db || $hosts_km_db; } && local_host "$db_host" && ! port_open "$db_host" "$db_port"; then
    say "starting MariaDB"
    service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
    wait_port "$db_host" "$db_port" || die "MySQL does not answer on $db_host:$db_port"
  fi
  if $hosts_broker && local_host "$amqp_host" && ! port_open "$amqp_host" "$amqp_port"; then
    say "starting RabbitMQ"
    service rabbitmq-server start >/dev/null 2>&1 || true
    wait_port "$amqp_host" "$amqp_port" || die "RabbitMQ does not answer on $amqp_host:$amqp_port"
  fi
}

# --- The archive ---------------------------------------------------------------------------
find_distribution() {
  if [ -z "$archive" ] && [ -d "$here/services" ]; then
    dist=$here
    return
  fi
  if [ -z "$archive" ]; then
    archive=$(ls -t "$here"/../distribution/target/stratus-*.tar.gz 2>/dev/null | head -n 1 || true)
    [ -n "$archive" ] || die "no archive: pass --archive FILE (build it with ./mvnw -pl distribution -am package)"
  fi
  [ -f "$archive" ] || die "no such archive: $archive"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  tar -xzf "$archive" -C "$work"
  dist=$(ls -d "$work"/stratus-*/ | head -n 1)
  dist=${dist%/}
}

# sync SRC DST: makes the tree DST hold SRC's files, copying only what differs, and removes
# files of DST/lib that SRC no longer has (an upgrade's old jars).
sync_tree() {
  local src=$1 dst=$2 f rel
  mkdir -p "$dst"
  (cd "$src" && find . -type d) | while read -r rel; do mkdir -p "$dst/$rel"; done
  (cd "$src" && find . -type f) | while read -r rel; do
    if ! cmp -s "$src/$rel" "$dst/$rel"; then
      cp -p "$src/$rel" "$dst/$rel"
    fi
  done
  if [ -d "$dst/lib" ]; then
    (cd "$dst" && find lib -type f) | while read -r f; do
      [ -e "$src/$f" ] || rm -f "$dst/$f"
    done
  fi
}

# install_component C: bin, lib and tomcat from the archive; etc templates only where missing
install_component() {
  local c=$1 src=$dist/services/$1 dst=$prefix/$1 f
  [ -d "$src" ] || return 1
  for part in bin lib tomcat; do
    [ -d "$src/$part" ] && sync_tree "$src/$part" "$dst/$part"
  done
  mkdir -p "$dst/etc/pki" "$dst/log"
  for f in "$src"/etc/*; do
    [ -e "$dst/etc/$(basename "$f")" ] || cp -p "$f" "$dst/etc/"
  done
  return 0
}

# set_key FILE KEY VALUE: KEY=VALUE in a properties file, replacing the key's line (or its
# commented-out template line), rewriting the file only when the value changes
set_key() {
  local file=$1 key=$2 value=$3 tmp
  grep -q -x -F "$key=$value" "$file" && return 0
  tmp=$(mktemp)
  KEY=$key VALUE=$value awk '
    BEGIN { k = ENVIRON["KEY"]; v = ENVIRON["VALUE"]; done = 0 }
    !done && (index($0, k "=") == 1 || index($0, "#" k "=") == 1) { print k "=" v; done = 1; next }
    { print }
    END { if (!done) print k "=" v }' "$file" >"$tmp"
  cat "$tmp" >"$file"
  rm -f "$tmp"
}

# set_conf FILE VAR VALUE: VAR=VALUE in a shell-sourced service.conf
set_conf() { set_key "$1" "$2" "$3"; }

# --- Certificates and the key-encryption key ------------------------------------------------
admin_cmd() { "$prefix/admin/bin/stratus-admin" --etc "$prefix/admin/etc" "$@"; }
ca_dir=

ensure_ca() {
  ca_dir=$prefix/admin/etc/pki
  mkdir -p "$ca_dir"
  chmod 700 "$ca_dir"
  if [ ! -f "$ca_dir/ca.p12" ]; then
    say "creating the installation CA in $ca_dir"
    admin_cmd pki init --dir "$ca_dir" --name "$host" >/dev/null
    case "$profile" in
      single | backend) ;;
      *) say "NOTE: a new CA. If another machine of this installation has one, remove $ca_dir and the components' etc/pki, copy that machine's admin/etc/pki here and run install.sh again (docs/install.md)" ;;
    esac
  fi
}

# issue C INTO: the component's certificate, unless it has one
issue() {
  local c=$1 pki=$2
  mkdir -p "$pki"
  if [ ! -f "$pki/$c.p12" ]; then
    say "issuing the $c certificate for $host"
    admin_cmd pki issue "$c" --host "$host" --dir "$ca_dir" --out "$pki/$c.p12" >/dev/null
  fi
  copy_if_differs "$ca_dir/truststore.p12" "$pki/truststore.p12"
  copy_if_differs "$ca_dir/truststore.p12.password" "$pki/truststore.p12.password"
}

copy_if_differs() { cmp -s "$1" "$2" || cp -p "$1" "$2"; }

ensure_kek() {
  local kek=$prefix/dispatcher/etc/pki/kek.p12
  if has dispatcher && [ ! -f "$kek" ]; then
    if [ -f "$prefix/worker/etc/pki/kek.p12" ]; then
      cp -p "$prefix/worker/etc/pki/kek.p12" "$prefix/worker/etc/pki/kek.p12.password" "$prefix/dispatcher/etc/pki/"
    else
      say "creating the key-encryption key $kek"
      "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$prefix/admin/lib/*" io.stratus.common.keys.KeyCommands \
        --etc "$prefix/dispatcher/etc" --component dispatcher kek init >/dev/null
    fi
  fi
  for c in worker api console; do
    if has "$c" && [ ! -f "$prefix/$c/etc/pki/kek.p12" ]; then
      [ -f "$kek" ] || die "no key-encryption key: copy kek.p12 and kek.p12.password from the Dispatcher host into $prefix/$c/etc/pki/, then run this again"
      cp -p "$kek" "$kek.password" "$prefix/$c/etc/pki/"
    fi
  done
}

# --- Database and broker -------------------------------------------------------------------
# mysql_root HOST PORT ARGS...: as the account that creates schemas and users. On this machine,
# without a root password, through the local socket first (Debian's root logs in by unix_socket).
mysql_root() {
  local h=$1 p=$2
  shift 2
  if [ -z "$db_root_password" ] && local_host "$h" && [ "$p" = 3306 ] &&
    mysql -u "$db_root_user" -N -B -e 'SELECT 1' >/dev/null 2>&1; then
    mysql -u "$db_root_user" -N -B "$@"
    return
  fi
  MYSQL_PWD=$db_root_password mysql --protocol=TCP -h "$h" -P "$p" -u "$db_root_user" -N -B "$@"
}

setup_databases() {
  if $hosts_main_db; then
    say "schema $db_name on $db_host:$db_port: users $db_user (components), ${db_user}_console (the console) and ${db_user}_admin (migrations)"
    accounts_main_schema "$db_host" "$db_port" "$db_name" "$db_user" "$db_password" \
      "$console_db_password" "$db_admin_password"
  fi
  if $hosts_km_db; then
    say "schema $km_db_name on $km_db_host:$km_db_port: user ${db_user}_km (the Key Manager only)"
    accounts_km_schema "$km_db_host" "$km_db_port" "$km_db_name" "$db_user" "$km_db_password"
  fi
}

grant_console_db_user() {
  $hosts_main_db || return 0
  accounts_grant_console "$db_host" "$db_port" "$db_name" "$db_user"
}

setup_broker() {
  $hosts_broker || return 0
  local_host "$amqp_host" || { say "broker on $amqp_host: create vhost $amqp_vhost and user $amqp_user there"; return 0; }
  command -v rabbitmqctl >/dev/null 2>&1 || die "rabbitmqctl not found: is RabbitMQ installed?"
  accounts_rabbitmq "$amqp_vhost" "$amqp_user" "$amqp_password"
}

# --- Configuration ---------------------------------------------------------------------------
configure() {
  local c etc
  if has km; then
    etc=$prefix/km/etc
    set_key "$etc/km.properties" tls.keystore "$etc/pki/km.p12"
    set_key "$etc/km.properties" tls.truststore "$etc/pki/truststore.p12"
    set_key "$etc/km.properties" db.url "$km_db_url"
    set_key "$etc/km.properties" db.user "${db_user}_km"
    set_key "$etc/km.properties" db.password "$km_db_password"
    set_key "$etc/km.properties" log.dir "$prefix/km/log"
    set_conf "$etc/service.conf" PORT "$km_port"
    set_conf "$etc/service.conf" SERVICE_USER "$service_user"
  fi
  if has dispatcher; then
    etc=$prefix/dispatcher/etc
    for f in dispatcher pinger; do
      set_key "$etc/$f.properties" tls.truststore "$etc/pki/truststore.p12"
      set_key "$etc/$f.properties" db.url "$db_url"
      set_key "$etc/$f.properties" db.user "$db_user"
      set_key "$etc/$f.properties" db.password "$db_password"
      set_key "$etc/$f.properties" amqp.uri "$amqp_uri"
    done
    set_key "$etc/dispatcher.properties" tls.keystore "$etc/pki/dispatcher.p12"
    set_key "$etc/pinger.properties" tls.keystore "$etc/pki/pinger.p12"
    set_key "$etc/dispatcher.properties" db.migrate false
    set_key "$etc/dispatcher.properties" km.url "$km_url"
    set_key "$etc/dispatcher.properties" keys.kek.file "$etc/pki/kek.p12"
    set_key "$etc/dispatcher.properties" agent.ca.dir "$etc/pki"
    set_key "$etc/dispatcher.properties" agent.url "https://$host:$dispatcher_port"
    set_key "$etc/dispatcher.properties" log.dir "$prefix/dispatcher/log"
    set_conf "$etc/service.conf" PORT "$dispatcher_port"
    set_conf "$etc/service.conf" SERVICE_USER "$service_user"
  fi
  if has worker; then
    etc=$prefix/worker/etc
    set_key "$etc/worker.properties" db.url "$db_url"
    set_key "$etc/worker.properties" db.user "$db_user"
    set_key "$etc/worker.properties" db.password "$db_password"
    set_key "$etc/worker.properties" amqp.uri "$amqp_uri"
    set_key "$etc/worker.properties" km.url "$km_url"
    set_key "$etc/worker.properties" keys.kek.file "$etc/pki/kek.p12"
    set_key "$etc/worker.properties" tls.keystore "$etc/pki/worker.p12"
    set_key "$etc/worker.properties" tls.truststore "$etc/pki/truststore.p12"
    set_conf "$etc/service.conf" SERVICE_USER "$service_user"
  fi
  if has console; then
    etc=$prefix/console/etc
    set_key "$etc/console.properties" tls.keystore "$etc/pki/console.p12"
    set_key "$etc/console.properties" tls.truststore "$etc/pki/truststore.p12"
    set_key "$etc/console.properties" dispatcher.url "$dispatcher_url"
    set_key "$etc/console.properties" db.url "$db_url"
    set_key "$etc/console.properties" db.user "${db_user}_console"
    set_key "$etc/console.properties" db.password "$console_db_password"
    set_key "$etc/console.properties" keys.kek.file "$etc/pki/kek.p12"
    set_key "$etc/console.properties" log.dir "$prefix/console/log"
    set_conf "$etc/service.conf" PORT "$console_port"
    set_conf "$etc/service.conf" SERVICE_USER "$service_user"
  fi
  if has api; then
    etc=$prefix/api/etc
    set_key "$etc/api.properties" tls.keystore "$etc/pki/api.p12"
    set_key "$etc/api.properties" tls.truststore "$etc/pki/truststore.p12"
    set_key "$etc/api.properties" dispatcher.url "$dispatcher_url"
    set_key "$etc/api.properties" db.url "$db_url"
    set_key "$etc/api.properties" db.user "$db_user"
    set_key "$etc/api.properties" db.password "$db_password"
    set_key "$etc/api.properties" keys.kek.file "$etc/pki/kek.p12"
    set_key "$etc/api.properties" log.dir "$prefix/api/log"
    set_conf "$etc/service.conf" PORT "$api_port"
    set_conf "$etc/service.conf" SERVICE_USER "$service_user"
  fi
  etc=$prefix/admin/etc
  set_key "$etc/admin.properties" db.url "$db_url"
  if $hosts_main_db; then
    set_key "$etc/admin.properties" db.user "${db_user}_admin"
    set_key "$etc/admin.properties" db.password "$db_admin_password"
  fi
}

write_state() {
  local tmp
  tmp=$(mktemp)
  umask 077
  cat >"$tmp" <<STATE
# Written by install.sh: what it chose, so that running it again changes nothing. Secret.
STATE_DB_URL='$db_url'
STATE_KM_DB_URL='$km_db_url'
STATE_DB_USER='$db_user'
STATE_DB_PASSWORD='$db_password'
STATE_KM_DB_PASSWORD='$km_db_password'
STATE_CONSOLE_DB_PASSWORD='$console_db_password'
STATE_DB_ADMIN_PASSWORD='$db_admin_password'
STATE_AMQP_URI='$amqp_uri'
STATE_KM_URL='$km_url'
STATE_KM_PORT='$km_port'
STATE_DISPATCHER_PORT='$dispatcher_port'
STATE_DISPATCHER_URL='$dispatcher_url'
STATE_API_PORT='$api_port'
STATE_CONSOLE_PORT='$console_port'
STATE_HOST='$host'
STATE
  if cmp -s "$tmp" "$state"; then rm -f "$tmp"; else mv "$tmp" "$state"; chmod 600 "$state"; fi
  umask 022
}

# Files the service user must read (etc) or write (log, Tomcat's work directories); the CA in
# admin/etc stays root's.
set_ownership() {
  local c
  for c in $components; do
    [ -d "$prefix/$c" ] || continue
    chown -R "root:$service_user" "$prefix/$c/etc"
    chmod -R u+rwX,g+rX,g-w,o-rwx "$prefix/$c/etc"
    chown -R "$service_user:$service_user" "$prefix/$c/log"
    chmod 750 "$prefix/$c/log"
    if [ -d "$prefix/$c/tomcat" ]; then
      chown -R "root:$service_user" "$prefix/$c/tomcat/conf"
      chmod -R g+rX,o-rwx "$prefix/$c/tomcat/conf"
      mkdir -p "$prefix/$c/tomcat/work" "$prefix/$c/tomcat/temp" "$prefix/$c/tomcat/logs" "$prefix/$c/tomcat/webapps"
      chown -R "$service_user:$service_user" "$prefix/$c/tomcat/work" "$prefix/$c/tomcat/temp" "$prefix/$c/tomcat/logs" "$prefix/$c/tomcat/webapps"
    fi
  done
  chmod 700 "$prefix/admin/etc"
}

install_init_scripts() {
  local c script tmp
  mkdir -p "$init_dir"
  for c in $components; do
    script=$dist/init.d/stratus-$c
    [ -f "$script" ] || continue
    tmp=$(mktemp)
    sed "s|^STRATUS_ROOT=\${STRATUS_ROOT:-/services}|STRATUS_ROOT=\${STRATUS_ROOT:-$prefix}|" "$script" >"$tmp"
    if cmp -s "$tmp" "$init_dir/stratus-$c"; then
      rm -f "$tmp"
    else
      mv "$tmp" "$init_dir/stratus-$c"
      chmod 755 "$init_dir/stratus-$c"
      say "installed $init_dir/stratus-$c"
    fi
    if [ "$init_dir" = /etc/init.d ] && command -v update-rc.d >/dev/null 2>&1; then
      update-rc.d "stratus-$c" defaults >/dev/null 2>&1 || true
    fi
  done
}

# --- Run -------------------------------------------------------------------------------------
say "profile $profile into $prefix"
ensure_packages
ensure_services_up
find_distribution
if ! id -u "$service_user" >/dev/null 2>&1; then
  say "creating the service user $service_user"
  # (another install running at the same moment may have just created it)
  useradd --system --user-group --no-create-home --home-dir "$prefix" --shell /usr/sbin/nologin \
    "$service_user" 2>/dev/null || id -u "$service_user" >/dev/null ||
    die "could not create the user $service_user"
fi

install_component admin || die "the archive has no admin command"
mkdir -p "$prefix/admin/etc"
missing=
for c in $components; do
  install_component "$c" || missing="$missing $c"
done
if [ -n "$missing" ]; then
  say "not in this distribution yet:$missing (skipped)"
  for c in $missing; do components=$(echo " $components " | sed "s/ $c / /"); done
fi
[ -n "$(echo "$components" | tr -d ' ')" ] || die "nothing of profile $profile is in this distribution"
# (checked once the archive is known: one without the console needs no console password)
if has console && [ -z "$console_db_password" ]; then
  die "--console-db-password is required: the password of database user ${db_user}_console (see install.state on the database host)"
fi

configure
write_state
ensure_ca
for c in $components; do
  issue "$c" "$prefix/$c/etc/pki"
done
if has dispatcher; then
  issue pinger "$prefix/dispatcher/etc/pki"
  # The Dispatcher signs guest agents' certificates with the CA.
  copy_if_differs "$ca_dir/ca.p12" "$prefix/dispatcher/etc/pki/ca.p12"
  copy_if_differs "$ca_dir/ca.p12.password" "$prefix/dispatcher/etc/pki/ca.p12.password"
fi
ensure_kek
setup_databases
setup_broker
if $hosts_main_db; then
  admin_cmd db migrate | sed 's/^/install: /'
  grant_console_db_user
fi
set_ownership
install_init_scripts
say "done: start with$(for c in $components; do printf ' %s/stratus-%s start' "$init_dir" "$c"; done)"
