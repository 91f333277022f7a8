#!/usr/bin/env python3
"""Run the x509-limbo path-validation suite through `smtp-probe cert` and `openssl verify`.

Usage:
    scripts/limbo-compare.py LIMBO_JSON SMTP_PROBE_BINARY [--json OUT] [--timeout SECONDS]
                             [--openssl PATH] [--only PREFIX] [--also-strict]

LIMBO_JSON is the suite's `limbo.json` (from a checkout of C2SP/x509-limbo); it is not kept in
this repository. For every SERVER testcase the PEMs are written to a temporary directory and
both tools are asked the same question: does this leaf, with these untrusted intermediates,
chain to these trust anchors at the validation time, for TLS server use, under this name?

Each verdict is compared with the suite's expected_result. smtp-probe's exit status 0 (pass)
and 1 (warn) count as SUCCESS, 2 (fail) as FAILURE; 3 (could not run) is counted apart with
its error. Testcases whose question neither tool can ask as the suite means it (RFC822 or
several peer names, no peer name, max_chain_depth, key-usage or signature-algorithm
constraints, extended key usages other than serverAuth) are still run, but listed and
counted apart from the agreement figures, never dropped.

Python 3 standard library only.
"""

import argparse
import collections
import datetime
import hashlib
import ipaddress
import json
import os
import subprocess
import sys
import tempfile


def parse_time(text):
    """Parses the suite's RFC 3339 validation_time into an aware UTC datetime."""
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc)


def rfc3339(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def inexpressible_reasons(case):
    """Why the testcase asks something `smtp-probe cert` (and `openssl verify`) cannot ask."""
    reasons = []
    name = case.get("expected_peer_name")
    names = case.get("expected_peer_names") or []
    if name is None and not names:
        reasons.append("no peer name")
    if name is not None and name.get("kind") not in ("DNS", "IP"):
        reasons.append(f"peer name of kind {name.get('kind')}")
    if len(names) > 1 or (names and name is not None):
        reasons.append("several peer names")
    elif names and names[0].get("kind") not in ("DNS", "IP"):
        reasons.append(f"peer name of kind {names[0].get('kind')}")
    if case.get("max_chain_depth") is not None:
        reasons.append(f"max_chain_depth={case['max_chain_depth']}")
    if case.get("key_usage"):
        reasons.append("key_usage=" + ",".join(case["key_usage"]))
    eku = case.get("extended_key_usage") or []
    if any(usage != "serverAuth" for usage in eku):
        reasons.append("extended_key_usage=" + ",".join(eku))
    if case.get("signature_algorithms"):
        reasons.append("signature_algorithms=" + ",".join(case["signature_algorithms"]))
    return reasons


def peer_name(case):
    """The one (kind, value) to check, or None."""
    name = case.get("expected_peer_name")
    if name is None and case.get("expected_peer_names"):
        name = case["expected_peer_names"][0]
    if name is None or name.get("kind") not in ("DNS", "IP"):
        return None
    return name["kind"], name["value"]


def write_pems(directory, case):
    paths = {}
    with open(os.path.join(directory, "peer.pem"), "w", encoding="ascii") as handle:
        handle.write(case["peer_certificate"])
    paths["peer"] = os.path.join(directory, "peer.pem")
    with open(os.path.join(directory, "trusted.pem"), "w", encoding="ascii") as handle:
        handle.write("".join(case["trusted_certs"]))
    paths["trusted"] = os.path.join(directory, "trusted.pem")
    # An empty -untrusted file makes openssl fail to load it, and smtp-probe rightly refuses a
    # file with no certificate: pass the option only when there is something in it.
    if case["untrusted_intermediates"]:
        with open(os.path.join(directory, "untrusted.pem"), "w", encoding="ascii") as handle:
            handle.write("".join(case["untrusted_intermediates"]))
        paths["untrusted"] = os.path.join(directory, "untrusted.pem")
    return paths


def run(command, timeout):
    try:
        completed = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        return completed.returncode, completed.stdout.decode("utf-8", "replace"), completed.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", f"timed out after {timeout} s"


def run_openssl(openssl, paths, name, moment, timeout, strict=False):
    command = [openssl, "verify", "-purpose", "sslserver", "-no-CApath", "-no-CAstore",
               "-attime", str(int(moment.timestamp())), "-CAfile", paths["trusted"]]
    if strict:
        command.append("-x509_strict")
    if "untrusted" in paths:
        command += ["-untrusted", paths["untrusted"]]
    if name is not None:
        kind, value = name
        command += ["-verify_ip", value] if kind == "IP" else ["-verify_hostname", value]
    command.append(paths["peer"])
    status, out, err = run(command, timeout)
    if status is None:
        return {"verdict": "ERROR", "status": None, "detail": err}
    # openssl verify exits 0 only when the chain and the name check out; 2 when any check
    # failed. Anything else (1: could not load a file) is not a verdict on the chain.
    detail = " ".join(line.strip() for line in (err + out).splitlines()
                      if line.strip().startswith("error") and not line.strip().endswith("verification failed"))
    if status == 0:
        return {"verdict": "SUCCESS", "status": 0, "detail": ""}
    if status == 2:
        return {"verdict": "FAILURE", "status": 2, "detail": detail}
    return {"verdict": "ERROR", "status": status, "detail": (err or out).strip().splitlines()[-1:] and (err or out).strip().splitlines()[-1]}


def run_smtp_probe(binary, paths, name, moment, timeout):
    # The leaf alone is the chain file; the suite's intermediates are an unordered pool, which
    # is what --untrusted ("further intermediates the server will also send") means.
    command = [binary, "cert", paths["peer"], "--ca-file", paths["trusted"], "--at", rfc3339(moment), "--json"]
    if "untrusted" in paths:
        command += ["--untrusted", paths["untrusted"]]
    if name is not None:
        kind, value = name
        if kind == "IP" and ":" in value:
            value = f"[{value}]"
        command += ["--hostname", value]
    status, out, err = run(command, timeout)
    result = {"status": status, "codes": [], "detail": ""}
    if status in (0, 1, 2):
        try:
            report = json.loads(out)
            result["codes"] = [finding.get("code") for finding in report.get("findings", [])]
        except (json.JSONDecodeError, AttributeError):
            result["detail"] = "unparseable JSON"
    if status in (0, 1):
        result["verdict"] = "SUCCESS"
    elif status == 2:
        result["verdict"] = "FAILURE"
    elif status == 3:
        result["verdict"] = "COULD_NOT_RUN"
        result["detail"] = err.strip()
    else:
        result["verdict"] = "ERROR"
        result["detail"] = err.strip() or f"exit status {status}"
    return result


def prefix(case_id):
    return case_id.split("::", 1)[0] if "::" in case_id else "(none)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("limbo_json")
    parser.add_argument("smtp_probe")
    parser.add_argument("--json", metavar="OUT", help="also write the full results as JSON to OUT")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per tool and testcase (default 30)")
    parser.add_argument("--openssl", default="openssl")
    parser.add_argument("--only", metavar="PREFIX", help="run only testcases whose id starts with PREFIX")
    parser.add_argument("--also-strict", action="store_true",
                        help="also run openssl verify -x509_strict, for reference (a third column; not compared)")
    args = parser.parse_args()

    with open(args.limbo_json, "rb") as handle:
        raw = handle.read()
    suite = json.loads(raw)
    # One "now" for the whole run, given to both tools, for testcases without a validation_time.
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    openssl_version = subprocess.run([args.openssl, "version"], capture_output=True, text=True).stdout.strip()
    probe_version = subprocess.run([args.smtp_probe, "--version"], capture_output=True, text=True).stdout.strip()

    results = []
    skipped = collections.Counter()
    for case in suite["testcases"]:
        if args.only and not case["id"].startswith(args.only):
            continue
        if case.get("validation_kind") != "SERVER":
            skipped[case.get("validation_kind")] += 1
            continue
        moment = parse_time(case["validation_time"]) if case.get("validation_time") else now
        name = peer_name(case)
        with tempfile.TemporaryDirectory(prefix="limbo-") as directory:
            paths = write_pems(directory, case)
            openssl_result = run_openssl(args.openssl, paths, name, moment, args.timeout)
            probe_result = run_smtp_probe(args.smtp_probe, paths, name, moment, args.timeout)
            strict_result = run_openssl(args.openssl, paths, name, moment, args.timeout, strict=True) if args.also_strict else None
        results.append({
            "id": case["id"],
            "features": case.get("features") or [],
            "expected": case["expected_result"],
            "peer_name": None if name is None else f"{name[0]}:{name[1]}",
            "validation_time": rfc3339(moment),
            "inexpressible": inexpressible_reasons(case),
            "openssl": openssl_result,
            "smtp_probe": probe_result,
            **({"openssl_strict": strict_result} if strict_result else {}),
        })

    def agrees(result, tool):
        return result[tool]["verdict"] == result["expected"]

    comparable = [r for r in results if not r["inexpressible"] and r["smtp_probe"]["verdict"] in ("SUCCESS", "FAILURE")]
    inexpressible = [r for r in results if r["inexpressible"]]
    could_not_run = [r for r in results if not r["inexpressible"] and r["smtp_probe"]["verdict"] not in ("SUCCESS", "FAILURE")]

    non_pedantic = [r for r in comparable if not any(f.startswith("pedantic") for f in r["features"])]
    by_prefix = collections.defaultdict(lambda: collections.Counter())
    for result in comparable:
        counter = by_prefix[prefix(result["id"])]
        counter["cases"] += 1
        counter["smtp_probe_agree"] += agrees(result, "smtp_probe")
        counter["openssl_agree"] += agrees(result, "openssl")
    by_feature = collections.defaultdict(lambda: collections.Counter())
    for result in comparable:
        for feature in result["features"] or ["(none)"]:
            counter = by_feature[feature]
            counter["cases"] += 1
            counter["smtp_probe_agree"] += agrees(result, "smtp_probe")
            counter["openssl_agree"] += agrees(result, "openssl")

    summary = {
        "limbo_json": os.path.abspath(args.limbo_json),
        "limbo_sha256": hashlib.sha256(raw).hexdigest(),
        "limbo_version": suite.get("version"),
        "testcases_in_file": len(suite["testcases"]),
        "skipped_by_kind": dict(skipped),
        "run_at": rfc3339(now),
        "openssl": openssl_version,
        "smtp_probe": probe_version,
        "server_testcases": len(results),
        "comparable": len(comparable),
        "smtp_probe_agree": sum(agrees(r, "smtp_probe") for r in comparable),
        "openssl_agree": sum(agrees(r, "openssl") for r in comparable),
        "inexpressible": len(inexpressible),
        "smtp_probe_could_not_run": len(could_not_run),
        # The suite's schema calls feature-tagged testcases optional ("consumers that don't
        # understand a given feature should skip tests that are marked with it"), the
        # pedantic-* ones above all: a second figure leaves those out.
        "non_pedantic": len(non_pedantic),
        "smtp_probe_agree_non_pedantic": sum(agrees(r, "smtp_probe") for r in non_pedantic),
        "openssl_agree_non_pedantic": sum(agrees(r, "openssl") for r in non_pedantic),
        "by_prefix": {key: dict(value) for key, value in sorted(by_prefix.items())},
        "by_feature": {key: dict(value) for key, value in sorted(by_feature.items())},
    }

    out = sys.stdout
    print(f"x509-limbo: {args.limbo_json} (version {summary['limbo_version']}, sha256 {summary['limbo_sha256'][:16]}…, "
          f"{summary['testcases_in_file']} testcases)", file=out)
    print(f"tools: {probe_version} | {openssl_version} | run at {summary['run_at']}", file=out)
    print(f"SERVER testcases: {len(results)}; skipped by kind: {dict(skipped) or 'none'}", file=out)
    print(f"comparable: {len(comparable)}; inexpressible: {len(inexpressible)}; smtp-probe could not run: {len(could_not_run)}", file=out)
    print(f"agreement with expected_result: smtp-probe {summary['smtp_probe_agree']}/{len(comparable)}, "
          f"openssl verify {summary['openssl_agree']}/{len(comparable)}", file=out)
    if args.also_strict:
        summary["openssl_strict_agree"] = sum(agrees(r, "openssl_strict") for r in comparable)
        print(f"  for reference, openssl verify -x509_strict: {summary['openssl_strict_agree']}/{len(comparable)}", file=out)
    print(f"  without pedantic-* testcases: smtp-probe {summary['smtp_probe_agree_non_pedantic']}/{len(non_pedantic)}, "
          f"openssl verify {summary['openssl_agree_non_pedantic']}/{len(non_pedantic)}", file=out)
    print("\nby id prefix (cases, smtp-probe agree, openssl agree):", file=out)
    for key, counter in sorted(by_prefix.items()):
        print(f"  {key:12} {counter['cases']:4} {counter['smtp_probe_agree']:4} {counter['openssl_agree']:4}", file=out)
    print("\nby feature (cases, smtp-probe agree, openssl agree):", file=out)
    for key, counter in sorted(by_feature.items()):
        print(f"  {key:34} {counter['cases']:4} {counter['smtp_probe_agree']:4} {counter['openssl_agree']:4}", file=out)

    def line(result):
        probe = result["smtp_probe"]
        openssl_mark = "agrees with expected" if agrees(result, "openssl") else "DISAGREES with expected"
        codes = ",".join(c for c in probe["codes"] if c) or "-"
        return (f"  {result['id']}\n      expected {result['expected']}, smtp-probe {probe['verdict']} [{codes}], "
                f"openssl {result['openssl']['verdict']} ({openssl_mark}) {result['openssl']['detail']}".rstrip())

    disagreements = [r for r in comparable if not agrees(r, "smtp_probe")]
    print(f"\nsmtp-probe disagrees with expected_result ({len(disagreements)}):", file=out)
    for result in disagreements:
        print(line(result), file=out)
    openssl_only = [r for r in comparable if agrees(r, "smtp_probe") and not agrees(r, "openssl")]
    print(f"\nopenssl verify disagrees but smtp-probe agrees ({len(openssl_only)}):", file=out)
    for result in openssl_only:
        print(line(result), file=out)
    between = [r for r in comparable if r["smtp_probe"]["verdict"] != r["openssl"]["verdict"]]
    summary["tools_differ"] = len(between)
    print(f"\nsmtp-probe and openssl verify reach different verdicts ({len(between)}):", file=out)
    for result in between:
        print(line(result), file=out)
    print(f"\ninexpressible, run but not counted ({len(inexpressible)}):", file=out)
    for result in inexpressible:
        print(line(result) + f"\n      why: {'; '.join(result['inexpressible'])}", file=out)
    print(f"\nsmtp-probe could not run ({len(could_not_run)}):", file=out)
    for result in could_not_run:
        print(f"  {result['id']}: {result['smtp_probe']['verdict']} {result['smtp_probe']['detail']}", file=out)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"summary": summary, "results": results}, handle, indent=2, sort_keys=True)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
