#!/usr/bin/env bash
# 1,000 distinct targets with a simulated 100 ms round-trip time on every connection (issue 5).
# Needs root (it runs scripts/postfix-fixture.sh) and a C compiler.
#
#   scripts/bench-fleet.sh                       # 1000 targets, all at once, 100 ms RTT
#   scripts/bench-fleet.sh --count 200 --concurrency 50 --rtt 40
#   scripts/bench-fleet.sh --cli                 # also time the CLI's own multi-target mode, if it has one
#
# What runs:
# - the fixture Postfix (scripts/postfix-fixture.sh start 24600; left running, as the tests
#   share it);
# - scripts/delay-proxy.c on COUNT loopback addresses from 127.0.1.1, port 24690, delaying
#   each direction by RTT/2 and holding the upstream connection back by 1.5 RTT, since the
#   kernel completes the client's TCP handshake at once. It forwards, round robin by address,
#   to the four fixture listeners whose certificate passes for mx.test.example: good,
#   good-ecdsa, expiring and wildcard. Why four: Postfix runs at most 100 smtpd processes per
#   listener (default_process_limit), so one listener alone allows 100 sessions at once, and
#   1000 sessions of ~0.7 s each would take at least 7 s whatever the client does;
# - smtp-probe-bench (Benchmarks/smtp-probe-bench), which probes mx.test.example through each
#   address with the core library, at most CONCURRENCY at a time, with fixtures/certs/roots.pem
#   as the trust store, under /usr/bin/time.
# One warm-up run comes first and is not reported: it makes Postfix start its smtpd processes,
# which a long-running mail server has anyway (they live 100 s idle, 100 sessions each).
set -euo pipefail
cd "$(dirname "$0")/.."

count=1000 concurrency=1000 rtt=100 port=24690 first=127.0.1.1 cli=0 warmup=1
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --rtt) rtt=$2; shift 2 ;;
    --cli) cli=1; shift ;;
    --no-warmup) warmup=0; shift ;;
    *) echo "usage: $0 [--count N] [--concurrency N] [--rtt MS] [--cli] [--no-warmup]" >&2; exit 2 ;;
  esac
done

# Static Swift runtime: what a release build should ship (see docs/benchmarks.md).
swift build -c release --static-swift-stdlib --product smtp-probe-bench >/dev/null
bench=$(swift build -c release --static-swift-stdlib --show-bin-path)/smtp-probe-bench
cc -O2 -o .build/delay-proxy scripts/delay-proxy.c

ports=$(scripts/postfix-fixture.sh start 24600)
upstreams=$(awk '$1 == "good" || $1 == "good-ecdsa" || $1 == "expiring" || $1 == "wildcard" { print $2 }' <<<"$ports")

log=$(mktemp)
# Real-time priority for the proxy: a network's delay does not grow with the host's CPU load,
# but a proxy sharing two busy cores with Postfix and the client would deliver late (measured:
# 22 ms late on average at normal priority, 1–2 ms with SCHED_FIFO). It prints its lateness.
rt=(); command -v chrt >/dev/null && rt=(chrt -f 20)
"${rt[@]}" .build/delay-proxy "$port" "$first" "$count" $((rtt / 2)) $upstreams >"$log.out" 2>"$log" &
proxy=$!
trap 'kill -TERM $proxy 2>/dev/null || true; rm -f "$log" "$log.out" "$log.targets"' EXIT
for _ in $(seq 50); do grep -q ready "$log.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$log.out" || { cat "$log" >&2; echo "delay-proxy did not start" >&2; exit 1; }

args=(--host mx.test.example --port "$port" --first "$first" --count "$count" --concurrency "$concurrency"
      --ca-file fixtures/certs/roots.pem)
if [ "$warmup" = 1 ]; then
  "$bench" "${args[@]}" >/dev/null
  sleep 1
fi
echo "== smtp-probe-bench: $count targets, concurrency $concurrency, RTT $rtt ms"
/usr/bin/time -f "process: %e s wall, %U s user, %S s system, peak RSS %M KiB" "$bench" "${args[@]}"

# The CLI's multi-target mode: time it the same way.
# Its targets are the proxy's addresses themselves, so their certificates do not match the
# names (verdict fail, cert.hostname_mismatch); the conversation and its timing are the same.
probe=$(swift build -c release --static-swift-stdlib --show-bin-path)/smtp-probe
if [ "$cli" = 1 ]; then
  swift build -c release --static-swift-stdlib --product smtp-probe >/dev/null
  if "$probe" probe --help 2>&1 | grep -q -- '--targets'; then
    : >"$log.targets"
    for i in $(seq 0 $((count - 1))); do
      a=$((i + 1)); echo "127.0.$((1 + a / 256)).$((a % 256)):$port" >>"$log.targets"
    done
    echo "== smtp-probe --targets: $count targets, concurrency $concurrency, RTT $rtt ms"
    ulimit -n "$(ulimit -Hn)"
    /usr/bin/time -f "process: %e s wall, %U s user, %S s system, peak RSS %M KiB" \
      "$probe" --targets "$log.targets" --concurrency "$concurrency" --format jsonl \
      --ca-file fixtures/certs/roots.pem --ehlo bench.smtp-probe.test >/dev/null || true
  else
    echo "== smtp-probe has no --targets yet: CLI run skipped"
  fi
fi

kill -TERM $proxy
wait $proxy 2>/dev/null || true
cat "$log"
