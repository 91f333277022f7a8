#!/usr/bin/env bash
# The one test command: installs what the tests need (as root), runs `swift test`, then the
# Debian package test (scripts/test-package.sh), then stops the fixture Postfix.
#
# Usage: scripts/test.sh [SWIFT TEST ARGUMENTS...]   e.g. scripts/test.sh --filter CLITests
# Run it as root on a test or CI machine only: the tests reconfigure and start the system
# Postfix, and the package test installs and removes the package smtp-probe.
# Not root and something missing: it prints what to install and exits 1.
# Exit status: 0 when everything passed, else non-zero.

set -uo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
cd "$SCRIPT_DIR/.."

log() { printf 'test.sh: %s\n' "$*" >&2; }

# Debian packages, by what needs them.
#   build:    OpenSSL, libunbound (headers; dlopen()ed at run time), libyaml, pkg-config
#   tests:    postfix (the real server the tests probe), unbound (the DNS server of the route
#             tests), prometheus (promtool checks the Prometheus output), nginx (serves the
#             MTA-STS policies the tests fetch over HTTPS)
#   package:  dpkg-dev (dpkg-shlibdeps), binutils (strip), lintian, man-db (man -l),
#             systemd (systemd-analyze verify), icinga2-bin (icinga2 daemon -C)
PACKAGES=(libssl-dev pkg-config libunbound-dev libyaml-dev
          postfix unbound prometheus nginx python3
          dpkg-dev binutils lintian man-db systemd icinga2-bin)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Python's jsonschema validates real output against docs/report.schema.json.
need_jsonschema=false
python3 -c 'import jsonschema' >/dev/null 2>&1 || need_jsonschema=true
if $need_jsonschema && ! dpkg -s python3-pip >/dev/null 2>&1; then missing+=(python3-pip); fi

if [[ $(id -u) -ne 0 ]]; then
  if [[ ${#missing[@]} -gt 0 ]] || $need_jsonschema; then
    log "missing, and only root can install it here:"
    [[ ${#missing[@]} -gt 0 ]] && log "  apt-get install ${missing[*]}"
    $need_jsonschema && log "  python3 -m pip install jsonschema"
  fi
  log "error: run as root: the tests start the system Postfix and install the package"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  # Postfix asks two questions on install: local delivery only, and the fixtures' name.
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string mx.test.example" | debconf-set-selections
  # No package may start its service while installed (Debian's nginx would take port 80 on
  # every address): the tests start their own servers on loopback. A policy-rc.d that the
  # machine already has is left as it is; one put here is removed afterwards.
  own_policy=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && own_policy=true
  fi
  installed=true
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" || installed=false
  if $own_policy; then rm -f /usr/sbin/policy-rc.d; fi
  $installed || { log "error: apt-get install ${missing[*]} failed"; exit 1; }
fi
if $need_jsonschema; then
  # A Debian-managed Python refuses plain pip installs (PEP 668); this is a test machine.
  python3 -m pip install --quiet jsonschema \
    || python3 -m pip install --quiet --break-system-packages jsonschema \
    || { log "error: python3 -m pip install jsonschema failed"; exit 1; }
fi

status=0
log "swift test $*"
swift test "$@" || { status=1; log "FAILED: swift test"; }
# The package test builds the release binary: not when only a few Swift tests were asked for.
if [[ $# -eq 0 ]]; then
  log "package test (scripts/test-package.sh)"
  scripts/test-package.sh || { status=1; log "FAILED: scripts/test-package.sh"; }
fi
scripts/postfix-fixture.sh stop || true
[[ $status -eq 0 ]] && log "all passed" || log "some tests FAILED (see above)"
exit $status
