#!/usr/bin/env bash
# One probe against a local Postfix, timed beside `openssl s_client -starttls smtp` doing the
# same handshake and chain verification. Needs root (it runs scripts/postfix-fixture.sh) and
# installs hyperfine from Debian if it is missing.
#
#   scripts/bench-single.sh            # hyperfine's table, peak memory of each, and the
#                                      # probe's own timings over 50 runs
#   scripts/bench-single.sh --dynamic  # the same with the Swift runtime linked dynamically
#
# The fixture Postfix is left running: the tests and other benchmarks share it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null

# The release build as it should ship: the Swift runtime linked statically (no libswiftCore,
# libFoundation* or libdispatch to load and relocate at start). --dynamic shows the difference.
build=(-c release --static-swift-stdlib)
[ "${1:-}" = --dynamic ] && build=(-c release --scratch-path .build-dyn)
swift build "${build[@]}" --product smtp-probe >/dev/null
probe=$(swift build "${build[@]}" --show-bin-path)/smtp-probe

port=$(scripts/postfix-fixture.sh start 24600 | awk '$1 == "good-ecdsa" { print $2 }')
roots=fixtures/certs/roots.pem
ours="$probe mx.test.example:$port --connect-to 127.0.0.1 --ca-file $roots --ehlo probe.smtp-probe.test --json"
theirs="openssl s_client -starttls smtp -connect 127.0.0.1:$port -servername mx.test.example -CAfile $roots -verify_return_error -verify_hostname mx.test.example -quiet"
# The reference is s_client on its own: -no_ign_eof (after -quiet, which sets ign_eof) makes it
# end the session when its standard input, /dev/null here, is at its end, as the probe ends its
# own once it has its answers. Earlier versions fed it QUIT through `bash -c 'echo QUIT | ...'`,
# which added bash's start-up (about 1.5 ms) to s_client's time; that variant is still timed,
# for comparison with the figures recorded before, but the ratio that counts is against
# s_client alone.
hyperfine -N --warmup 5 --runs 100 -i \
  -n smtp-probe "$ours" \
  -n "openssl s_client" "$theirs -no_ign_eof" \
  -n "bash + openssl s_client (QUIT)" "bash -c 'echo QUIT | $theirs'" </dev/null
rss=$(mktemp)
trap 'rm -f "$rss"' EXIT
for name in smtp-probe openssl; do
  if [ "$name" = smtp-probe ]; then cmd="$ours"; else cmd="$theirs -no_ign_eof"; fi
  /usr/bin/time -f %M -o "$rss" $cmd </dev/null >/dev/null 2>&1 || true
  kib=$(tail -1 "$rss")
  echo "peak RSS $name: $((kib / 1024)) MiB"
done

# The conversation as the probe itself times it (connect to the reply to EHLO after TLS, then
# QUIT): what is left of the wall time above is process start-up and exit.
for _ in $(seq 50); do $ours || true; done | python3 -c '
import json, sys, statistics
decoder, text, totals, waits = json.JSONDecoder(), sys.stdin.read(), [], []
position = 0
while position < len(text.rstrip()):
    report, position = decoder.raw_decode(text, position)
    position += len(text[position:]) - len(text[position:].lstrip())
    timings = report["addresses"][0]["timings_ms"]
    totals.append(timings["total"]); waits.append(timings.get("ehlo_after_tls", 0))
print("probe timings over %d runs: total median %.1f ms (max %.1f); EHLO-after-TLS reply median %.1f ms, max %.1f ms"
      % (len(totals), statistics.median(totals), max(totals), statistics.median(waits), max(waits)))'
