#!/usr/bin/env bash
# Installs the optional load tools the benchmark compares against: wrk (a load
# generator in C, lighter than autocannon on a small machine) and nginx (the
# reverse-proxy baseline). Without them `npm run bench` still runs, with
# autocannon and without the nginx row. Debian/Ubuntu, as root or with sudo.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "bench/setup.sh: needs root (or sudo) to install packages with apt-get" >&2
    exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "bench/setup.sh: apt-get not found; install wrk and nginx with your package manager" >&2
  exit 1
fi

$SUDO apt-get update
# The nginx package does not start a service inside containers (policy-rc.d);
# the benchmark runs its own nginx in the foreground on a private port anyway.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends wrk nginx

echo "wrk:   $(command -v wrk)"
echo "nginx: $(command -v nginx) ($(nginx -v 2>&1))"
