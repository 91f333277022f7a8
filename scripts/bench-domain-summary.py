#!/usr/bin/env python3
"""Summaries for scripts/bench-domain.sh (not a test: it prints figures).

  bench-domain-summary.py probe FILE.jsonl        smtp-probe domain's JSON lines: verdicts, codes
  bench-domain-summary.py checkdmarc FILE.jsonl   scripts/checkdmarc-domains.py's lines
  bench-domain-summary.py wire FILE.pcap PORT     a tcpdump capture on lo: every DNS question
                                                  sent to PORT (name and type; asked twice?),
                                                  and the TCP connections opened (SYN) to each
                                                  address of 127.0.1.0/24 (the MX hosts on
                                                  port 25, the MTA-STS host on 443)
"""
import collections
import json
import struct
import sys

TYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA",
         43: "DS", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 50: "NSEC3", 52: "TLSA"}


def codes_in(value, found):
    """Every `code` of a finding or fact anywhere in a report object, with its severity."""
    if isinstance(value, dict):
        if isinstance(value.get("code"), str):
            found[(value["code"], value.get("severity", "?"))] += 1
        for item in value.values():
            codes_in(item, found)
    elif isinstance(value, list):
        for item in value:
            codes_in(item, found)


def values_of(value, keys, found):
    """Every value of a key in `keys` anywhere in a report object."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and not isinstance(item, (dict, list)):
                found[item] += 1
            values_of(item, keys, found)
    elif isinstance(value, list):
        for item in value:
            values_of(item, keys, found)


def probe(path):
    lines, verdicts, codes, lookups = 0, collections.Counter(), collections.Counter(), collections.Counter()
    with open(path) as file:
        for text in file:
            if not text.strip():
                continue
            lines += 1
            report = json.loads(text)
            verdicts[str(report.get("verdict", "?"))] += 1
            codes_in(report, codes)
            values_of(report, ("spf_lookups", "spfLookups"), lookups)
    print(f"{lines} JSON lines; verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    if lookups:
        print("SPF lookups: " + ", ".join(f"{k}: {v} domains" for k, v in sorted(lookups.items(), key=str)))
    for (code, severity), n in sorted(codes.items(), key=lambda item: -item[1])[:12]:
        print(f"  {code} ({severity}): {n}")


def checkdmarc(path):
    rows = [json.loads(text) for text in open(path) if text.strip()]
    count = collections.Counter()
    lookups = collections.Counter()
    for row in rows:
        for key in ("spf_valid", "dmarc_valid", "mta_sts_valid", "tlsrpt_valid", "dnssec"):
            count[key] += row.get(key) is True
        count["mx_starttls"] += sum(1 for host in row["mx"] if host.get("starttls"))
        count["mx"] += len(row["mx"])
        lookups[row.get("spf_lookups")] += 1
    print(f"{len(rows)} domains; valid: SPF {count['spf_valid']}, DMARC {count['dmarc_valid']}, "
          f"MTA-STS {count['mta_sts_valid']}, TLS-RPT {count['tlsrpt_valid']}, DNSSEC {count['dnssec']}; "
          f"MX hosts with STARTTLS {count['mx_starttls']} of {count['mx']}")
    print("SPF lookups: " + ", ".join(f"{k}: {v} domains" for k, v in sorted(lookups.items(), key=str)))
    errors = collections.Counter(row[key] for row in rows for key in row if key.endswith("_error") and row[key])
    for error, n in errors.most_common(5):
        print(f"  error ×{n}: {error[:160]}")


def question(payload):
    """The (name, type) of a DNS message's first question, or None."""
    if len(payload) < 12 or struct.unpack("!H", payload[4:6])[0] < 1 or payload[2] & 0x80:
        return None
    labels, offset = [], 12
    while offset < len(payload):
        length = payload[offset]
        if length == 0:
            offset += 1
            break
        if length & 0xC0:
            return None
        labels.append(payload[offset + 1:offset + 1 + length].decode("ascii", "replace").lower())
        offset += 1 + length
    if offset + 2 > len(payload):
        return None
    qtype = struct.unpack("!H", payload[offset:offset + 2])[0]
    return (".".join(labels) + ".", TYPES.get(qtype, str(qtype)))


def wire(path, port):
    data = open(path, "rb").read()
    if len(data) < 24:
        print("capture empty")
        return
    endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    link = {1: 14, 0: 4, 113: 16, 276: 20}.get(linktype, 14)
    asked, connections, offset = collections.Counter(), collections.Counter(), 24
    while offset + 16 <= len(data):
        captured = struct.unpack(endian + "I", data[offset + 8:offset + 12])[0]
        packet = data[offset + 16:offset + 16 + captured]
        offset += 16 + captured
        ip = packet[link:]
        if len(ip) < 20 or ip[0] >> 4 != 4:
            continue
        header, protocol = (ip[0] & 15) * 4, ip[9]
        destination = ".".join(str(b) for b in ip[16:20])
        segment = ip[header:]
        if protocol == 17 and len(segment) >= 8:
            if struct.unpack("!H", segment[2:4])[0] == port:
                q = question(segment[8:])
                if q:
                    asked[q] += 1
        elif protocol == 6 and len(segment) >= 20:
            dport, flags = struct.unpack("!H", segment[2:4])[0], segment[13]
            body = segment[(segment[12] >> 4) * 4:]
            if dport == port and len(body) > 2:
                q = question(body[2:])
                if q:
                    asked[q] += 1
            elif flags & 0x12 == 0x02 and destination.startswith("127.0.1."):
                connections[(destination, dport)] += 1
    twice = {q: n for q, n in asked.items() if n > 1}
    by_type = collections.Counter(t for (_, t) in asked.elements())
    print(f"DNS: {sum(asked.values())} questions to port {port}, {len(asked)} distinct (name, type); "
          + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
    if twice:
        print(f"DNS: {len(twice)} (name, type) asked more than once, {sum(twice.values()) - len(twice)} extra questions; e.g.")
        for (name, qtype), n in sorted(twice.items(), key=lambda item: -item[1])[:8]:
            print(f"  {n}x {qtype} {name}")
    else:
        print("DNS: no (name, type) asked twice")
    for service, label in ((25, "MX hosts (port 25)"), (443, "MTA-STS host (port 443)")):
        hosts = {address: n for (address, p), n in connections.items() if p == service}
        if hosts:
            spread = collections.Counter(hosts.values())
            print(f"{label}: {len(hosts)} addresses, {sum(hosts.values())} connections; "
                  + ", ".join(f"{n} connection(s): {k} addresses" for n, k in sorted(spread.items())))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "probe":
        probe(sys.argv[2])
    elif mode == "checkdmarc":
        checkdmarc(sys.argv[2])
    elif mode == "wire":
        wire(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
