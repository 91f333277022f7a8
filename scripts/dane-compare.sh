#!/usr/bin/env bash
# DANE verdicts of Postfix's posttls-finger (-l dane) on test zones with matching and
# non-matching TLSA records, against real Postfix listeners, beside smtp-probe's DANE codes
# when `smtp-probe domain` exists (issue 11, "Anchors to compare with"; docs/domain-comparison.md).
# Run as root. Prints one block per case: the TLSA records, posttls-finger's verdict line and
# the lines of its DANE matching, then smtp-probe's dane.* codes.
#
#   scripts/dane-compare.sh            # SMTP_PROBE=path picks the binary (default: the debug build)
#
# What runs (all generated under a temporary directory):
# - nsd on 127.0.0.1:25401: a signed `test.` with DS records for the signed cases and none for
#   `insecure-match.test`; the TLSA records are computed with openssl from the certificates;
# - unbound on 127.0.1.253:53, a validating resolver for `test.` (stub to nsd, trust anchor
#   the DS of `test.`): posttls-finger asks the system's resolver (res_query with the DO bit)
#   and trusts its AD bit, so it runs in a mount namespace of its own (unshare) where
#   /etc/resolv.conf says `nameserver 127.0.1.253` and `options trust-ad`;
# - the system Postfix (scripts/postfix-fixture.sh start 24600) with a block of its own in
#   master.cf: one listener per case on 127.0.1.101.. port 25, with either a certificate made
#   here from the fixture CA that names every case's MX host, or the fixture `good` one (names
#   mx.test.example only);
# - posttls-finger -c -l dane CASE.test, which looks up the MX host, its TLSA records and
#   connects; without a CA file, so that "Verified" can only come from DANE (when no TLSA
#   record is usable posttls-finger falls back to the `secure` level, which then has no trust
#   anchor); and, if present, smtp-probe domain CASE.test.
# Holds /tmp/smtp-probe-test.lock (the tests share the Postfix).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd -P)
certs=$repo/fixtures/certs
[[ $(id -u) -eq 0 ]] || { echo "run as root" >&2; exit 2; }
for tool in nsd ldns-keygen ldns-signzone unbound posttls-finger openssl unshare; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
SMTP_PROBE=${SMTP_PROBE:-$repo/.build/debug/smtp-probe}
dns_port=25401 resolver=127.0.1.253
log() { printf 'dane-compare: %s\n' "$*" >&2; }

exec 9>/tmp/smtp-probe-test.lock
flock 9
work=$(mktemp -d /tmp/smtp-probe-dane-compare.XXXXXX)
master_cf=$(postconf -h config_directory)/master.cf
cleanup() {
  [[ -f $work/unbound.pid ]] && kill "$(cat "$work/unbound.pid")" 2>/dev/null || true
  [[ -f $work/nsd.pid ]] && kill "$(cat "$work/nsd.pid")" 2>/dev/null || true
  if grep -q "^# BEGIN smtp-probe dane-compare" "$master_cf"; then
    sed -i "/^# BEGIN smtp-probe dane-compare/,/^# END smtp-probe dane-compare/d" "$master_cf"
    postfix reload >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# case: domain, listener certificate (made|good), TLSA records (zone-file data after "TLSA"),
# signed (yes|no). %EE% is the SPKI SHA-256 of the made leaf, %GOOD% that of the fixture
# `good` leaf, %TA% that of the fixture intermediate CA (sent in both chains), %OTHER% that of
# another CA's key.
cases=(
  "ee-match made 3_1_1_%EE% yes"
  "ta-match made 2_1_1_%TA% yes"
  "ee-mismatch made 3_1_1_%OTHER% yes"
  "pkix-only made 1_1_1_%EE% yes"
  "ee-wrongname good 3_1_1_%GOOD% yes"
  "ta-wrongname good 2_1_1_%TA% yes"
  "insecure-match made 3_1_1_%EE% no"
  "mixed made 3_1_1_%OTHER%,2_1_1_%TA% yes"
)

spki() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1; }
mkdir -p "$work/zones"
names=$(for c in "${cases[@]}"; do echo "DNS:mx.${c%% *}.test"; done | paste -sd,)
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=mx.ee-match.test" \
  -keyout "$work/made.key" -out "$work/made.csr" 2>/dev/null
printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n' "$names" > "$work/made.ext"
openssl x509 -req -in "$work/made.csr" -CA "$certs/intermediate-ca.pem" -CAkey "$certs/intermediate-ca.key" \
  -CAcreateserial -CAserial "$work/serial" -days 365 -sha256 -extfile "$work/made.ext" -out "$work/made.leaf" 2>/dev/null
cat "$work/made.leaf" "$certs/intermediate-ca.pem" > "$work/made.pem"
EE=$(spki "$work/made.leaf") GOOD=$(spki "$certs/good/leaf.pem") TA=$(spki "$certs/intermediate-ca.pem")
OTHER=$(spki "$certs/other-intermediate-ca.pem")

soa() { printf '$ORIGIN %s.\n$TTL 300\n@ IN SOA ns.test. hostmaster.test. 1 3600 900 604800 300\n@ IN NS ns.test.\n' "$1"; }
cd "$work/zones"
{ soa test; echo 'ns IN A 127.0.0.1'; } > test
n=100
for c in "${cases[@]}"; do
  read -r domain cert records signed <<<"$c"
  n=$((n + 1))
  {
    soa "$domain.test"
    echo "@ IN MX 10 mx"
    echo "mx IN A 127.0.1.$n"
    for record in ${records//,/ }; do
      record=${record//%EE%/$EE}; record=${record//%GOOD%/$GOOD}; record=${record//%TA%/$TA}; record=${record//%OTHER%/$OTHER}
      echo "_25._tcp.mx IN TLSA ${record//_/ }"
    done
  } > "$domain.test"
  echo "$domain IN NS ns.test." >> test
  if [[ $signed = yes ]]; then
    key=$(ldns-keygen -a ECDSAP256SHA256 -k "$domain.test")
    ldns-signzone -o "$domain.test." -f "$domain.test.signed" "$domain.test" "$key"
    cat "$key.ds" >> test
  else
    cp "$domain.test" "$domain.test.signed"
  fi
done
key=$(ldns-keygen -a ECDSAP256SHA256 -k test)
ldns-signzone -o test. -f test.signed test "$key"
cp "$key.ds" "$work/anchor.ds"
cd "$repo"

{
  printf 'server:\n  ip-address: 127.0.0.1\n  port: %s\n  do-ip6: no\n  username: ""\n  chroot: ""\n' "$dns_port"
  printf '  zonesdir: "%s/zones"\n  database: ""\n  zonelistfile: "%s/zone.list"\n  xfrdfile: "%s/xfrd.state"\n' "$work" "$work" "$work"
  printf '  xfrdir: "%s"\n  pidfile: "%s/nsd.pid"\n  logfile: "%s/nsd.log"\n  server-count: 1\nremote-control:\n  control-enable: no\n' "$work" "$work" "$work"
  printf 'zone:\n  name: "test"\n  zonefile: "test.signed"\n'
  for c in "${cases[@]}"; do printf 'zone:\n  name: "%s.test"\n  zonefile: "%s.test.signed"\n' "${c%% *}" "${c%% *}"; done
} > "$work/nsd.conf"
nsd -c "$work/nsd.conf"

cat > "$work/unbound.conf" <<EOF
server:
  interface: $resolver
  port: 53
  do-ip6: no
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: "$work/unbound.pid"
  logfile: "$work/unbound.log"
  use-syslog: no
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  local-zone: "test." transparent
  trust-anchor-file: "$work/anchor.ds"
  val-log-level: 2
  module-config: "validator iterator"
remote-control:
  control-enable: no
stub-zone:
  name: "test."
  stub-addr: 127.0.0.1@$dns_port
EOF
unbound -c "$work/unbound.conf"
printf 'nameserver %s\noptions trust-ad edns0\n' "$resolver" > "$work/resolv.conf"
for try in $(seq 1 50); do
  dig +short @"$resolver" SOA test. 2>/dev/null | grep -q . && break
  sleep 0.2
done

scripts/postfix-fixture.sh start 24600 >/dev/null
{
  echo "# BEGIN smtp-probe dane-compare (scripts/dane-compare.sh; removed when it ends)"
  n=100
  for c in "${cases[@]}"; do
    read -r domain cert _ _ <<<"$c"
    n=$((n + 1))
    if [[ $cert = made ]]; then files="$work/made.pem $work/made.key"; else files="$certs/good/chain.pem $certs/good/key.pem"; fi
    read -r chain key <<<"$files"
    printf '127.0.1.%d:25 inet n - n - - smtpd\n  -o syslog_name=postfix/dane-%s\n  -o smtpd_tls_security_level=may\n' "$n" "$domain"
    printf '  -o smtpd_tls_chain_files=\n  -o smtpd_tls_cert_file=%s\n  -o smtpd_tls_key_file=%s\n' "$chain" "$key"
  done
  echo "# END smtp-probe dane-compare"
} >> "$master_cf"
postfix reload >/dev/null 2>&1
n=100
for c in "${cases[@]}"; do
  n=$((n + 1))
  for try in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.1.$n/25") 2>/dev/null && break; sleep 0.1; done
done

have_domain=0
"$SMTP_PROBE" --help 2>/dev/null | grep -qE '^  domain( |$)' && have_domain=1
for c in "${cases[@]}"; do
  read -r domain cert records signed <<<"$c"
  echo "== $domain.test (certificate: $cert, zone signed: $signed)"
  dig +dnssec @"$resolver" TLSA "_25._tcp.mx.$domain.test" | awk '/^;; flags:/ { print "   resolver flags:" substr($0, index($0, "flags:") + 6) } $4 == "TLSA" { print "   " $5, $6, $7, substr($8, 1, 16) "…" }'
  output=$(unshare --mount sh -c 'mount --bind "$1" /etc/resolv.conf && exec posttls-finger -c -l dane "$2"' \
    sh "$work/resolv.conf" "$domain.test" 2>&1 || true)
  verdict=$(grep -oE '(Verified|Untrusted|Anonymous|Trusted) TLS connection established' <<<"$output" | head -n 1)
  echo "   posttls-finger: ${verdict:-no TLS connection}"
  grep -E 'TLSA|dane|matched|certificate verification|name mismatch|not found|insecure|unusable' <<<"$output" \
    | grep -v '^posttls-finger: Connected' | sed 's/^posttls-finger: /     /' | head -n 6 || true
  if [[ $have_domain = 1 ]]; then
    "$SMTP_PROBE" domain "$domain.test" --format json --dns-server "127.0.0.1:$dns_port" \
      --trust-anchor "$work/anchor.ds" --ca-file "$certs/roots.pem" > "$work/probe.json" 2>&1 || true
    python3 - "$work/probe.json" <<'EOF'
import json, sys
def codes(v, out):
    if isinstance(v, dict):
        if isinstance(v.get("code"), str) and v["code"].startswith(("dane.", "dnssec.", "cert.")):
            out.append(f'{v["code"]} ({v.get("severity", "?")})')
        for x in v.values(): codes(x, out)
    elif isinstance(v, list):
        for x in v: codes(x, out)
try:
    report = json.load(open(sys.argv[1]))
except Exception as error:
    print(f"   smtp-probe: unreadable output ({error})"); sys.exit()
found = []
codes(report, found)
print("   smtp-probe: verdict", report.get("verdict"), "; " + ", ".join(sorted(set(found))) if found else "")
EOF
  fi
done
[[ $have_domain = 1 ]] || echo "(smtp-probe has no \`domain\` command in $SMTP_PROBE: its verdicts are not shown)"
