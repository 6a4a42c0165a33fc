#!/usr/bin/env bash
# Issue 9's one-machine test, with the embedded services forced: ./stratus up on a fresh home, the
# console's sign-in page answers, a server launched through the signed API reaches COMPLETE,
# ./stratus down, ./stratus up again, the console answers again and the server is still known (and
# running: the local cloud's VMs outlive the platform).
set -euo pipefail
cd "$(dirname "$0")/.."
export STRATUS_HOME STRATUS_SERVICES=embedded
STRATUS_HOME=$(mktemp -d /tmp/stratus-one-command-XXXX)
log() { printf '[one-command] %s\n' "$*"; }
finish() {
  ./stratus down >/dev/null 2>&1 || true
  pkill -f "$STRATUS_HOME/localcloud/vms" 2>/dev/null || true
  rm -rf "$STRATUS_HOME"
}
trap finish EXIT

log "up with the embedded services (home $STRATUS_HOME)"
up=$(./stratus up 2>&1) || { printf '%s\n' "$up" | tail -n 40; exit 1; }
access=$(printf '%s\n' "$up" | sed -n 's/^ *access key: *//p')
secret=$(printf '%s\n' "$up" | sed -n 's/^ *secret key: *//p')
[ -n "$access" ] && [ -n "$secret" ] || { log "up printed no API key"; printf '%s\n' "$up" | tail -n 40; exit 1; }
grep -q '3316' "$STRATUS_HOME/etc/dispatcher.properties" || { log "not on the embedded database"; exit 1; }

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
  local job=$1 status
  for _ in $(seq 1 120); do
    status=$(api GET "admin/Job/$job" | json 'd["jobs"][0]["status"]')
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
signin=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$STRATUS_HOME/pki/ca.crt" https://127.0.0.1:8080/signin) || signin=none
[ "$signin" = 200 ] || { log "after down and up, the console's sign-in page answered $signin"; exit 1; }
state=$(api GET "infrastructure/Server/$server" | json 'd["servers"][0]["currentState"]')
[ "$state" = RUNNING ] || { log "server $server is $state after down and up"; exit 1; }
log "server $server is still known and RUNNING after down and up"
