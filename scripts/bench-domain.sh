#!/usr/bin/env bash
# 1,000 tenant domains through `smtp-probe domain`, beside checkdmarc on the same zones in the
# same run (issue 11, "Speed, in the benchmark"). Run as root; see docs/benchmarks.md, D.
#
#   scripts/bench-domain.sh                    # 1000 tenants, 32 MX hosts
#   scripts/bench-domain.sh --count 200 --mx-hosts 8
#   scripts/bench-domain.sh --sni              # a certificate per MTA-STS host (SNI) instead
#                                              # of one with every mta-sts name as a SAN
#   scripts/bench-domain.sh --keep             # leave the zones and logs in the work directory
#   scripts/bench-domain.sh --reuse DIR        # the zones, certificates and policies a --keep run
#                                              # left in DIR (same --count, --mx-hosts, --sni)
#   scripts/bench-domain.sh --unsigned         # tenant zones unsigned (delegated without DS),
#                                              # as most real tenants are; shared zones signed
#   scripts/bench-domain.sh --no-checkdmarc    # smtp-probe only (while profiling it)
#   scripts/bench-domain.sh -- --concurrency 64   # more arguments for smtp-probe domain
#
# What runs, all on loopback, generated at run time under a temporary directory (not in git):
# - nsd on 127.0.0.1:25400 serving a signed `test.` that delegates, with DS records, to
#   - COUNT tenant zones tenantNNNN.test, each signed with its own key: two MX hosts shared
#     with other tenants, SPF with shared provider includes (`mx`, the mail provider's include
#     that spends two more on its netblocks, and on two tenants in three a CRM or newsletter
#     service's include), DKIM (selector `google`, RSA 2048), DMARC (p=reject, reports to a
#     report service authorised by `_report._dmarc`), `_mta-sts`, `mta-sts` and TLS-RPT;
#   - the shared zones: provider.test (the MX hosts mx01..mxNN, their TLSA 3 1 1 records, the
#     SPF includes), crm.test, news.test, reports.test.
#   One DS line for `test.` is the trust anchor (--trust-anchor).
# - The system Postfix (scripts/postfix-fixture.sh start 24600, as bench-fleet.sh) with a
#   block of its own in master.cf: one listener per MX host on 127.0.1.N:25, all with one
#   fixture-CA certificate naming every MX host (the TLSA records match its key). Tenant i has
#   MX 10 mx(i mod N), MX 20 mx(i+1 mod N): with 1,000 tenants every host serves ~60 tenants.
# - nginx on 127.0.1.254:443 serving every tenant's policy (mode enforce, its two MX hosts)
#   from one server block, with one fixture-CA certificate holding every mta-sts name as a
#   SAN (with --sni: a server block and a certificate per name, chosen by SNI).
# - tcpdump on lo, while smtp-probe runs: every DNS query to nsd and every connection to the
#   MX hosts, to check that no name was asked twice and that each MX host was probed once.
# Then, each under /usr/bin/time (wall time, peak RSS):
#   1. smtp-probe domain --targets FILE --format jsonl --dns-server 127.0.0.1:25400
#      --trust-anchor ANCHOR --ca-file fixtures/certs/roots.pem (a release build with the Swift
#      runtime linked statically, as bench-fleet.sh and package-deb.sh build it);
#   2. checkdmarc (PyPI) through its Python API (scripts/checkdmarc-domains.py), the same
#      domains, the same nsd, MX STARTTLS tests on and the MTA-STS policies fetched.
# The script holds /tmp/smtp-probe-test.lock while it runs: the tests reconfigure the same
# Postfix. Needs: nsd, ldnsutils, nginx, postfix, openssl, tcpdump, python3 with checkdmarc.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd -P)

count=1000 mx_hosts=32 sni=0 keep=0 reuse= checkdmarc=1 unsigned=0 dns_port=25400 https_address=127.0.1.254
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --mx-hosts) mx_hosts=$2; shift 2 ;;
    --sni) sni=1; shift ;;
    --keep) keep=1; shift ;;
    --reuse) reuse=$2; keep=1; shift 2 ;;
    --no-checkdmarc) checkdmarc=0; shift ;;
    --unsigned) unsigned=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--count N] [--mx-hosts N] [--sni] [--keep | --reuse DIR] [--unsigned] [--no-checkdmarc] [-- SMTP-PROBE-ARGS...]" >&2; exit 2 ;;
  esac
done
(( mx_hosts >= 2 && mx_hosts <= 250 )) || { echo "--mx-hosts must be 2..250 (addresses 127.0.1.1..250)" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "run as root: it configures the system Postfix and binds port 25 and 443" >&2; exit 2; }
for tool in nsd ldns-keygen ldns-signzone nginx postfix openssl tcpdump python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/test.sh installs the servers; apt-get install tcpdump)" >&2; exit 2; }
done
python3 -c 'import checkdmarc' 2>/dev/null || { echo "checkdmarc is missing: python3 -m pip install checkdmarc" >&2; exit 2; }

log() { printf 'bench-domain: %s %s\n' "$(date -u +%T)" "$*" >&2; }

exec 9>/tmp/smtp-probe-test.lock
log "waiting for /tmp/smtp-probe-test.lock (the tests share the system Postfix)"
flock 9

# The same scratch path as scripts/package-deb.sh: one static release build serves both.
build=(swift build -c release --static-swift-stdlib --scratch-path .build-release)
if [[ -z ${SMTP_PROBE:-} ]]; then
  log "release build (static Swift runtime)"
  "${build[@]}" --product smtp-probe >&2
  SMTP_PROBE=$("${build[@]}" --show-bin-path)/smtp-probe
fi

if [[ -n $reuse ]]; then
  work=$(cd "$reuse" && pwd -P)
  [[ -f $work/anchor.ds && -f $work/targets.txt ]] || { echo "$reuse holds no zones of a --keep run" >&2; exit 2; }
  rm -f "$work/nsd.pid" "$work/nginx.pid" "$work/zone.list" "$work/xfrd.state"
else
  work=$(mktemp -d /tmp/smtp-probe-bench-domain.XXXXXX)
fi
chmod 0755 "$work"   # nginx's workers read the policies as nobody
pids=()
master_cf=$(postconf -h config_directory)/master.cf
BEGIN_MARK="# BEGIN smtp-probe bench-domain (scripts/bench-domain.sh; removed when it ends)"
END_MARK="# END smtp-probe bench-domain"
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [[ -f $work/nsd.pid ]] && kill "$(cat "$work/nsd.pid")" 2>/dev/null || true
  if grep -q "^# BEGIN smtp-probe bench-domain" "$master_cf"; then
    sed -i "/^# BEGIN smtp-probe bench-domain/,/^# END smtp-probe bench-domain/d" "$master_cf"
    postfix reload >/dev/null 2>&1 || true
  fi
  if [[ $keep = 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tenant() { printf 'tenant%04d.test' "$1"; }
mx() { printf 'mx%02d.provider.test' "$1"; }
# Tenant i's two MX hosts (numbers 1..mx_hosts).
mx_a() { echo $(( ($1 % mx_hosts) + 1 )); }
mx_b() { echo $(( (($1 + 1) % mx_hosts) + 1 )); }

# --- certificates from the fixture CA (intermediate), ECDSA P-256 ---------------------------
certs=$repo/fixtures/certs
issue() { # NAME SAN-LIST: DIR/NAME.key and NAME.pem (leaf, then the intermediate)
  local name=$1 sans=$2
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${sans%%,*}" \
    -keyout "$work/certs/$name.key" -out "$work/certs/$name.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "$(tr ',' '\n' <<<"$sans" | sed 's/^/DNS:/' | paste -sd,)" > "$work/certs/$name.ext"
  openssl x509 -req -in "$work/certs/$name.csr" -CA "$certs/intermediate-ca.pem" -CAkey "$certs/intermediate-ca.key" \
    -CAcreateserial -CAserial "$work/certs/serial" -days 365 -sha256 -extfile "$work/certs/$name.ext" \
    -out "$work/certs/$name.leaf" 2>/dev/null
  cat "$work/certs/$name.leaf" "$certs/intermediate-ca.pem" > "$work/certs/$name.pem"
}
targets=$work/targets.txt
if [[ -n $reuse ]]; then
  log "reusing the zones, certificates and policies in $work"
  children=(provider.test crm.test news.test reports.test $(cat "$targets"))
else
mkdir -p "$work/certs" "$work/zones" "$work/sites"
log "certificates: MX hosts, MTA-STS hosts ($([[ $sni = 1 ]] && echo "one per name" || echo "one with $count SANs"))"
issue mx "$(for ((n = 1; n <= mx_hosts; n++)); do mx "$n"; echo; done | paste -sd,)"
tlsa=$(openssl x509 -in "$work/certs/mx.leaf" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
if [[ $sni = 1 ]]; then
  for ((i = 1; i <= count; i++)); do issue "mta-sts.$(tenant "$i")" "mta-sts.$(tenant "$i")"; done
else
  issue mta-sts "$(for ((i = 1; i <= count; i++)); do echo "mta-sts.$(tenant "$i")"; done | paste -sd,)"
fi
# One DKIM key for every tenant (the zone needs a well-formed 2048-bit key, not a secret).
openssl genrsa -out "$work/certs/dkim.key" 2048 2>/dev/null
dkim=$(openssl rsa -in "$work/certs/dkim.key" -pubout -outform DER 2>/dev/null | base64 -w0)
dkim_txt="\"v=DKIM1; k=rsa; p=${dkim:0:200}\" \"${dkim:200}\""

# --- zones ---------------------------------------------------------------------------------
soa() { printf '$ORIGIN %s.\n$TTL 3600\n@ IN SOA ns.test. hostmaster.test. 1 3600 900 604800 300\n@ IN NS ns.test.\n' "$1"; }
log "zones: $count tenants, $mx_hosts MX hosts"
{
  soa provider.test
  # Like a large provider's include: two more lookups for its netblocks.
  echo '_spf IN TXT "v=spf1 include:_netblocks1.provider.test include:_netblocks2.provider.test ~all"'
  echo '_netblocks1 IN TXT "v=spf1 ip4:192.0.2.0/25 ip4:198.51.100.0/24 ip6:2001:db8:1::/48 ~all"'
  echo '_netblocks2 IN TXT "v=spf1 ip4:192.0.2.128/25 ip6:2001:db8:2::/48 ~all"'
  for ((n = 1; n <= mx_hosts; n++)); do
    echo "$(mx "$n"). IN A 127.0.1.$n"
    echo "_25._tcp.$(mx "$n"). IN TLSA 3 1 1 $tlsa"
  done
} > "$work/zones/provider.test"
{
  soa crm.test
  echo '_spf IN TXT "v=spf1 ip4:203.0.113.0/26 include:_spf2.crm.test ~all"'
  echo '_spf2 IN TXT "v=spf1 ip4:203.0.113.64/26 ~all"'
} > "$work/zones/crm.test"
{
  soa news.test
  echo 'spf IN TXT "v=spf1 a:out.news.test ~all"'
  echo 'out IN A 203.0.113.200'
} > "$work/zones/news.test"
{
  soa reports.test
  for ((i = 1; i <= count; i++)); do echo "$(tenant "$i")._report._dmarc IN TXT \"v=DMARC1\""; done
} > "$work/zones/reports.test"
targets=$work/targets.txt
: > "$targets"
for ((i = 1; i <= count; i++)); do
  d=$(tenant "$i") a=$(mx "$(mx_a "$i")") b=$(mx "$(mx_b "$i")")
  case $((i % 3)) in
    0) more=" include:_spf.crm.test" ;;
    1) more=" include:spf.news.test" ;;
    *) more="" ;;
  esac
  {
    soa "$d"
    echo "@ IN MX 10 $a."
    echo "@ IN MX 20 $b."
    echo "@ IN TXT \"v=spf1 mx include:_spf.provider.test$more ~all\""
    echo "google._domainkey IN TXT $dkim_txt"
    echo "_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@reports.test\""
    echo '_mta-sts IN TXT "v=STSv1; id=20261203T000000"'
    echo "mta-sts IN A $https_address"
    echo '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@reports.test"'
  } > "$work/zones/$d"
  mkdir -p "$work/sites/mta-sts.$d/.well-known"
  printf 'version: STSv1\r\nmode: enforce\r\nmx: %s\r\nmx: %s\r\nmax_age: 604800\r\n' "$a" "$b" \
    > "$work/sites/mta-sts.$d/.well-known/mta-sts.txt"
  echo "$d" >> "$targets"
done

log "signing $([[ $unsigned = 1 ]] && echo 4 || echo $((count + 4))) zones and test. (ldns-signzone)"
cd "$work/zones"
children=(provider.test crm.test news.test reports.test $(cat "$targets"))
{
  soa test
  echo 'ns IN A 127.0.0.1'
} > test
for zone in "${children[@]}"; do
  if [[ $unsigned = 1 && $zone == tenant* ]]; then
    cp "$zone" "$zone.signed"
    echo "${zone%.test} IN NS ns.test." >> test
    continue
  fi
  key=$(ldns-keygen -a ECDSAP256SHA256 -k "$zone")
  ldns-signzone -o "$zone." -f "$zone.signed" "$zone" "$key"
  { echo "${zone%.test} IN NS ns.test."; cat "$key.ds"; } >> test
  rm -f "$key.private"
done
test_key=$(ldns-keygen -a ECDSAP256SHA256 -k test)
ldns-signzone -o test. -f test.signed test "$test_key"
cp "$test_key.ds" "$work/anchor.ds"
cd "$repo"
fi

{
  cat <<EOF
server:
  ip-address: 127.0.0.1
  port: $dns_port
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$work/zones"
  database: ""
  zonelistfile: "$work/zone.list"
  xfrdfile: "$work/xfrd.state"
  xfrdir: "$work"
  pidfile: "$work/nsd.pid"
  logfile: "$work/nsd.log"
  server-count: 1
  verbosity: 1
remote-control:
  control-enable: no
EOF
  for zone in test "${children[@]}"; do printf 'zone:\n  name: "%s"\n  zonefile: "%s.signed"\n' "$zone" "$zone"; done
} > "$work/nsd.conf"
nsd-checkconf "$work/nsd.conf"
log "starting nsd on 127.0.0.1:$dns_port"
nsd -c "$work/nsd.conf"
for try in $(seq 1 100); do
  dig +short +norec @127.0.0.1 -p "$dns_port" SOA "$(tenant "$count")" 2>/dev/null | grep -q . && break
  sleep 0.2
done

# --- Postfix: the fixture, plus one listener per MX host ------------------------------------
log "Postfix: the fixture listeners and $mx_hosts MX hosts on 127.0.1.1..$mx_hosts:25"
scripts/postfix-fixture.sh start 24600 >/dev/null
{
  echo "$BEGIN_MARK"
  for ((n = 1; n <= mx_hosts; n++)); do
    printf '127.0.1.%d:25 inet n - n - - smtpd\n  -o syslog_name=postfix/bench-mx%02d\n' "$n" "$n"
    printf '  -o myhostname=%s\n  -o smtpd_tls_security_level=may\n  -o smtpd_tls_chain_files=\n' "$(mx "$n")"
    printf '  -o smtpd_tls_cert_file=%s\n  -o smtpd_tls_key_file=%s\n' "$work/certs/mx.pem" "$work/certs/mx.key"
  done
  echo "$END_MARK"
} >> "$master_cf"
postfix reload >/dev/null 2>&1
for ((n = 1; n <= mx_hosts; n++)); do
  for try in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.1.$n/25") 2>/dev/null && break; sleep 0.1; done
done

# --- nginx for the MTA-STS policies -----------------------------------------------------------
# One server block for every host with the one certificate, or with --sni one block per host
# with its own certificate (nginx loads them all at start and picks one by SNI).
servers=$work/nginx-servers.conf
if [[ $sni = 1 ]]; then
  for ((i = 1; i <= count; i++)); do
    host="mta-sts.$(tenant "$i")"
    printf 'server { listen %s:443 ssl; server_name %s; ssl_certificate %s; ssl_certificate_key %s; root %s; }\n' \
      "$https_address" "$host" "$work/certs/$host.pem" "$work/certs/$host.key" "$work/sites/$host"
  done > "$servers"
else
  printf 'server { listen %s:443 ssl; ssl_certificate %s; ssl_certificate_key %s; root %s/sites/$host; }\n' \
    "$https_address" "$work/certs/mta-sts.pem" "$work/certs/mta-sts.key" "$work" > "$servers"
fi
mkdir -p "$work/nginx-temp"
cat > "$work/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work/nginx-temp;
  proxy_temp_path $work/nginx-temp;
  fastcgi_temp_path $work/nginx-temp;
  uwsgi_temp_path $work/nginx-temp;
  scgi_temp_path $work/nginx-temp;
  types { text/plain txt; }
  server_names_hash_bucket_size 128;
  server_names_hash_max_size 4096;
  include $servers;
}
EOF
log "starting nginx on $https_address:443"
nginx -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"
for try in $(seq 1 100); do (exec 3<>"/dev/tcp/$https_address/443") 2>/dev/null && break; sleep 0.1; done
d1=$(tenant 1)
curl -sf --cacert "$certs/roots.pem" --resolve "mta-sts.$d1:443:$https_address" \
  "https://mta-sts.$d1/.well-known/mta-sts.txt" >/dev/null || { log "error: nginx does not serve mta-sts.$d1"; exit 1; }

# --- 1. smtp-probe domain ----------------------------------------------------------------------
report=$work/report
: > "$report"
# `smtp-probe domain --help` would be the default `probe` command's help: look for the subcommand.
if "$SMTP_PROBE" --help 2>/dev/null | grep -qE '^  domain( |$)'; then
  ulimit -n "$(ulimit -Hn)"
  tcpdump -i lo -n -s 256 -U -w "$work/probe.pcap" \
    "(udp or tcp) and (dst port $dns_port or (tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn and (dst net 127.0.1.0/24)))" \
    2>"$work/tcpdump.log" &
  pids+=($!); tcpdump_pid=$!
  sleep 1
  log "smtp-probe domain: $count domains"
  status=0
  /usr/bin/time -f "%e %U %S %M" -o "$work/probe.time" \
    "$SMTP_PROBE" domain --targets "$targets" --format jsonl --dns-server "127.0.0.1:$dns_port" \
    --trust-anchor "$work/anchor.ds" --ca-file "$certs/roots.pem" ${extra[@]+"${extra[@]}"} \
    > "$work/probe.jsonl" 2> "$work/probe.stderr" || status=$?
  sleep 1
  kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" 2>/dev/null || true
  # (time -o writes "Command exited with non-zero status N" first when it did.)
  read -r wall user sys rss < <(tail -n 1 "$work/probe.time")
  {
    echo "== smtp-probe domain ($count domains, exit status $status)"
    printf 'wall %s s, CPU %s + %s s, peak RSS %d MiB\n' "$wall" "$user" "$sys" $((rss / 1024))
    python3 scripts/bench-domain-summary.py probe "$work/probe.jsonl"
    grep -h 'dropped by kernel' "$work/tcpdump.log" | sed 's/^/tcpdump: /'
    python3 scripts/bench-domain-summary.py wire "$work/probe.pcap" "$dns_port"
    if [[ -s $work/probe.stderr ]]; then echo "standard error (first lines):"; head -n 5 "$work/probe.stderr"; fi
  } | tee -a "$report"
else
  echo "== smtp-probe has no \`domain\` command yet ($SMTP_PROBE): its run is skipped" | tee -a "$report"
fi

# --- 2. checkdmarc ------------------------------------------------------------------------------
[[ $checkdmarc = 1 ]] || exit 0
log "checkdmarc: $count domains"
status=0
SSL_CERT_FILE=$certs/roots.pem REQUESTS_CA_BUNDLE=$certs/roots.pem \
  /usr/bin/time -f "%e %U %S %M" -o "$work/checkdmarc.time" \
  python3 scripts/checkdmarc-domains.py "$dns_port" "$https_address" "$targets" \
  > "$work/checkdmarc.jsonl" 2> "$work/checkdmarc.stderr" || status=$?
read -r wall user sys rss < <(tail -n 1 "$work/checkdmarc.time")
{
  echo "== checkdmarc $(python3 -c 'import checkdmarc; print(checkdmarc.__version__)') ($count domains, exit status $status)"
  printf 'wall %s s, CPU %s + %s s, peak RSS %d MiB\n' "$wall" "$user" "$sys" $((rss / 1024))
  python3 scripts/bench-domain-summary.py checkdmarc "$work/checkdmarc.jsonl"
  if [[ -s $work/checkdmarc.stderr ]]; then echo "standard error (first lines):"; head -n 5 "$work/checkdmarc.stderr"; fi
} | tee -a "$report"
if [[ -f $work/probe.time ]]; then
  python3 - "$work/probe.time" "$work/checkdmarc.time" <<'EOF' | tee -a "$report"
import sys
probe, checkdmarc = (float(open(p).read().splitlines()[-1].split()[0]) for p in sys.argv[1:3])
print(f"== checkdmarc / smtp-probe wall time: {checkdmarc / probe:.1f}x" if probe > 0 else "")
EOF
fi
