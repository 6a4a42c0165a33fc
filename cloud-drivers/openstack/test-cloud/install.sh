#!/bin/bash
# Installs the Debian 12 (OpenStack Zed) packages the test cloud runs from, without letting their
# init scripts start anything (up.sh starts every service itself, on 127.0.0.1 only).
# Quick and silent when they are there. Run as root. About 200 MB, 3-5 minutes on a fresh machine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PACKAGES="keystone placement-api glance-api nova-api nova-conductor nova-scheduler python3-openstackclient sqlite3 uwsgi-plugin-python3 curl"
# nova-compute's .deb is NOT needed: it only adds /usr/bin/nova-compute and drags in libvirt and
# qemu; the compute service's code is in python3-nova, which nova-allinone.py runs.
missing=()
for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
echo "[test-cloud] installing ${missing[*]}"
debconf-set-selections < "$HERE/preseed.txt"
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1
fi
trap '[ $created_policy = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
install() { apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "$@"; }
install "${missing[@]}" >/dev/null || { apt-get update -q >/dev/null && install "${missing[@]}" >/dev/null; }
