#!/usr/bin/env bash
# Run Debian's Dovecot on loopback as two extra instances (never the system service), serving
# the fixture certificate `good` (mx.test.example), for smtp-probe integration tests.
#
# Usage:
#   scripts/dovecot-fixture.sh start BASEPORT   write the configuration, (re)start both
#                                               instances, wait for every port, print
#                                               "CASE PORT" lines
#   scripts/dovecot-fixture.sh stop             stop both instances (no error if not running)
#
# Listeners, all on 127.0.0.1 (port = BASEPORT + index):
#   +0 pop3s             implicit TLS (995-style)
#   +1 pop3              STLS
#   +2 imaps             implicit TLS (993-style)
#   +3 imap              STARTTLS
#   +4 restricted-pop3s  as +0, but the passdb refuses the right password from 127.0.0.1
#   +5 restricted-imaps  as +2, likewise (allow_nets, as a provider limiting logins by IP does)
# One instance per password database: Dovecot 2.3 cannot give one port its own passdb.
#
# The test user: probe@test.example, password in $STATE/password (TEST_PASSWORD below); its
# INBOX holds one message, so a login test has a mailbox size to read (and a test can see
# that the message is still there afterwards).
#
# The first instance also serves its auth socket at $STATE/auth-client (mode 0666): Postfix's
# submission listeners (scripts/postfix-fixture.sh, smtpd_sasl_type=dovecot) check passwords
# through it, so Dovecot must be running before one of them is asked for AUTH.
#
# Everything lives under $STATE (/run/smtp-probe-dovecot); logs in $STATE/<instance>/dovecot.log.
# stdout carries only the "CASE PORT" mapping; all diagnostics go to stderr.

set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
CERTS="$REPO_ROOT/fixtures/certs"
STATE=/run/smtp-probe-dovecot
AUTH_SOCKET=$STATE/auth-client
TEST_USER=probe@test.example
# A fixed test password (no secret: it guards nothing but this fixture). The login tests grep
# every output for it and for its base64 forms.
TEST_PASSWORD='Fixture-Pw-7q3Zx'
CASES=(pop3s pop3 imaps imap restricted-pop3s restricted-imaps)
INSTANCES=(main restricted)
WAIT_SECONDS=20

log() { printf 'dovecot-fixture: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  printf 'usage: %s start BASEPORT\n       %s stop\n' "$0" "$0" >&2
  exit 2
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The configuration of one instance: its listeners, and its passwd-file's extra fields.
write_config() {
  local name=$1 dir=$2 listeners=$3 auth_listener=$4
  mkdir -p "$dir/run" "$dir/state"
  cat >"$dir/dovecot.conf" <<EOF
# Written by scripts/dovecot-fixture.sh; rewritten at every start.
instance_name = smtp-probe-$name
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
listen = 127.0.0.1
protocols = pop3 imap
ssl = yes
ssl_cert = <$CERTS/good/chain.pem
ssl_key = <$CERTS/good/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$STATE/home/%u
}
$listeners
service auth {
$auth_listener
}
# No growing penalty per client address (2 s, 4 s, ... 15 s after each failed login): the
# tests fail logins from 127.0.0.1 on purpose, again and again. Each failure still waits 2 s.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF
}

# The pids of this fixture's master for instance config $1: the one in its pid file, and any
# process started as exactly `dovecot -c $1` (a master whose pid file was removed, say by a run
# that was killed half-way, still holds the instance's sockets, and the next start fails with
# "Dovecot is already running?"). The config path is this fixture's own, so no other Dovecot
# matches.
instance_pids() {
  local conf=$1 pidfile=${1%/dovecot.conf}/run/master.pid entry cmdline
  [[ -r $pidfile ]] && printf '%s\n' "$(<"$pidfile")"
  for entry in /proc/[0-9]*; do
    cmdline=$(tr '\0' ' ' 2>/dev/null <"$entry/cmdline") || continue
    [[ $cmdline == "/usr/sbin/dovecot -c $conf " || $cmdline == "dovecot -c $conf " ]] && printf '%s\n' "${entry#/proc/}"
  done
}

# The children a master leaves behind when it is killed (log, stats, auth, anvil...): they name
# themselves after the instance (`dovecot-smtp-probe-main/log`), which only this fixture uses.
instance_children() {
  local name=$1 entry cmdline
  for entry in /proc/[0-9]*; do
    cmdline=$(tr '\0' ' ' 2>/dev/null <"$entry/cmdline") || continue
    [[ $cmdline == "dovecot-smtp-probe-$name/"* ]] && printf '%s\n' "${entry#/proc/}"
  done
}

cmd_stop() {
  local name
  for name in "${INSTANCES[@]}"; do
    local conf=$STATE/$name/dovecot.conf pidfile=$STATE/$name/run/master.pid pid
    for pid in $(instance_pids "$conf" | sort -u); do
      [[ $pid =~ ^[0-9]+$ ]] || continue
      kill -0 "$pid" 2>/dev/null || continue
      log "stopping instance $name (pid $pid)"
      kill "$pid" 2>/dev/null || true
      local i
      for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      # A master that has not gone in 5 s (an auth process that ignores the signal) is ours: end it.
      if kill -0 "$pid" 2>/dev/null; then
        log "instance $name did not stop; killing pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      fi
    done
    # Left-over children of a master that was killed end with it.
    for pid in $(instance_children "$name"); do kill -KILL "$pid" 2>/dev/null || true; done
    rm -f "$pidfile"
  done
}

cmd_start() {
  local base=${1:-}
  [[ $base =~ ^[0-9]+$ ]] || die "BASEPORT must be a number (got '${base}')"
  command -v dovecot >/dev/null 2>&1 || die "dovecot is not installed (apt-get install dovecot-core dovecot-pop3d dovecot-imapd)"
  [[ $(id -u) -eq 0 ]] || die "must run as root (Dovecot drops privileges to dovenull and nobody)"
  [[ -r $CERTS/good/chain.pem ]] || die "missing $CERTS/good/chain.pem; run: python3 fixtures/make-certs.py"

  cmd_stop
  mkdir -p "$STATE"
  chmod 0755 "$STATE"
  printf '%s\n' "$TEST_PASSWORD" >"$STATE/password"

  # The user's mailbox: one small message, owned by the uid the userdb gives.
  local maildir=$STATE/home/$TEST_USER/Maildir
  rm -rf "$STATE/home"
  mkdir -p "$maildir/new" "$maildir/cur" "$maildir/tmp"
  printf 'From: fixture@test.example\r\nTo: %s\r\nSubject: fixture\r\n\r\nLeft here by dovecot-fixture.sh.\r\n' \
    "$TEST_USER" >"$maildir/new/1700000000.fixture.mx.test.example"
  chown -R 65534:65534 "$STATE/home"

  local p=$base
  write_config main "$STATE/main" "
service pop3-login {
  inet_listener pop3s {
    port = $p
    ssl = yes
  }
  inet_listener pop3 {
    port = $((p + 1))
  }
}
service imap-login {
  inet_listener imaps {
    port = $((p + 2))
    ssl = yes
  }
  inet_listener imap {
    port = $((p + 3))
  }
}" "  unix_listener $AUTH_SOCKET {
    mode = 0666
  }"
  printf '%s:{PLAIN}%s::::::\n' "$TEST_USER" "$TEST_PASSWORD" >"$STATE/main/passwd"

  # allow_nets: the password is right, but only 192.0.2.0/24 (TEST-NET-1) may use it.
  write_config restricted "$STATE/restricted" "
service pop3-login {
  inet_listener pop3s {
    port = $((p + 4))
    ssl = yes
  }
  inet_listener pop3 {
    port = 0
  }
}
service imap-login {
  inet_listener imaps {
    port = $((p + 5))
    ssl = yes
  }
  inet_listener imap {
    port = 0
  }
}" "  unix_listener auth-client {
    mode = 0600
  }"
  printf '%s:{PLAIN}%s::::::allow_nets=192.0.2.0/24\n' "$TEST_USER" "$TEST_PASSWORD" >"$STATE/restricted/passwd"

  local name
  for name in "${INSTANCES[@]}"; do
    : >"$STATE/$name/dovecot.log"
    : >"$STATE/$name/dovecot.out"
    # Not on our stdout or stderr: the daemon would hold the caller's pipes open for ever.
    dovecot -c "$STATE/$name/dovecot.conf" </dev/null >>"$STATE/$name/dovecot.out" 2>&1 \
      || { tail -n 20 "$STATE/$name/dovecot.out" "$STATE/$name/dovecot.log" >&2; die "dovecot instance $name did not start"; }
  done

  local deadline=$((SECONDS + WAIT_SECONDS)) pending
  while :; do
    pending=()
    local i
    for ((i = 0; i < ${#CASES[@]}; i++)); do port_open $((base + i)) || pending+=($((base + i))); done
    [[ -S $AUTH_SOCKET ]] || pending+=("$AUTH_SOCKET")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      for name in "${INSTANCES[@]}"; do tail -n 10 "$STATE/$name/dovecot.log" >&2; done
      die "still not listening after ${WAIT_SECONDS}s: ${pending[*]}"
    fi
    sleep 0.1
  done
  # The first greeting of a fresh instance takes seconds (its login processes start): wait
  # for one on each protocol of each instance here, so that no test's deadline pays for it.
  local warm
  for warm in "$base QUIT" "$((base + 2)) a LOGOUT" "$((base + 4)) QUIT" "$((base + 5)) a LOGOUT"; do
    printf '%s\r\n' "${warm#* }" | timeout 20 openssl s_client -quiet -connect "127.0.0.1:${warm%% *}" >/dev/null 2>&1 || true
  done
  log "ready"
  local i
  for i in "${!CASES[@]}"; do printf '%s %s\n' "${CASES[$i]}" $((base + i)); done
}

case ${1:-} in
  start) [[ $# -eq 2 ]] || usage; cmd_start "$2" ;;
  stop) [[ $# -eq 1 ]] || usage; cmd_stop ;;
  *) usage ;;
esac
