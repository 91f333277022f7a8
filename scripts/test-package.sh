#!/usr/bin/env bash
# The Debian package test: build the package, check it with lintian, install it on this
# machine, use it as a user would (demo, man page, bash completion, the example units and
# monitoring configs against the installed binary), and remove it again, also on failure.
#
# Usage: scripts/test-package.sh        (root; run by scripts/test.sh, under its lock)
# Installs /usr/bin/smtp-probe system-wide for the duration of the test: a test/CI machine only.
# Exits non-zero when any check failed, and prints "N passed, N failed" last.

set -uo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
WORK=$(mktemp -d /tmp/smtp-probe-package-test.XXXXXX)
passed=0
failed=0

log() { printf 'test-package: %s\n' "$*" >&2; }
check() { # NAME COMMAND...: runs COMMAND, output into WORK/NAME.log, counts the result
  local name=$1; shift
  if "$@" >"$WORK/$name.log" 2>&1; then
    passed=$((passed + 1)); log "ok   $name"
  else
    failed=$((failed + 1)); log "FAIL $name"; sed 's/^/    /' "$WORK/$name.log" >&2
  fi
}

[[ $(id -u) -eq 0 ]] || { log "error: must run as root (it installs the package with dpkg -i)"; exit 1; }
if dpkg -s smtp-probe >/dev/null 2>&1; then
  # Never remove a copy someone installed on purpose.
  log "error: a package smtp-probe is already installed here; remove it first (dpkg -r smtp-probe)"
  exit 1
fi

# dpkg refuses at once while another dpkg or apt holds its lock (on a shared machine, someone
# installing a package): wait for it, up to two minutes, rather than leave the package behind.
dpkg_waiting() { # dpkg ARGUMENTS...
  local output try
  for try in $(seq 1 60); do
    output=$(dpkg "$@" 2>&1) && { printf '%s\n' "$output"; return 0; }
    grep -q 'lock' <<<"$output" || { printf '%s\n' "$output"; return 1; }
    sleep 2
  done
  printf '%s\n' "$output"
  return 1
}

cleanup() {
  if dpkg -s smtp-probe >/dev/null 2>&1; then dpkg_waiting -r smtp-probe >/dev/null || log "error: dpkg -r smtp-probe failed"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DEB=$("$REPO_ROOT/scripts/package-deb.sh") || { log "error: scripts/package-deb.sh failed"; exit 1; }
log "built $DEB"

# Lintian's errors fail the test; its warnings are listed, each with its reason, in
# docs/packaging.md. --fail-on error: the exit status says whether any error was found.
check lintian lintian --fail-on error --no-tag-display-limit "$DEB"
grep -E '^[EW]: ' "$WORK/lintian.log" >&2 || true

check dpkg-install dpkg_waiting -i "$DEB"

# Depends names every library the installed binary loads (ldd), plus libunbound8, which it
# opens itself: nothing may be missing and each must come from a package in Depends.
depends_cover_libraries() {
  local depends library real package
  depends=$(dpkg-query -W -f='${Depends}' smtp-probe | tr ',' '\n' | awk '{ print $1 }')
  for library in $(ldd /usr/bin/smtp-probe | awk '/=>/ { print $3 }') /usr/lib/*/libunbound.so.8; do
    # dpkg knows a file by the path its package installed: /lib/... or /usr/lib/... (the
    # /lib symbolic link of merged /usr), the real file or its soname link.
    real=$(readlink -f "$library")
    package=$(dpkg -S "$library" "$real" "${real#/usr}" 2>/dev/null | head -n 1 | cut -d: -f1)
    if [[ -z $package ]]; then echo "no package holds $library"; return 1; fi
    # libc6 holds the dynamic loader and libm/libdl/libpthread; libssl3 also holds libcrypto.
    if ! grep -qx "$package" <<<"$depends"; then echo "$library is from $package, not in Depends: $depends"; return 1; fi
  done
  ! ldd /usr/bin/smtp-probe | grep -q 'not found'
}
check depends-cover-libraries depends_cover_libraries

# The root trust anchor the validating resolver reads comes from a package in Depends.
root_anchor() {
  dpkg-query -W -f='${Depends}' smtp-probe | tr ',' '\n' | awk '{ print $1 }' | grep -qx dns-root-data \
    || { echo "dns-root-data is not in Depends"; return 1; }
  [[ $(dpkg -S /usr/share/dns/root.key | cut -d: -f1) == dns-root-data ]]
}
check root-anchor root_anchor

# The demo from the installed files alone: started outside the source tree, with no
# SMTP_PROBE_FIXTURES, and with the source tree itself hidden (an empty tmpfs over it, in a
# mount namespace of its own), as on a machine that never had the sources.
installed_demo() {
  cd "$WORK" && env -u SMTP_PROBE_FIXTURES unshare --mount sh -c \
    'mount -t tmpfs none "$1" && exec smtp-probe demo --no-color --lang en' sh "$REPO_ROOT" >"$WORK/demo.out"
  local status=$?
  cat "$WORK/demo.out"
  # Exit status 0: the good server passed and the missing-intermediate one failed, as meant;
  # and the certificates were the installed copy.
  [[ $status -eq 0 ]] || { echo "smtp-probe demo exited $status"; return 1; }
  grep -q 'trusting /usr/share/smtp-probe/fixtures/roots.pem' "$WORK/demo.out" \
    && grep -q '^PASS: ' "$WORK/demo.out" && grep -q '\[cert.incomplete_chain\]' "$WORK/demo.out"
}
check installed-demo installed_demo

# The man page renders (man -l, the installed file) and has an entry for every subcommand:
# generate-manual makes one page, each subcommand an item of DESCRIPTION, its name at the
# start of the line and its abstract beside it.
man_page() {
  local page text subcommand
  page=$(dpkg -L smtp-probe | grep '/man1/smtp-probe\.1\.gz$')
  text=$(MANWIDTH=100 man -l "$page") || return 1
  head -n 12 <<<"$text"
  for subcommand in probe route domain cert demo; do
    grep -qE "^ +$subcommand +[A-Z]" <<<"$text" || { echo "the man page has no entry for '$subcommand'"; return 1; }
  done
}
check man-page man_page

# The bash completion as bash-completion loads it: the function is registered for the
# command, and completing `smtp-probe ro<TAB>` offers `route`.
bash_completion() {
  bash --norc --noprofile -c '
    source /usr/share/bash-completion/completions/smtp-probe || exit 1
    complete -p smtp-probe || exit 1
    function=$(complete -p smtp-probe | sed -E "s/.*-F ([^ ]+).*/\1/")
    COMP_WORDS=(smtp-probe ro); COMP_CWORD=1; COMP_LINE="smtp-probe ro"; COMP_POINT=${#COMP_LINE}
    "$function" smtp-probe ro smtp-probe
    printf "%s\n" "${COMPREPLY[@]}"
    [[ " ${COMPREPLY[*]} " == *" route "* ]]'
}
check bash-completion bash_completion

# The example units against the installed binary and man page.
check systemd-units systemd-analyze verify \
  /usr/share/smtp-probe/examples/smtp-probe.service /usr/share/smtp-probe/examples/smtp-probe.timer

# The Icinga 2 CheckCommand, validated by Icinga 2 itself with its template library, a
# stand-in for Debian's generic-service template (conf.d/templates.conf) and one host.
icinga2_config() {
  cat >"$WORK/icinga2.conf" <<EOF
include <itl>
template Service "generic-service" { max_check_attempts = 3 }
include "/usr/share/smtp-probe/examples/icinga2-smtp-probe.conf"
object Host "mx1" {
  check_command = "dummy"
  vars.smtp_probe_target = "mx1.example.com:25"
}
EOF
  # Icinga 2 reads the files as its own user (nagios on Debian): mktemp's 0700 would stop it.
  chmod 0755 "$WORK" && chmod 0644 "$WORK/icinga2.conf"
  # (It also dumps its variables into its own cache, /var/cache/icinga2/icinga2.vars.)
  icinga2 daemon -C -c "$WORK/icinga2.conf"
}
check icinga2-config icinga2_config

check dpkg-remove dpkg_waiting -r smtp-probe
check removed-cleanly test ! -e /usr/bin/smtp-probe -a ! -e /usr/share/smtp-probe

printf '%d passed, %d failed\n' "$passed" "$failed"
[[ $failed -eq 0 ]]
