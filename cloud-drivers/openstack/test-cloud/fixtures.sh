#!/bin/bash
# What the driver's tests expect in the test cloud: image "tiny" (public, raw, 1 MiB of random
# bytes) and flavor "m1.tiny" (id 1: 1 vCPU, 64 MiB, 1 GB). Creates only what is missing.
set -euo pipefail
P=${OS_DIR:-/tmp/stratus-openstack}
PY=/usr/bin/python3; N=http://127.0.0.1:8774/v2.1; G=http://127.0.0.1:9292
. "$P/token.sh"; [ -n "$TOKEN" ] || { echo "no token from Keystone"; exit 1; }
H=(-H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json')
IMG=$(curl -sf "${H[@]}" "$G/v2/images?name=tiny&status=active" | $PY -c 'import sys,json; i=json.load(sys.stdin)["images"]; print(i[0]["id"] if i else "")')
if [ -z "$IMG" ]; then
  head -c 1048576 /dev/urandom > "$P/tiny.img"
  IMG=$(curl -sf -X POST $G/v2/images "${H[@]}" -d '{"name":"tiny","disk_format":"raw","container_format":"bare","visibility":"public"}' | $PY -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -sf -X PUT "$G/v2/images/$IMG/file" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' --data-binary @"$P/tiny.img"
fi
echo "image tiny: $IMG"
if [ "$(curl -s -o /dev/null -w '%{http_code}' "${H[@]}" $N/flavors/1)" != 200 ]; then
  curl -sf -o /dev/null "${H[@]}" $N/flavors -X POST -d '{"flavor":{"name":"m1.tiny","ram":64,"vcpus":1,"disk":1,"id":"1"}}'
fi
echo "flavor m1.tiny: 1"
