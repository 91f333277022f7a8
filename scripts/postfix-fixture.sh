#!/usr/bin/env bash
# Run the system Postfix on loopback, serving the fixture certificates from
# fixtures/certs/, one listener per case, for smtp-probe integration tests.
#
# Usage:
#   scripts/postfix-fixture.sh start BASEPORT   configure + start (or reload) Postfix,
#                                               wait for all ports, print "CASE PORT" lines
#   scripts/postfix-fixture.sh stop             postfix stop (no error if not running)
#
# Choose BASEPORT below the kernel's ephemeral range (cat /proc/sys/net/ipv4/ip_local_port_range),
# or any client socket on the machine may hold one of the ports when Postfix starts.
#
# Listeners, all on 127.0.0.1, in this fixed order (port = BASEPORT + index):
#    +0 good                 +6 wildcard               +12 weak-key
#    +1 good-ecdsa           +7 partial-wildcard       +13 weak-signature
#    +2 expired              +8 cn-only                +14 ip-san
#    +3 not-yet-valid        +9 self-signed            +15 idn
#    +4 expiring            +10 missing-intermediate   +16 cross-signed-2021   +21 no-starttls  (no STARTTLS: starttls.not_offered)
#    +5 wrong-host          +11 untrusted-root         +17 cross-signed-twin   +22 reject-554   (554 greeting: smtp.greeting_rejected)
#                                                      +18 extra-out-of-order
#                                                      +19 sent-root
#                                                      +20 sha1-twin
#   +23 open-relay    (relays for loopback clients; content_filter=discard: so nothing accepted
#                      could ever leave: smtp-probe gateway's gateway.open_relay)
#   +24 relay-refused (mynetworks without loopback: RCPT to a foreign domain gets 554 5.7.1)
#   +25 submission             STARTTLS, AUTH through Dovecot only after TLS (smtpd_tls_auth_only)
#   +26 submission-clear-auth  STARTTLS, AUTH through Dovecot offered in clear as well
# Each cert listener serves fixtures/certs/<case>/chain.pem + key.pem via STARTTLS
# (smtpd_tls_security_level=may). no-starttls, reject-554 and the submission listeners use
# the `good` cert. The submission listeners check passwords through the auth socket of
# scripts/dovecot-fixture.sh (smtpd_sasl_type=dovecot): start Dovecot before asking them for
# AUTH, or smtpd ends the session when it cannot reach the socket.
# MX hosts for `smtp-probe domain`, which probes port 25 (each on an address of its own, as
# every 127.x.y.z is local): 127.0.0.11:25 and 127.0.0.12:25 with `good` (mx and mail.test.example),
# 127.0.0.13:25 with `self-signed`; scripts/dns-fixture.sh's test.example zone points at them.
#
# What it changes on the machine (it is meant for test/CI machines):
#   - installs postfix if missing (root only), with debconf "Local only" / mx.test.example;
#   - main.cf via postconf -e (loopback only, myhostname mx.test.example, TLS may, ...);
#   - comments out the default port-25 `smtp inet` listener (postconf -M#) so nothing
#     else can make the start fail;
#   - replaces its own block in master.cf, delimited by the BEGIN/END marker lines below,
#     so repeated runs (with any BASEPORT) are idempotent.
# Postfix logs go to /var/log/postfix-fixture.log (maillog_file; no syslog needed).
#
# stdout carries only the "CASE PORT" mapping; all diagnostics go to stderr.

set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
CERTS="$REPO_ROOT/fixtures/certs"

CERT_CASES=(
  good good-ecdsa expired not-yet-valid expiring wrong-host wildcard
  partial-wildcard cn-only self-signed missing-intermediate untrusted-root
  weak-key weak-signature ip-san idn
  cross-signed-2021 cross-signed-twin extra-out-of-order sent-root sha1-twin
)
EXTRA_CASES=(no-starttls reject-554 open-relay relay-refused submission submission-clear-auth)
MX_LISTENERS=("127.0.0.11 good" "127.0.0.12 good" "127.0.0.13 self-signed")
# The auth socket of scripts/dovecot-fixture.sh.
DOVECOT_AUTH_SOCKET=/run/smtp-probe-dovecot/auth-client
ALL_CASES=("${CERT_CASES[@]}" "${EXTRA_CASES[@]}")

BEGIN_MARK="# BEGIN smtp-probe postfix-fixture (managed by scripts/postfix-fixture.sh; do not edit)"
END_MARK="# END smtp-probe postfix-fixture"
LOG_FILE=/var/log/postfix-fixture.log
WAIT_SECONDS=20

log() { printf 'postfix-fixture: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

fail_with_log() {
  log "error: $*"
  if [[ -r $LOG_FILE ]]; then
    log "last lines of $LOG_FILE:"
    grep -v -E 'connect from|lost connection after CONNECT' "$LOG_FILE" | tail -n 15 >&2
  fi
  exit 1
}

usage() {
  cat >&2 <<EOF
usage: $0 start BASEPORT
       $0 stop
EOF
  exit 2
}

ensure_postfix() {
  if command -v postfix >/dev/null 2>&1 && command -v postconf >/dev/null 2>&1; then
    return
  fi
  # Debian installs them in /usr/sbin, which may not be on a non-root PATH.
  if [[ -x /usr/sbin/postfix ]]; then
    export PATH="$PATH:/usr/sbin"
    return
  fi
  [[ $(id -u) -eq 0 ]] || die "postfix is not installed and we are not root; install it with: sudo apt-get install postfix"
  command -v apt-get >/dev/null 2>&1 || die "postfix is not installed and apt-get is not available"
  log "installing postfix (Local only, mailname mx.test.example)"
  debconf-set-selections <<'EOF'
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string mx.test.example
EOF
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >&2; then
    log "apt-get install failed; retrying after apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >&2 || die "could not install postfix"
  fi
  command -v postfix >/dev/null 2>&1 || die "postfix still not on PATH after installing it"
}

is_running() { postfix status >/dev/null 2>&1; }

port_open() {
  # bash's /dev/tcp; the subshell closes the fd on exit. $2: the address, 127.0.0.1 unless given.
  (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null
}

# Every TCP socket (listening or connected) whose local port is in FIRST..LAST.
ports_in_use() {
  if command -v ss >/dev/null 2>&1; then
    ss -Htanp "( sport >= :$1 and sport <= :$2 )" || true
  else
    log "(ss is not installed; cannot list them)"
  fi
}

# Emit one master.cf entry for a listener (single logical line, continued lines indented).
listener() {
  local case=$1 port=$2; shift 2
  printf '127.0.0.1:%s inet n - n - - smtpd\n' "$port"
  printf '  -o syslog_name=postfix/fixture-%s\n' "$case"
  local opt
  for opt in "$@"; do printf '  -o %s\n' "$opt"; done
}

cmd_start() {
  local base=${1:-}
  [[ $base =~ ^[0-9]+$ ]] || die "BASEPORT must be a number (got '${base}')"
  local last=$((base + ${#ALL_CASES[@]} - 1))
  (( base >= 1024 && last <= 65535 )) || die "ports $base..$last out of range (need 1024 <= BASEPORT and BASEPORT+${#ALL_CASES[@]}-1 <= 65535)"

  [[ $CERTS != *[[:space:]]* ]] || die "repository path contains whitespace, which master.cf -o values cannot hold: $CERTS"
  local c
  for c in "${CERT_CASES[@]}"; do
    [[ -r $CERTS/$c/chain.pem && -r $CERTS/$c/key.pem ]] \
      || die "missing $CERTS/$c/{chain,key}.pem; run: python3 fixtures/make-certs.py"
  done

  ensure_postfix
  [[ $(id -u) -eq 0 ]] || die "must run as root to configure and start the system Postfix"

  local config_dir master_cf
  config_dir=$(postconf -h config_directory)
  master_cf="$config_dir/master.cf"

  # default_process_limit: scripts/bench-fleet.sh --server postfix holds 1000 sessions at once
  # across four listeners; at Postfix's default of 100 smtpd processes a listener, the rest
  # would wait for a free process and the benchmark would time Postfix's queue.
  log "configuring main.cf"
  postconf -e \
    "inet_interfaces = loopback-only" \
    "inet_protocols = ipv4" \
    "myhostname = mx.test.example" \
    "mydestination = localhost" \
    "smtpd_banner = \$myhostname ESMTP smtp-probe fixture" \
    "smtpd_tls_security_level = may" \
    "smtpd_tls_chain_files =" \
    "smtpd_tls_cert_file = $CERTS/good/chain.pem" \
    "smtpd_tls_key_file = $CERTS/good/key.pem" \
    "smtpd_tls_eccert_file =" \
    "smtpd_tls_eckey_file =" \
    "smtpd_tls_loglevel = 1" \
    "default_process_limit = 300" \
    "maillog_file = $LOG_FILE"

  # The default port-25 listener is not needed and could collide with something else.
  if postconf -M smtp/inet 2>/dev/null | grep -q .; then
    log "disabling the default smtp/inet (port 25) listener"
    postconf -M# smtp/inet
  fi

  log "writing listeners to $master_cf (ports $base..$last)"
  local tmp
  tmp=$(mktemp "$master_cf.XXXXXX")
  # Drop our previous block (if any), then append a fresh one.
  sed "/^# BEGIN smtp-probe postfix-fixture/,/^# END smtp-probe postfix-fixture/d" "$master_cf" >"$tmp"
  # Debian's OpenSSL defaults to security level 2, which rejects an RSA-1024 key and a
  # SHA-1 signature. Postfix 3.7 on Debian 12 serves both fixtures even without this,
  # but pin level 0 on those two listeners so a stricter build cannot make smtpd drop
  # STARTTLS there (Postfix's default medium list plus @SECLEVEL=0).
  local weak_ciphers="tls_medium_cipherlist=aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:@SECLEVEL=0"
  {
    echo "$BEGIN_MARK"
    local port=$base
    for c in "${CERT_CASES[@]}"; do
      local extra=()
      [[ $c == weak-key || $c == weak-signature ]] && extra=("$weak_ciphers")
      listener "$c" "$port" \
        "smtpd_tls_chain_files=" \
        "smtpd_tls_cert_file=$CERTS/$c/chain.pem" \
        "smtpd_tls_key_file=$CERTS/$c/key.pem" \
        ${extra[@]+"${extra[@]}"}
      port=$((port + 1))
    done
    listener no-starttls "$port" "smtpd_tls_security_level=none"
    port=$((port + 1))
    listener reject-554 "$port" "smtpd_client_restrictions=reject" "smtpd_delay_reject=no"
    port=$((port + 1))
    # Debian's "Local only" sets default_transport=error, which makes smtpd refuse every
    # remote recipient at RCPT: the open relay asks its own trivial-rewrite, which resolves
    # them to discard (accepted, and dropped were a message ever sent: none is, never DATA).
    printf 'rewrite-open-relay unix - - n - - trivial-rewrite\n'
    printf '  -o default_transport=discard\n  -o relay_transport=discard\n'
    listener open-relay "$port" "mynetworks=127.0.0.0/8" "rewrite_service_name=rewrite-open-relay" \
      "smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination" "content_filter=discard:"
    port=$((port + 1))
    listener relay-refused "$port" "mynetworks=192.0.2.0/24" \
      "smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination" "content_filter=discard:"
    port=$((port + 1))
    local sasl=("smtpd_sasl_auth_enable=yes" "smtpd_sasl_type=dovecot" "smtpd_sasl_path=$DOVECOT_AUTH_SOCKET")
    listener submission "$port" "${sasl[@]}" "smtpd_tls_auth_only=yes"
    port=$((port + 1))
    listener submission-clear-auth "$port" "${sasl[@]}" "smtpd_tls_auth_only=no"
    local entry address cert
    for entry in "${MX_LISTENERS[@]}"; do
      read -r address cert <<<"$entry"
      printf '%s:25 inet n - n - - smtpd\n  -o syslog_name=postfix/fixture-mx-%s\n' "$address" "$address"
      printf '  -o smtpd_tls_chain_files=\n  -o smtpd_tls_cert_file=%s\n  -o smtpd_tls_key_file=%s\n' \
        "$CERTS/$cert/chain.pem" "$CERTS/$cert/key.pem"
    done
    echo "$END_MARK"
  } >>"$tmp"
  chmod --reference="$master_cf" "$tmp"
  mv -f "$tmp" "$master_cf"

  postfix check >&2 || fail_with_log "postfix check failed"

  if is_running; then
    log "postfix is running; reloading"
    postfix reload >&2 || fail_with_log "postfix reload failed"
  else
    local p busy=()
    for ((p = base; p <= last; p++)); do port_open "$p" && busy+=("$p"); done
    ((${#busy[@]} == 0)) || die "postfix is not running but these ports are already in use: ${busy[*]}; choose another BASEPORT"
    log "starting postfix"
    # master dies at start when it cannot bind a listener, and says why only on stderr
    # before its log service runs. A client socket can hold one of our ports for a moment
    # when BASEPORT lies in the kernel's ephemeral range, so try twice, and show what
    # holds the ports if both fail.
    if ! postfix start >&2; then
      log "postfix start failed; sockets on ports $base..$last:"
      ports_in_use "$base" "$last" >&2
      sleep 2
      log "starting postfix again"
      postfix start >&2 || { ports_in_use "$base" "$last" >&2; fail_with_log "postfix start failed twice"; }
    fi
  fi

  log "waiting for ports $base..$last"
  local deadline=$((SECONDS + WAIT_SECONDS)) pending
  while :; do
    pending=()
    local p
    for ((p = base; p <= last; p++)); do
      port_open "$p" || pending+=("$p")
    done
    for entry in "${MX_LISTENERS[@]}"; do
      port_open 25 "${entry%% *}" || pending+=("${entry%% *}:25")
    done
    ((${#pending[@]} == 0)) && break
    # master exits (without a useful log line) when it cannot bind a listener.
    is_running || fail_with_log "postfix master exited; is one of ports ${pending[*]} in use by another process? (ss -ltnp)"
    if ((SECONDS >= deadline)); then
      fail_with_log "ports still closed after ${WAIT_SECONDS}s: ${pending[*]}"
    fi
    sleep 0.2
  done
  log "ready"

  local i
  for i in "${!ALL_CASES[@]}"; do
    printf '%s %s\n' "${ALL_CASES[$i]}" "$((base + i))"
  done
}

cmd_stop() {
  if ! command -v postfix >/dev/null 2>&1; then
    [[ -x /usr/sbin/postfix ]] && export PATH="$PATH:/usr/sbin" || { log "postfix not installed; nothing to stop"; return 0; }
  fi
  if is_running; then
    log "stopping postfix"
    postfix stop >&2 || die "postfix stop failed"
    # master exits asynchronously; give it a moment so an immediate restart works.
    local i
    for ((i = 0; i < 50; i++)); do is_running || break; sleep 0.2; done
  else
    log "postfix is not running"
  fi
}

case ${1:-} in
  start) [[ $# -eq 2 ]] || usage; cmd_start "$2" ;;
  stop) [[ $# -eq 1 ]] || usage; cmd_stop ;;
  *) usage ;;
esac
