#!/usr/bin/env bash
# CI: the Debian packages the tests and an install need that the image may lack. Quick and
# silent when they are all there; installs only what is missing (run as root, or with sudo).
#   jsvc             runs the worker and pinger daemons (distribution's InstallIT drives it)
#   chromium         the console's browser tests drive it headless (console-webapp's *IT)
#   chromium-driver  chromedriver for them (Selenium uses it directly: nothing is downloaded)
# and the OpenStack test cloud's packages (Keystone, Placement, Glance, Nova: the openstack driver's
# *IT), by that cloud's own install.sh.
set -euo pipefail

bash "$(dirname "$0")/../cloud-drivers/openstack/test-cloud/install.sh"

wanted=()
command -v jsvc >/dev/null 2>&1 || [ -x /usr/bin/jsvc ] || wanted+=(jsvc)
command -v mysql >/dev/null 2>&1 || wanted+=(mariadb-client)
[ -x /usr/bin/chromium ] || wanted+=(chromium)
[ -x /usr/bin/chromedriver ] || wanted+=(chromium-driver)

if [ ${#wanted[@]} -eq 0 ]; then
  exit 0
fi
echo "[ci] installing ${wanted[*]}"
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends "${wanted[@]}" >/dev/null 2>&1 ||
  { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q --no-install-recommends "${wanted[@]}" >/dev/null; }
