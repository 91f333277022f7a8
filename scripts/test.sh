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
#             tests), prometheus (promtool checks the Prometheus output), nsd and ldnsutils
#             (the signed test zones, scripts/dns-fixture.sh), dns-root-data (the root trust
#             anchor the domain checks validate from), bind9-dnsutils (delv, a second opinion),
#             nginx (serves the MTA-STS policies the tests fetch over HTTPS), openssl (the
#             TLSA hash of the domain tests' zone, scripts/dns-fixture.sh), dovecot-core,
#             dovecot-pop3d and dovecot-imapd (POP3/IMAP servers and the SASL of the fixture
#             Postfix's submission listeners, scripts/dovecot-fixture.sh), cmark (renders the
#             checklist's Markdown as a reader's viewer would), strace (proves that
#             `checklist --offline` opens no socket)
#   package:  dpkg-dev (dpkg-shlibdeps), binutils (strip), lintian, man-db (man -l),
#             systemd (systemd-analyze verify), icinga2-bin (icinga2 daemon -C)
PACKAGES=(libssl-dev pkg-config libunbound-dev libyaml-dev
          postfix unbound prometheus nginx python3 nsd ldnsutils dns-root-data bind9-dnsutils openssl
          dovecot-core dovecot-pop3d dovecot-imapd cmark strace
          dpkg-dev binutils lintian man-db systemd icinga2-bin)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Python's jsonschema validates real output against docs/report.schema.json.
need_jsonschema=false
python3 -c 'import jsonschema' >/dev/null 2>&1 || need_jsonschema=true
# checkdmarc is the second opinion on SPF lookup counts (SPFCheckdmarcTests).
need_checkdmarc=false
python3 -c 'import checkdmarc' >/dev/null 2>&1 || need_checkdmarc=true
if $need_checkdmarc && ! dpkg -s python3-pip >/dev/null 2>&1; then missing+=(python3-pip); fi
if $need_jsonschema && ! dpkg -s python3-pip >/dev/null 2>&1; then missing+=(python3-pip); fi

if [[ $(id -u) -ne 0 ]]; then
  if [[ ${#missing[@]} -gt 0 ]] || $need_jsonschema || $need_checkdmarc; then
    log "missing, and only root can install it here:"
    [[ ${#missing[@]} -gt 0 ]] && log "  apt-get install ${missing[*]}"
    $need_jsonschema && log "  python3 -m pip install jsonschema"
    $need_checkdmarc && log "  python3 -m pip install checkdmarc"
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
  # The tests start their own servers on free ports: no package may start its service while
  # it is installed (nsd would take port 53, nginx port 80). A policy-rc.d that refuses every start does
  # that; one already there is left as it is.
  policy=
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
  fi
  apt-get update -qq || { log "error: apt-get update failed"; [[ -z $policy ]] || rm -f "$policy"; exit 1; }
  apt-get install -y -qq "${missing[@]}" || { log "error: apt-get install ${missing[*]} failed"; [[ -z $policy ]] || rm -f "$policy"; exit 1; }
  [[ -z $policy ]] || rm -f "$policy"
fi
if $need_jsonschema; then
  # A Debian-managed Python refuses plain pip installs (PEP 668); this is a test machine.
  python3 -m pip install --quiet jsonschema \
    || python3 -m pip install --quiet --break-system-packages jsonschema \
    || { log "error: python3 -m pip install jsonschema failed"; exit 1; }
fi
if $need_checkdmarc; then
  python3 -m pip install --quiet checkdmarc \
    || python3 -m pip install --quiet --break-system-packages checkdmarc \
    || { log "error: python3 -m pip install checkdmarc failed"; exit 1; }
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
scripts/dovecot-fixture.sh stop || true
[[ $status -eq 0 ]] && log "all passed" || log "some tests FAILED (see above)"
exit $status
