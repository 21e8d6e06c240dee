#!/bin/sh
# The browser tests drive Debian's Chromium through playwright-core (which ships no browser):
# install it once on a fresh machine, do nothing when it is already there.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing; install Debian's chromium package (as root: apt-get install -y chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "ensure-chromium: installed chromium $(dpkg-query -W -f='${Version}' chromium)"
