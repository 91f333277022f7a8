#!/usr/bin/env bash
# 1,000 distinct targets with a simulated 100 ms round-trip time on every connection (issue 5).
# Needs a C compiler; --server postfix also needs root (it runs scripts/postfix-fixture.sh).
#
#   scripts/bench-fleet.sh                       # 1000 targets, all at once, 100 ms RTT,
#                                                # in front of the project's fixture server
#   scripts/bench-fleet.sh --server postfix      # the same in front of the fixture Postfix
#   scripts/bench-fleet.sh --count 200 --concurrency 50 --rtt 40
#   scripts/bench-fleet.sh --cli                 # also time the CLI itself: smtp-probe --targets FILE
#
# What runs:
# - the server, either
#   - (default) the project's fixture SMTP server, `smtp-probe-bench serve 24680`: one
#     process on SwiftNIO with OpenSSL in memory, serving good-ecdsa. It answers as fast as
#     two shared cores allow, so the figure is the client's;
#   - or, with --server postfix, the fixture Postfix (scripts/postfix-fixture.sh start 24600;
#     left running, as the tests share it), a real mail server whose process per session
#     costs more CPU than the client on these two cores;
# - scripts/delay-proxy.c on COUNT loopback addresses from 127.0.1.1, port 24690, delaying
#   each direction by RTT/2 and holding the upstream connection back by 1.5 RTT, since the
#   kernel completes the client's TCP handshake at once. It forwards to the fixture server or,
#   round robin by address, to the four fixture Postfix listeners whose certificate passes for
#   mx.test.example (good, good-ecdsa, expiring, wildcard). Postfix runs a process per
#   session, at most default_process_limit a listener (the fixture sets 300; Postfix's
#   default is 100): a session waiting for a free process would time Postfix's queue;
# - smtp-probe-bench (Benchmarks/smtp-probe-bench), which probes mx.test.example through each
#   address with the core library, at most CONCURRENCY at a time, with fixtures/certs/roots.pem
#   as the trust store, under /usr/bin/time.
# One warm-up run comes first and is not reported: it makes Postfix start its smtpd processes,
# which a long-running mail server has anyway (they live 100 s idle, 100 sessions each).
set -euo pipefail
cd "$(dirname "$0")/.."

count=1000 concurrency=1000 rtt=100 port=24690 first=127.0.1.1 cli=0 warmup=1 server=fixture
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --rtt) rtt=$2; shift 2 ;;
    --cli) cli=1; shift ;;
    --no-warmup) warmup=0; shift ;;
    --server) server=$2; shift 2 ;;
    *) echo "usage: $0 [--count N] [--concurrency N] [--rtt MS] [--server fixture|postfix] [--cli] [--no-warmup]" >&2; exit 2 ;;
  esac
done

# Static Swift runtime: what a release build should ship (see docs/benchmarks.md).
swift build -c release --static-swift-stdlib --product smtp-probe-bench >/dev/null
bench=$(swift build -c release --static-swift-stdlib --show-bin-path)/smtp-probe-bench
cc -O2 -o .build/delay-proxy scripts/delay-proxy.c

log=$(mktemp)
server_pid=
case $server in
  postfix)
    ports=$(scripts/postfix-fixture.sh start 24600)
    upstreams=$(awk '$1 == "good" || $1 == "good-ecdsa" || $1 == "expiring" || $1 == "wildcard" { print $2 }' <<<"$ports")
    ;;
  fixture)
    "$bench" serve 24680 good-ecdsa >"$log.server" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do grep -q ready "$log.server" 2>/dev/null && break; sleep 0.1; done
    grep -q ready "$log.server" || { cat "$log.server" >&2; echo "the fixture server did not start" >&2; exit 1; }
    upstreams=24680
    ;;
  *) echo "--server is fixture or postfix" >&2; exit 2 ;;
esac
# Real-time priority for the proxy: a network's delay does not grow with the host's CPU load,
# but a proxy sharing two busy cores with Postfix and the client would deliver late (measured:
# 22 ms late on average at normal priority, 1–2 ms with SCHED_FIFO). It prints its lateness.
rt=(); command -v chrt >/dev/null && rt=(chrt -f 20)
"${rt[@]}" .build/delay-proxy "$port" "$first" "$count" $((rtt / 2)) $upstreams >"$log.out" 2>"$log" &
proxy=$!
trap 'kill -TERM $proxy $server_pid 2>/dev/null || true; rm -f "$log" "$log.out" "$log.targets" "$log.server"' EXIT
for _ in $(seq 50); do grep -q ready "$log.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$log.out" || { cat "$log" >&2; echo "delay-proxy did not start" >&2; exit 1; }

args=(--host mx.test.example --port "$port" --first "$first" --count "$count" --concurrency "$concurrency"
      --ca-file fixtures/certs/roots.pem)
if [ "$warmup" = 1 ]; then
  "$bench" "${args[@]}" >/dev/null
  sleep 1
fi
echo "== smtp-probe-bench: $count targets, concurrency $concurrency, RTT $rtt ms, server: $server"
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
    echo "== smtp-probe --targets: $count targets, concurrency $concurrency, RTT $rtt ms, server: $server"
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
