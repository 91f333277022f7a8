#!/usr/bin/env python3
"""checkdmarc (PyPI) on many domains, the reference the domain benchmark compares with.

Usage: checkdmarc-domains.py PORT HTTPS_ADDRESS TARGETS_FILE
Runs checkdmarc.check_domains on every domain of TARGETS_FILE (one a line) with its DNS asked of
the server on 127.0.0.1:PORT (a dnspython Nameserver with that port: checkdmarc's command line
only takes port 53), MX STARTTLS tests on (check_mx_tls) and the MTA-STS policies fetched.
Prints one JSON line per domain with what the comparison needs (SPF lookups, each record's
validity, the MX hosts' STARTTLS results, errors and warnings).

checkdmarc connects to MX hosts (smtplib) and fetches policies (requests) by host name, through
the system's resolver, which knows nothing of the test zones: socket.getaddrinfo is wrapped so
that names under `.test` are resolved by the same DNS server (their A record), which is what
checkdmarc would get from a resolver serving those zones. The trust store for both is the
fixture CA (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, set by scripts/bench-domain.sh).
"""
import json
import socket
import sys

try:
    import dns.nameserver
    import dns.resolver
    import checkdmarc
except ImportError:
    sys.exit("checkdmarc is not installed: python3 -m pip install checkdmarc (scripts/test.sh installs it)")

port = int(sys.argv[1])
with open(sys.argv[3]) as file:
    domains = [line.strip() for line in file if line.strip()]

nameserver = dns.nameserver.Do53Nameserver("127.0.0.1", port)
resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = [nameserver]
system_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and host.rstrip(".").endswith(".test"):
        address = resolver.resolve(host, "A")[0].address
        return system_getaddrinfo(address, *args, **kwargs)
    return system_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo

results = checkdmarc.check_domains(domains, nameservers=[nameserver], check_mx_tls=True, timeout=5)
if isinstance(results, dict):
    results = [results]


def error_of(part):
    return part.get("error") if isinstance(part, dict) else None


for result in results:
    spf, dmarc = result.get("spf", {}), result.get("dmarc", {})
    mta_sts, tlsrpt = result.get("mta_sts", {}), result.get("smtp_tls_reporting", {})
    mx = result.get("mx", {})
    line = {
        "domain": result["domain"],
        "dnssec": result.get("dnssec"),
        "spf_valid": spf.get("valid"),
        "spf_lookups": spf.get("dns_lookups"),
        "spf_error": error_of(spf),
        "dmarc_valid": dmarc.get("valid"),
        "dmarc_policy": (dmarc.get("tags") or {}).get("p", {}).get("value"),
        "dmarc_error": error_of(dmarc),
        "mta_sts_valid": mta_sts.get("valid"),
        "mta_sts_error": error_of(mta_sts),
        "tlsrpt_valid": tlsrpt.get("valid"),
        "mx": [{"hostname": host.get("hostname"), "starttls": host.get("starttls"), "tls": host.get("tls")}
               for host in mx.get("hosts", [])],
        "warnings": sum(len(part.get("warnings", [])) for part in (spf, dmarc, mta_sts, tlsrpt, mx)
                        if isinstance(part, dict)),
        "mx_warnings": mx.get("warnings", []),
    }
    print(json.dumps(line, default=str), flush=True)
