#!/bin/bash
# The test cloud: a real OpenStack control plane (Zed, Debian 12's packages) on 127.0.0.1, SQLite
# only, no RabbitMQ, no Docker: Keystone + Placement + Glance (file store) + Nova (fake virt
# driver). Nova's api, conductor, scheduler and compute run in ONE python process on
# oslo.messaging's in-process fake:// transport (nova-allinone.py). A Neutron *stub*
# (neutron-stub.py) answers the calls Nova makes on server show and delete.
# Everything (configs, databases, logs, pids) lives under $OS_DIR (default /tmp/stratus-openstack).
# Ends with the fixtures the driver's tests use: image "tiny" (public, raw, 1 MiB) and flavor
# "m1.tiny" (id 1). See README.md. Usage (as root): ./install.sh && ./up.sh ; ./down.sh to stop.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/install.sh"
P=${OS_DIR:-/tmp/stratus-openstack}
export DEBIAN_FRONTEND=noninteractive
PY=/usr/bin/python3             # never the pyenv shim
PW=secret                       # every password (admin + service users)
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p $P/etc/{keystone,placement,glance,nova} $P/logs $P/run
cd $P

log() { echo "[$(date +%T)] $*"; }
wait_http() { for i in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "timeout waiting for $1"; exit 1; }

# ---------------------------------------------------------------- clean state
OS_DIR=$P $HERE/down.sh >/dev/null || true
for port in 5000 8774 8778 9292 9696; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "port $port is taken by a process this OS_DIR ($P) did not start; stop it (its own down.sh) first"; exit 1
  fi
done
rm -f $P/logs/{keystone,placement,glance-api,nova}.log $P/logs/*.stdout $P/logs/*-uwsgi.log $P/logs/neutron-stub.log
rm -rf $P/data; mkdir -p $P/data/{keystone,placement,glance/{images,staging,tasks,lock},nova/{instances,lock}}
wal() { sqlite3 "$1" 'PRAGMA journal_mode=WAL;' >/dev/null; }   # avoids "database is locked"

KSAT="auth_url = http://127.0.0.1:5000/v3
www_authenticate_uri = http://127.0.0.1:5000/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
password = $PW"

# ---------------------------------------------------------------- keystone
cat > $P/etc/keystone/keystone.conf <<EOF
[DEFAULT]
log_file = $P/logs/keystone.log
[database]
connection = sqlite:///$P/data/keystone/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $P/data/keystone/fernet-keys
[fernet_receipts]
key_repository = $P/data/keystone/fernet-keys
[credential]
key_repository = $P/data/keystone/credential-keys
EOF
KC="--config-file $P/etc/keystone/keystone.conf"
keystone-manage $KC db_sync
wal $P/data/keystone/keystone.sqlite
keystone-manage $KC fernet_setup --keystone-user root --keystone-group root
keystone-manage $KC credential_setup --keystone-user root --keystone-group root
keystone-manage $KC bootstrap --bootstrap-password $PW --bootstrap-region-id RegionOne \
  --bootstrap-admin-url http://127.0.0.1:5000/v3/ --bootstrap-internal-url http://127.0.0.1:5000/v3/ \
  --bootstrap-public-url http://127.0.0.1:5000/v3/ 2>/dev/null
# --http (router) not --http-socket: the latter gave intermittent "connection reset"
nohup env OS_KEYSTONE_CONFIG_FILES=$P/etc/keystone/keystone.conf uwsgi --plugins python3,http \
  --http 127.0.0.1:5000 --http-keepalive --wsgi-file /usr/bin/keystone-wsgi-public --master \
  --processes 2 --threads 1 --lazy-apps --die-on-term --buffer-size 65535 \
  --pidfile $P/run/keystone.pid > $P/logs/keystone-uwsgi.log 2>&1 &
wait_http http://127.0.0.1:5000/v3; log "keystone up"

cat > $P/admin-openrc <<EOF
export OS_AUTH_URL=http://127.0.0.1:5000/v3 OS_USERNAME=admin OS_PASSWORD=$PW OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_IDENTITY_API_VERSION=3 OS_REGION_NAME=RegionOne
EOF
. $P/admin-openrc
{ echo "project create --domain default service"
  for u in nova placement glance neutron; do
    echo "user create --domain default --password $PW $u"; echo "role add --project service --user $u admin"; done
  echo "service create --name nova compute";      echo "service create --name placement placement"
  echo "service create --name glance image";      echo "service create --name neutron network"
  for i in public internal admin; do
    echo "endpoint create --region RegionOne compute $i http://127.0.0.1:8774/v2.1"
    echo "endpoint create --region RegionOne placement $i http://127.0.0.1:8778"
    echo "endpoint create --region RegionOne image $i http://127.0.0.1:9292"
    echo "endpoint create --region RegionOne network $i http://127.0.0.1:9696"
  done; } | openstack > $P/logs/keystone-setup.log 2>&1     # one CLI process, commands on stdin
[ "$(openstack endpoint list -f value | wc -l)" = 15 ] || { echo "endpoint setup failed"; exit 1; }
log "keystone catalog done"

cat > $P/token.sh <<'EOF'
TOKEN=$(curl -s -i -X POST http://127.0.0.1:5000/v3/auth/tokens -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"secret"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r')
export TOKEN
EOF

# ---------------------------------------------------------------- placement
cat > $P/etc/placement/placement.conf <<EOF
[DEFAULT]
log_file = $P/logs/placement.log
[api]
auth_strategy = keystone
[placement_database]
connection = sqlite:///$P/data/placement/placement.sqlite
[keystone_authtoken]
$KSAT
username = placement
EOF
placement-manage --config-file $P/etc/placement/placement.conf db sync
wal $P/data/placement/placement.sqlite
nohup env OS_PLACEMENT_CONFIG_DIR=$P/etc/placement uwsgi --plugins python3,http \
  --http 127.0.0.1:8778 --http-keepalive --wsgi-file /usr/bin/placement-api --master \
  --processes 2 --threads 1 --lazy-apps --die-on-term --buffer-size 65535 \
  --pidfile $P/run/placement.pid > $P/logs/placement-uwsgi.log 2>&1 &

# ---------------------------------------------------------------- glance
cat > $P/etc/glance/glance-api.conf <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
log_file = $P/logs/glance-api.log
enabled_backends = fs:file
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $P/data/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $P/data/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $P/data/glance/tasks
[database]
connection = sqlite:///$P/data/glance/glance.sqlite
[keystone_authtoken]
$KSAT
username = glance
[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $P/data/glance/lock
EOF
glance-manage --config-file $P/etc/glance/glance-api.conf db_sync >/dev/null 2>&1
wal $P/data/glance/glance.sqlite
nohup glance-api --config-file $P/etc/glance/glance-api.conf > $P/logs/glance-api.stdout 2>&1 &
echo $! > $P/run/glance.pid

# ---------------------------------------------------------------- neutron stub
nohup $PY $HERE/neutron-stub.py > $P/logs/neutron-stub.log 2>&1 &
echo $! > $P/run/neutron-stub.pid

# ---------------------------------------------------------------- nova
cat > $P/etc/nova/nova.conf <<EOF
[DEFAULT]
transport_url = fake://
compute_driver = fake.FakeDriver
host = compute-1
my_ip = 127.0.0.1
state_path = $P/data/nova
instances_path = $P/data/nova/instances
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
log_file = $P/logs/nova.log
[api]
auth_strategy = keystone
# small, so the driver's paging test crosses Nova's own page limit with few servers
max_limit = ${NOVA_MAX_LIMIT:-25}
[quota]
# the paging tests launch more servers than the default quota (10 instances, 20 cores) allows
instances = -1
cores = -1
ram = -1
[api_database]
connection = sqlite:///$P/data/nova/nova_api.sqlite
[database]
connection = sqlite:///$P/data/nova/nova.sqlite
[wsgi]
api_paste_config = /etc/nova/api-paste.ini
[oslo_concurrency]
lock_path = $P/data/nova/lock
[scheduler]
discover_hosts_in_cells_interval = -1
[vnc]
enabled = false
[keystone_authtoken]
$KSAT
username = nova
[placement]
$KSAT
username = placement
region_name = RegionOne
valid_interfaces = public
[glance]
region_name = RegionOne
valid_interfaces = public
[neutron]
$KSAT
username = neutron
region_name = RegionOne
valid_interfaces = public
EOF
NC="--config-file $P/etc/nova/nova.conf"
nova-manage $NC api_db sync
nova-manage $NC cell_v2 map_cell0 --database_connection sqlite:///$P/data/nova/nova_cell0.sqlite
nova-manage $NC cell_v2 create_cell --name cell1
nova-manage $NC db sync
for d in nova_api nova nova_cell0; do wal $P/data/nova/$d.sqlite; done
wait_http http://127.0.0.1:8778/; log "placement up"
wait_http http://127.0.0.1:9292/; log "glance up"
nohup $PY $HERE/nova-allinone.py $NC > $P/logs/nova.stdout 2>&1 &
echo $! > $P/run/nova.pid
wait_http http://127.0.0.1:8774/; log "nova-api up"
for i in $(seq 1 60); do
  [ "$(sqlite3 $P/data/nova/nova.sqlite 'select count(*) from compute_nodes')" -ge 1 ] && break; sleep 1; done
nova-manage $NC cell_v2 discover_hosts --verbose
log "all services up:"
printf 'compute service list -f value -c Binary -c Host -c State\nhypervisor list -f value\n' | openstack

# ---------------------------------------------------------------- fixtures for the driver's tests
OS_DIR=$P "$HERE/fixtures.sh"
log "test cloud ready: http://127.0.0.1:5000/v3 (admin/secret, project admin, domain Default)"
