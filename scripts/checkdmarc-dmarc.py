#!/usr/bin/env python3
"""checkdmarc's DMARC verdicts on the DMARC test zones, for docs/domain-comparison.md.

Usage: scripts/checkdmarc-dmarc.py [PORT]   (default 25402; needs unbound and checkdmarc)

Reads the records of Tests/SMTPProbeIntegrationTests/DMARCTests.swift (the same list the tests
serve, so the two cannot drift apart), serves them with unbound on 127.0.0.1:PORT as the tests'
UnboundServer does (with the report authorisation under example.net and refused.example
answering REFUSED), and prints for each test name what checkdmarc.check_dmarc says: valid or
not, the error type and text, the policy, and its warnings.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import dns.nameserver
from checkdmarc.dmarc import check_dmarc

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
port = int(sys.argv[1]) if len(sys.argv) > 1 else 25402
source = open(os.path.join(root, "Tests/SMTPProbeIntegrationTests/DMARCTests.swift")).read()
records = [line.encode().decode("unicode_escape")
           for line in re.findall(r'^\s*"(_dmarc\.[^"\\]*(?:\\.[^"\\]*)*)",\s*$', source, re.M)]
labels = ["good", "absent", "other", "none", "multiple", "syntax", "nop", "noprua", "nopbadrua", "rua", "refused"]

with tempfile.TemporaryDirectory() as directory:
    config = os.path.join(directory, "unbound.conf")
    with open(config, "w") as file:
        file.write(f"""server:
  interface: 127.0.0.1
  port: {port}
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "{directory}"
  pidfile: ""
  use-syslog: no
  access-control: 127.0.0.0/8 allow
  local-zone: "test.example." static
""" + "".join(f"  local-data: '{record}'\n" for record in records) + """  local-zone: "example.net." static
  local-data: 'good.dmarc.test.example._report._dmarc.reports.example.net. TXT "v=DMARC1"'
  local-zone: "refused.example." refuse
remote-control:
  control-enable: no
""")
    server = subprocess.Popen(["unbound", "-d", "-c", config], stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        nameserver = dns.nameserver.Do53Nameserver("127.0.0.1", port)
        for label in labels:
            domain = f"{label}.dmarc.test.example"
            result = check_dmarc(domain, nameservers=[nameserver], timeout=3)
            line = {"name": label, "valid": result.get("valid")}
            if result.get("error"):
                line["error"] = str(result["error"])
            tags = result.get("tags") or {}
            if "p" in tags:
                line["p"] = tags["p"].get("value")
            if result.get("warnings"):
                line["warnings"] = result["warnings"]
            print(json.dumps(line), flush=True)
    finally:
        server.terminate()
        server.wait()
