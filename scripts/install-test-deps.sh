#!/usr/bin/env bash
# Installs, idempotently, the Debian packages the test suite drives for real.
# Run as root on Debian 12. Services are never started by the install: a
# policy-rc.d that refuses is put in place for the duration when none exists.
set -euo pipefail

PACKAGES=(
  # DNS
  bind9 bind9-utils bind9-dnsutils
  # DHCP: real clients, relay, peers for the benchmark, perfdhcp, tshark
  isc-dhcp-client udhcpc dhcpcd-base isc-dhcp-relay isc-dhcp-server
  kea-dhcp4-server kea-admin dnsmasq-base tshark
  # system steps: addresses, aliases, failover, users
  iproute2 iputils-arping iputils-ping busybox keepalived passwd ifupdown procps psmisc
  # native transport addon
  build-essential python3
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: must run as root (it calls apt-get)" >&2
  exit 2
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 0755 /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { [ "$created_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d; return 0; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
echo "install-test-deps: installing ${missing[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-test-deps: done"
