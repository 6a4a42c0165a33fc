#!/bin/bash
# Stop only the processes up.sh started (by PID from $P/run/*.pid).
P=${OS_DIR:-/tmp/stratus-openstack}
for n in nova neutron-stub glance placement keystone; do
  f=$P/run/$n.pid; [ -f $f ] || continue; pid=$(cat $f)
  if kill -0 $pid 2>/dev/null; then
    kill -TERM $pid
    for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
    kill -0 $pid 2>/dev/null && { echo "$n ($pid) did not stop on TERM, sending KILL"; kill -KILL $pid; }
    echo "stopped $n ($pid)"
  fi
  rm -f $f
done
