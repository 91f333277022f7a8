#!/usr/bin/env bash
# DNSSEC test zones on loopback for the domain checks: Debian's nsd serving zones under `.test`
# that ldnsutils sign at run time (no key is committed).
#
#   scripts/dns-fixture.sh prepare DIR PORT   writes keys, signed zones and DIR/nsd.conf;
#                                             prints the trust-anchor file (DIR/anchor.ds)
#   scripts/dns-fixture.sh start DIR PORT     prepare, then start nsd in the background
#                                             (pid in DIR/nsd.pid); prints the anchor file
#   scripts/dns-fixture.sh stop DIR           stops the nsd that `start` started
#
# The tests (Tests/SMTPProbeIntegrationTests/NSDServer.swift) run `prepare` and then nsd in the
# foreground themselves, so that nsd ends with the test process.
#
# The parent `test.` is signed and holds DS records for `secure.test` (signed) and `bogus.test`
# (signed, but with signatures that expired in 2020); `insecure.test` is delegated without a DS.
# One DS line for `test.` (DIR/anchor.ds) therefore anchors all three:
#   delv -a DIR/delv.anchor -p PORT @127.0.0.1 +root=test. mx secure.test
#   dig @127.0.0.1 -p PORT +dnssec txt secure.test
# Needs: nsd, ldnsutils (scripts/test.sh installs them).
set -euo pipefail

command=${1:-}
dir=${2:-}
[[ -n $command && -n $dir ]] || { echo "usage: $0 prepare|start DIR PORT | stop DIR" >&2; exit 2; }

if [[ $command == stop ]]; then
    [[ -f $dir/nsd.pid ]] && kill "$(cat "$dir/nsd.pid")" 2>/dev/null || true
    exit 0
fi

port=${3:?PORT is needed}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$dir"
cd "$dir"
rm -f ./*.zone ./*.signed K* anchor.ds

# A key for a zone: one KSK that signs everything (enough for a test zone). Prints its base name.
keygen() { ldns-keygen -a ECDSAP256SHA256 -k "$1"; }

soa() {
    printf '$ORIGIN %s.\n$TTL 3600\n@ IN SOA ns.test. hostmaster.test. 1 3600 900 604800 300\n@ IN NS ns.test.\n' "$1"
}

# TLSA data: a SHA-256 of the good fixture certificate's key would come from fixtures/certs; the
# zone only needs well-formed records, the matching is tested on certificates directly.
tlsa_hash=8cb0fc6c527506a053f4f14c8464bebbd6dede1738d11468dd953d5d37c0c4b2

{
    soa secure.test
    echo '@ IN MX 10 mx'
    echo 'mx IN A 127.0.0.11'
    # Two character-strings: SPF joins them without a space (RFC 7208 §3.3).
    echo '@ IN TXT "v=spf1 include:_spf.google.com" " ~all"'
    echo "_25._tcp.mx IN TLSA 3 1 1 $tlsa_hash"
    echo "_25._tcp.mx IN TLSA 2 0 2 $tlsa_hash$tlsa_hash"
    # Usages 0 and 1 (PKIX), which SMTP ignores (RFC 7672 §3.1.3).
    echo "_25._tcp.pkix IN TLSA 1 1 1 $tlsa_hash"
    echo 'pkix IN A 127.0.0.12'
} > secure.zone

{
    soa bogus.test
    echo '@ IN MX 10 mx'
    echo 'mx IN A 127.0.0.13'
    echo '@ IN TXT "v=spf1 -all"'
    echo '_mta-sts IN TXT "v=STSv1; id=1;"'
} > bogus.zone

{
    soa insecure.test
    echo '@ IN MX 10 mx'
    echo 'mx IN A 127.0.0.14'
    echo '@ IN TXT "v=spf1 -all"'
    echo "_25._tcp.mx IN TLSA 3 1 1 $tlsa_hash"
} > insecure.zone

# Mail domains for `smtp-probe domain` (DomainCommandTests), in a signed zone `test.example`
# (anchored by its own DS line in anchor.ds) so that the MX hosts carry the fixture
# certificates' names. The MX hosts are the fixture Postfix's port-25 listeners
# (scripts/postfix-fixture.sh): mx 127.0.0.11 and mail 127.0.0.12 with the `good` certificate,
# selfsigned 127.0.0.13 with `self-signed`. good.test.example publishes everything right;
# uncovered.test.example plants a problem for each MX, SPF, DMARC, MTA-STS and DANE check;
# google.test.example points at both of Google's MX sets (nothing is sent to Google: nsd
# refuses names outside its zones); stsbogus.test.example's `_mta-sts` lookup does not validate.
good_hash=$(openssl x509 -in "$repo/fixtures/certs/good/chain.pem" -noout -pubkey \
    | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
dkim_key="MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwSjH1JFx2re3h0pHG9rptoMJbKXBlDi5mjYV32dPmrlNJ5T2Qn6TbBB0Y10mQ27/STldXzCOPYxxeOTjnNrBguSuA/JnwG6YkUQuc+eXs0z/tAinVOe8YoWD2asWIL8jIfZ+Pv+M8YXG2bx+Gp7JsjsvLAq7UTz+qb7tJG3iDbdLJU2vUvjgdIOqnQVUzWs53Czujppsp5z5kTQZOfGMaT96hu2dYd7S003d90sB2K2InEvzeINQY8FN0T2u56BqBlir92O84kv59Su2kDrE8SE2h8UCttesBdvLwAoYoALU63uY5skkcsfUCh64NH4g341bb/WOKCIiNOwI6lzS4wIDAQAB"
{
    soa test.example
    echo 'mx IN A 127.0.0.11'
    echo 'mail IN A 127.0.0.12'
    echo 'selfsigned IN A 127.0.0.13'
    echo 'noaddr IN TXT "a name without an address"'
    echo "_25._tcp.mx IN TLSA 3 1 1 $good_hash"
    echo "_25._tcp.mail IN TLSA 3 1 1 $tlsa_hash"
    echo 'good IN MX 10 mx'
    echo 'good IN TXT "v=spf1 mx -all"'
    echo "google._domainkey.good IN TXT \"v=DKIM1; k=rsa; p=${dkim_key:0:200}\" \"${dkim_key:200}\""
    echo '_dmarc.good IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@good.test.example"'
    echo '_mta-sts.good IN TXT "v=STSv1; id=20261201000000;"'
    echo '_smtp._tls.good IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@good.test.example"'
    echo 'mta-sts.good IN A 127.0.0.1'
    # A tenant sharing good's MX host: the run probes it once for both.
    echo 'shared IN MX 10 mx'
    echo 'uncovered IN MX 10 mail'
    echo 'uncovered IN MX 20 192.0.2.1.'
    echo 'uncovered IN MX 30 noaddr'
    echo 'uncovered IN MX 40 selfsigned'
    echo 'uncovered IN TXT "v=spf1 +all"'
    echo '_dmarc.uncovered IN TXT "v=DMARC1; p=none"'
    echo '_mta-sts.uncovered IN TXT "v=STSv1; id=1;"'
    echo 'mta-sts.uncovered IN A 127.0.0.1'
    # An enforce policy (nginx's `chunked` site serves the good policy, *.backup.test.example
    # included) covering an MX host with a self-signed certificate.
    echo 'chunked IN MX 10 selfsigned.backup'
    echo 'selfsigned.backup IN A 127.0.0.13'
    echo '_mta-sts.chunked IN TXT "v=STSv1; id=2;"'
    # Everything right but the _mta-sts name, a CNAME (as hosted MTA-STS services ask) into
    # bogus.test, whose signatures expired: a validating lookup fails, which is not "no record".
    echo 'stsbogus IN MX 10 mx'
    echo 'stsbogus IN TXT "v=spf1 mx -all"'
    echo "google._domainkey.stsbogus IN TXT \"v=DKIM1; k=rsa; p=${dkim_key:0:200}\" \"${dkim_key:200}\""
    echo '_dmarc.stsbogus IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@stsbogus.test.example"'
    echo '_smtp._tls.stsbogus IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@stsbogus.test.example"'
    echo '_mta-sts.stsbogus IN CNAME _mta-sts.bogus.test.'
    echo 'google IN MX 1 smtp.google.com.'
    echo 'google IN MX 5 aspmx.l.google.com.'
    echo 'google IN TXT "v=spf1 include:_spf.google.com ~all"'
} > test.example.zone
example_key=$(keygen test.example)
ldns-signzone -o test.example. -f test.example.signed test.example.zone "$example_key"

secure_key=$(keygen secure.test)
bogus_key=$(keygen bogus.test)
test_key=$(keygen test)
ldns-signzone -o secure.test. -f secure.signed secure.zone "$secure_key"
# Signatures valid from 2019 to 2020: a validator finds them expired, the zone bogus.
ldns-signzone -o bogus.test. -i 20190101000000 -e 20200101000000 -f bogus.signed bogus.zone "$bogus_key"
cp insecure.zone insecure.signed

{
    soa test
    echo 'ns IN A 127.0.0.1'
    echo 'secure IN NS ns.test.'
    cat "$secure_key.ds"
    echo 'bogus IN NS ns.test.'
    cat "$bogus_key.ds"
    echo 'insecure IN NS ns.test.'
    echo 'nodata IN A 127.0.0.1'
} > test.zone
ldns-signzone -o test. -f test.signed test.zone "$test_key"
cat "$test_key.ds" "$example_key.ds" > anchor.ds
# The same anchor for delv (-a FILE), which reads BIND's trust-anchors syntax.
awk 'BEGIN {print "trust-anchors {"} {printf "  %s static-ds %s %s %s \"%s\";\n", $1, $4, $5, $6, $7} END {print "};"}' anchor.ds > delv.anchor

cat > nsd.conf <<EOF
server:
  ip-address: 127.0.0.1
  port: $port
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$dir"
  database: ""
  zonelistfile: "$dir/zone.list"
  xfrdfile: "$dir/xfrd.state"
  xfrdir: "$dir"
  pidfile: "$dir/nsd.pid"
  logfile: "$dir/nsd.log"
  server-count: 1
  verbosity: 1
remote-control:
  control-enable: no
EOF
for zone in test secure.test bogus.test insecure.test test.example; do
    file=${zone%.test}
    [[ $zone == test || $zone == test.example ]] && file=$zone
    printf 'zone:\n  name: "%s"\n  zonefile: "%s/%s.signed"\n' "$zone" "$dir" "$file" >> nsd.conf
done
nsd-checkconf nsd.conf

if [[ $command == start ]]; then
    nsd -c "$dir/nsd.conf"
fi
echo "$dir/anchor.ds"
