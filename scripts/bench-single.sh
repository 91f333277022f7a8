#!/usr/bin/env bash
# One probe against a local Postfix, timed beside `openssl s_client -starttls smtp` doing the
# same handshake and chain verification. Needs root (it runs scripts/postfix-fixture.sh) and
# installs hyperfine from Debian if it is missing.
#
#   scripts/bench-single.sh            # prints hyperfine's table and peak memory of each
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
swift build -c release --product smtp-probe >/dev/null
probe=$(swift build -c release --show-bin-path)/smtp-probe
port=$(scripts/postfix-fixture.sh start 42600 | awk '$1 == "good-ecdsa" { print $2 }')
roots=fixtures/certs/roots.pem
ours="$probe mx.test.example:$port --connect-to 127.0.0.1 --ca-file $roots --ehlo probe.smtp-probe.test --json"
theirs="openssl s_client -starttls smtp -connect 127.0.0.1:$port -servername mx.test.example -CAfile $roots -verify_return_error -verify_hostname mx.test.example -quiet"
# s_client reads QUIT from standard input so that it ends the session as the probe does.
hyperfine -N --warmup 5 --runs 100 -i \
  -n smtp-probe "$ours" \
  -n "openssl s_client" "bash -c 'echo QUIT | $theirs'"
for name in smtp-probe openssl; do
  if [ "$name" = smtp-probe ]; then cmd="$ours"; else cmd="bash -c 'echo QUIT | $theirs'"; fi
  kib=$( { /usr/bin/time -f %M bash -c "$cmd >/dev/null 2>&1"; } 2>&1 | tail -1)
  echo "peak RSS $name: $((kib / 1024)) MiB"
done
scripts/postfix-fixture.sh stop
