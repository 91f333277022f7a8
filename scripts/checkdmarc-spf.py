#!/usr/bin/env python3
"""SPF lookup counts by checkdmarc (PyPI), the second opinion the SPF tests compare with.

Usage: checkdmarc-spf.py PORT DOMAIN... -- asks the DNS server on 127.0.0.1:PORT (checkdmarc's
command line only takes port 53, so this goes through its Python API) and prints one JSON line
per domain: {"domain", "lookups", "void_lookups", "error"}; lookups is null when checkdmarc
reports an error instead of a count.
"""
import json
import sys

try:
    import dns.resolver
    from checkdmarc.spf import get_spf_record
except ImportError:
    sys.exit("checkdmarc is not installed: python3 -m pip install checkdmarc (scripts/test.sh installs it)")

port = int(sys.argv[1])
resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = port

for domain in sys.argv[2:]:
    line = {"domain": domain, "lookups": None, "void_lookups": None, "error": None}
    try:
        result = get_spf_record(domain, resolver=resolver, timeout=5)
        line["lookups"] = result.get("dns_lookups")
        line["void_lookups"] = result.get("void_dns_lookups")
        if result.get("error"):
            line["error"] = str(result["error"])
    except Exception as error:  # checkdmarc raises its own error types for permerrors
        line["error"] = f"{type(error).__name__}: {error}"
        data = getattr(error, "data", None) or {}
        line["lookups"] = data.get("dns_lookups")
    print(json.dumps(line), flush=True)
