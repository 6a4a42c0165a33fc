#!/usr/bin/env bash
# Issue 9's one-machine test: ./stratus up on a fresh home, every component on its own
# least-privilege database user and the installation's own broker user and virtual host (issue 15),
# the console's sign-in page answers, a server launched through the signed API reaches COMPLETE,
# ./stratus down, ./stratus up again (same users and passwords), the console answers again and the
# server is still known (and running: the local cloud's VMs outlive the platform).
#
#   .ci/one-command-test.sh [embedded|local]
#
# embedded (the default, what CI runs) forces the embedded MariaDB and Qpid Broker-J; local uses
# this machine's MariaDB (3306) and RabbitMQ (5672, rabbitmqctl: as root), and removes the users,
# schemas and virtual host it made there at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
services=${1:-embedded}
export STRATUS_HOME
case "$services" in
  embedded) export STRATUS_SERVICES=embedded db_port=3316 amqp_port=5682 ;;
  local) unset STRATUS_SERVICES; db_port=3306 amqp_port=5672 ;;
  *) echo "usage: $0 [embedded|local]" >&2; exit 2 ;;
esac
STRATUS_HOME=$(mktemp -d /tmp/stratus-one-command-XXXX)
log() { printf '[one-command] %s\n' "$*"; }
finish() {
  ./stratus down >/dev/null 2>&1 || true
  pkill -f "$STRATUS_HOME/localcloud/vms" 2>/dev/null || true
  if [ "$services" = local ] && [ -f "$STRATUS_HOME/installation" ]; then
    # shellcheck source=/dev/null
    . "$STRATUS_HOME/installation"
    local u=stratus_$INSTALLATION_ID
    mysql -u root -e "DROP DATABASE IF EXISTS \`$DB_SCHEMA\`; DROP DATABASE IF EXISTS \`$KM_DB_SCHEMA\`;
      DROP USER IF EXISTS '$u'@'%', '${u}_km'@'%', '${u}_console'@'%', '${u}_admin'@'%'" || true
    rabbitmqctl -q delete_vhost "$u" >/dev/null 2>&1 || true
    rabbitmqctl -q delete_user "$u" >/dev/null 2>&1 || true
  fi
  rm -rf "$STRATUS_HOME"
}
trap finish EXIT

log "up with the $services services (home $STRATUS_HOME)"
up=$(./stratus up 2>&1) || { printf '%s\n' "$up" | tail -n 40; exit 1; }
access=$(printf '%s\n' "$up" | sed -n 's/^ *access key: *//p')
secret=$(printf '%s\n' "$up" | sed -n 's/^ *secret key: *//p')
[ -n "$access" ] && [ -n "$secret" ] || { log "up printed no API key"; printf '%s\n' "$up" | tail -n 40; exit 1; }
grep -q "127.0.0.1:$db_port/" "$STRATUS_HOME/etc/dispatcher.properties" || { log "not on the $services database"; exit 1; }
grep -q "@127.0.0.1:$amqp_port/" "$STRATUS_HOME/etc/dispatcher.properties" || { log "not on the $services broker"; exit 1; }

# Least privilege (issue 15): each component's configuration names its own database user, not
# root, and is owner-only; the KM's user reaches only the KM's schema and no other user reaches it;
# the broker user is the installation's, in its own virtual host.
key() { sed -n "s/^$2=//p" "$STRATUS_HOME/etc/$1.properties"; }
mode() { stat -c %a "$1"; }
# shellcheck source=/dev/null
. "$STRATUS_HOME/installation"
account=stratus_$INSTALLATION_ID
for c in admin:${account}_admin km:${account}_km console:${account}_console dispatcher:$account \
  pinger:$account worker:$account api:$account; do
  [ "$(key "${c%%:*}" db.user)" = "${c#*:}" ] || { log "${c%%:*} uses database user '$(key "${c%%:*}" db.user)', not ${c#*:}"; exit 1; }
  [ "$(mode "$STRATUS_HOME/etc/${c%%:*}.properties")" = 600 ] || { log "etc/${c%%:*}.properties is not 0600"; exit 1; }
done
[ "$(mode "$STRATUS_HOME/secrets")" = 700 ] || { log "secrets/ is not 0700"; exit 1; }
for f in "$STRATUS_HOME"/secrets/*; do
  [ "$(mode "$f")" = 600 ] || { log "$f is not 0600"; exit 1; }
done
mysql_client=$(command -v mysql || command -v mariadb)
# as CONFIG SQL: runs SQL as the database user of etc/CONFIG.properties
as() {
  MYSQL_PWD=$(key "$1" db.password) "$mysql_client" --protocol=TCP -h 127.0.0.1 -P "$db_port" \
    -u "$(key "$1" db.user)" -N -B -e "$2" 2>&1 || true
}
as km "SELECT COUNT(*) FROM \`$KM_DB_SCHEMA\`.information_schema_probe" | grep -q "doesn't exist" ||
  { log "the KM's user cannot reach its own schema"; exit 1; }
as km "SELECT COUNT(*) FROM \`$DB_SCHEMA\`.component_registration" | grep -q 'denied' ||
  { log "the KM's user reads the main schema $DB_SCHEMA"; exit 1; }
[ "$(as dispatcher "SELECT COUNT(*) > 0 FROM \`$DB_SCHEMA\`.component_registration")" = 1 ] ||
  { log "the components' user cannot read the main schema"; exit 1; }
for c in admin console dispatcher; do
  as "$c" "SHOW TABLES FROM \`$KM_DB_SCHEMA\`" | grep -q 'denied' ||
    { log "the $c user reaches the KM's schema $KM_DB_SCHEMA"; exit 1; }
done
as dispatcher "CREATE TABLE \`$DB_SCHEMA\`.probe (v INT)" | grep -q 'denied' ||
  { log "the components' user may change the schema"; exit 1; }
MYSQL_PWD= "$mysql_client" --protocol=TCP -h 127.0.0.1 -P "$db_port" -u root -e 'SELECT 1' >/dev/null 2>&1 &&
  [ "$services" = embedded ] && { log "the embedded database lets root in without a password"; exit 1; }
amqp_uri=$(key worker amqp.uri)
[[ "$amqp_uri" == "amqp://$account:"*"@127.0.0.1:$amqp_port/$account" ]] ||
  { log "the broker URI is not the installation's user and virtual host"; exit 1; }
[ "$(key dispatcher amqp.uri)" = "$amqp_uri" ] && [ "$(key pinger amqp.uri)" = "$amqp_uri" ] ||
  { log "the components do not share the installation's broker account"; exit 1; }
secrets_before=$(cat "$STRATUS_HOME"/secrets/* | sha256sum)
log "every component on its own database user (owner-only configuration), the KM's schema its alone, broker user and virtual host $account"

# The console: its sign-in page answers over HTTPS with the installation's certificate, and 'up'
# printed the administrator's console sign-in once.
[[ "$up" == *'console: https://127.0.0.1:8080/'* ]] || { log "up printed no console address"; exit 1; }
[ -n "$(printf '%s\n' "$up" | sed -n 's/^stratus: *password: *//p')" ] || { log "up printed no console password"; exit 1; }
signin=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$STRATUS_HOME/pki/ca.crt" https://127.0.0.1:8080/signin) || signin=none
[ "$signin" = 200 ] || { log "https://127.0.0.1:8080/signin answered $signin, not 200"; tail -n 30 "$STRATUS_HOME/log/console.out"; exit 1; }
log "the console's sign-in page answers 200"

# api METHOD PATH [BODY]: one signed request (docs/api.md), the answer's body on stdout
api() {
  local method=$1 path=/api/enstratus/2013-03-13/$2 body=${3:-} timestamp signature agent=one-command
  timestamp=$(($(date +%s%N) / 1000000))
  signature=$(printf '%s' "$access:$method:$path:$timestamp:$agent" |
    openssl dgst -sha256 -hmac "$secret" -binary | base64)
  curl -sS --cacert "$STRATUS_HOME/pki/ca.crt" -X "$method" "https://127.0.0.1:8081$path" \
    -H "x-esauth-access: $access" -H "x-esauth-timestamp: $timestamp" \
    -H "x-esauth-signature: $signature" -H "User-Agent: $agent" -H 'Accept: application/json' \
    -H 'Content-Type: application/json' ${body:+--data "$body"}
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
await_job() {
  local job=$1 status answer
  for _ in $(seq 1 120); do
    answer=$(api GET "admin/Job/$job")
    status=$(printf '%s' "$answer" | json 'd["jobs"][0]["status"]' 2>/dev/null) ||
      { log "admin/Job/$job answered: $answer" >&2; status=UNREADABLE; }
    [ "$status" != RUNNING ] && { echo "$status"; return; }
    sleep 1
  done
  echo TIMEOUT
}

[ "$(await_job 1)" = COMPLETE ] || { log "the local-cloud account did not register"; exit 1; }
region=$(api GET geography/Region | json '[r["regionId"] for r in d["regions"] if r["providerId"]=="local-1"][0]')
image=$(api GET infrastructure/MachineImage | json '[i["machineImageId"] for i in d["images"] if i["providerId"]=="img-sleep" and i["region"]["regionId"]=='"$region"'][0]')
product=$(api GET infrastructure/ServerProduct | json '[p["productId"] for p in d["serverProducts"] if p["region"]["regionId"]=='"$region"'][0]')
launched=$(api POST infrastructure/Server "{\"launch\":[{\"name\":\"one-command\",\"machineImage\":{\"machineImageId\":$image},\"product\":{\"productId\":$product},\"region\":{\"regionId\":$region}}]}")
job=$(printf '%s' "$launched" | json 'd["jobs"][0]["jobId"]')
[ "$(await_job "$job")" = COMPLETE ] || { log "the launch did not complete: $(api GET "admin/Job/$job")"; exit 1; }
server=$(api GET "admin/Job/$job" | json 'd["jobs"][0]["message"]')
log "server $server launched through the API (job $job COMPLETE)"

log "down, then up again"
./stratus down >/dev/null
./stratus up >/dev/null 2>&1 || { log "the second up failed"; tail -n 30 "$STRATUS_HOME"/log/*.out; exit 1; }
[ "$(cat "$STRATUS_HOME"/secrets/* | sha256sum)" = "$secrets_before" ] || { log "the second up changed the passwords"; exit 1; }
signin=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$STRATUS_HOME/pki/ca.crt" https://127.0.0.1:8080/signin) || signin=none
[ "$signin" = 200 ] || { log "after down and up, the console's sign-in page answered $signin"; exit 1; }
state=$(api GET "infrastructure/Server/$server" | json 'd["servers"][0]["currentState"]')
[ "$state" = RUNNING ] || { log "server $server is $state after down and up"; exit 1; }
log "server $server is still known and RUNNING after down and up"
