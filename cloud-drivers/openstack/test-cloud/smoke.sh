#!/bin/bash
# curl-only smoke test: token -> (image upload if none) -> flavor -> boot -> ACTIVE -> delete -> gone
set -u
P=${OS_DIR:-/tmp/stratus-openstack}; cd $P
. $P/token.sh; [ -n "$TOKEN" ] || { echo "no token"; exit 1; }
PY=/usr/bin/python3; N=http://127.0.0.1:8774/v2.1; G=http://127.0.0.1:9292
H=(-H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' -H 'OpenStack-API-Version: compute 2.79')
IMG=$(curl -s -H "X-Auth-Token: $TOKEN" "$G/v2/images?name=tiny&status=active" | $PY -c 'import sys,json; i=json.load(sys.stdin)["images"]; print(i[0]["id"] if i else "")')
if [ -z "$IMG" ]; then
  [ -f $P/tiny.img ] || head -c 1048576 /dev/urandom > $P/tiny.img
  IMG=$(curl -s -X POST $G/v2/images "${H[@]}" -d '{"name":"tiny","disk_format":"raw","container_format":"bare","visibility":"public"}' | $PY -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -s -o /dev/null -w "image upload HTTP %{http_code}\n" -X PUT $G/v2/images/$IMG/file -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' --data-binary @$P/tiny.img
fi
echo "image $IMG"
curl -s -o /dev/null -w "flavor GET HTTP %{http_code}\n" "${H[@]}" $N/flavors/1 | grep -q 200 || \
  curl -s -o /dev/null -w "flavor create HTTP %{http_code}\n" "${H[@]}" $N/flavors -X POST -d '{"flavor":{"name":"m1.tiny","ram":64,"vcpus":1,"disk":1,"id":"1"}}'
status() { curl -s -o $P/run/srv.json -w '%{http_code}' "${H[@]}" $N/servers/$1; }
for run in 1 2 3; do
  t0=$(date +%s.%N)
  SRV=$(curl -s "${H[@]}" $N/servers -X POST -d "{\"server\":{\"name\":\"smoke-vm-$run\",\"imageRef\":\"$IMG\",\"flavorRef\":\"1\",\"networks\":\"none\"}}" | $PY -c 'import sys,json; print(json.load(sys.stdin)["server"]["id"])')
  while :; do status $SRV >/dev/null; ST=$($PY -c 'import json; print(json.load(open("'$P'/run/srv.json"))["server"]["status"])'); [ "$ST" = BUILD ] || break; sleep 0.2; done
  t1=$(date +%s.%N)
  curl -s -o /dev/null "${H[@]}" -X DELETE $N/servers/$SRV
  while [ "$(status $SRV)" != 404 ]; do sleep 0.2; done
  t2=$(date +%s.%N)
  printf "run %d server %s: POST->%s %.2fs ; DELETE->404 %.2fs\n" $run $SRV $ST $(echo "$t1-$t0"|bc) $(echo "$t2-$t1"|bc)
done
