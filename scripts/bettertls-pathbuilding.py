#!/usr/bin/env python3
"""Rebuild the BetterTLS "pathbuilding" test suite as an x509-limbo-style JSON file.

Usage:
    scripts/bettertls-pathbuilding.py OUT.json
    scripts/limbo-compare.py OUT.json .build/release/smtp-probe

x509-limbo's `bettertls::pathbuilding::*` testcases are certificates that Netflix's BetterTLS
generator (github.com/Netflix/bettertls, test-suites/pathbuilding, Apache 2.0) made once; that
data is not on this machine. The generator is small and deterministic in everything but keys
and dates, so this script does what it does, in Python with `cryptography` (the openssl
command is not needed):

- the four trust graphs of trust_graph.go (LINEAR, TWO_ROOTS, RFC 4158's FIGURE_SEVEN and
  BRIDGE_CA_PKI), each edge a certificate that its source issues for its destination;
- the testcases of provider.go, in its order (so tcN is BetterTLS's testcase N): the sanity
  case, the two branching cases, one linear case per invalid reason, then EXPLICIT_TEST_CASES,
  each with invalid edges and no reason expanded to every reason;
- what generate_certs.go puts in each certificate: P-256 keys, a self-signed certificate per
  node (CN, O=bettertls.com, serialNumber), edge certificates with the destination's subject
  and key, keyUsage keyCertSign and CA:TRUE (a subject key identifier, and an authority key
  identifier naming the source's, as Go's x509.CreateCertificate adds them), the destination
  node as the leaf (digitalSignature, serverAuth, DNS localhost, CA:FALSE), and for an invalid
  edge: expired (notAfter an hour ago), name constraints (permitted bad.example.com,
  critical), bad EKU (emailProtection), no basicConstraints, CA:FALSE, or ECDSA with SHA-1;
- the expected result of test_case.go: SUCCESS exactly when the graph has a path of valid
  edges from the trusted node to the leaf's node.

As x509-limbo's bettertls.py does, the leaf is the peer certificate, every other edge
certificate an untrusted intermediate (in the generator's edge order), and the trusted node's
self-signed certificate the only trust anchor. The validation time is the moment the file is
made (BetterTLS validates live); x509-limbo instead validates at the leaf's notBefore + 1 s, at
which an "expired" edge (notAfter an hour before generation) is still valid.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

LINEAR = [("ICA", "EE"), ("Trust Anchor", "ICA")]
FIGURE_SEVEN = [("B", "EE"), ("C", "B"), ("A", "B"), ("C", "A"), ("A", "C"), ("Trust Anchor", "C"), ("Trust Anchor", "A")]
TWO_ROOTS = [("ICA", "EE"), ("Root1", "ICA"), ("Root2", "ICA")]
BRIDGE_CA_PKI = [
    ("F", "H"), ("F", "G"), ("G", "F"), ("H", "I"), ("I", "H"), ("G", "I"), ("TA W", "F"), ("TA W", "G"),
    ("J", "K"), ("N", "EE"), ("L", "N"), ("L", "M"), ("TA X", "J"), ("TA X", "L"),
    ("B", "E"), ("B", "D"), ("A", "B"), ("C", "B"), ("A", "C"), ("C", "A"), ("TA Y", "A"), ("TA Y", "C"),
    ("R", "S"), ("O", "R"), ("O", "Q"), ("P", "S"), ("TA Z", "O"), ("TA Z", "P"),
    ("TA W", "Bridge CA"), ("Bridge CA", "TA W"), ("TA X", "Bridge CA"), ("Bridge CA", "TA X"),
    ("TA Y", "Bridge CA"), ("Bridge CA", "TA Y"), ("TA Z", "Bridge CA"), ("Bridge CA", "TA Z"),
]
REASONS = ["EXPIRED", "NAME_CONSTRAINTS", "BAD_EKU", "MISSING_BASIC_CONSTRAINTS", "NOT_A_CA", "DEPRECATED_CRYPTO"]

# EXPLICIT_TEST_CASES: (graph name, edges, trusted node, leaf node, invalid edges, comment)
EXPLICIT = [
    ("LINEAR", LINEAR, "Trust Anchor", "EE", [], "The most basic linear chain."),
    ("LINEAR", LINEAR, "Trust Anchor", "EE", [("Trust Anchor", "ICA")], "The most basic linear chain, broken by an expired ICA."),
    ("LINEAR", LINEAR, "ICA", "EE", [("Trust Anchor", "ICA")], "ICA is trusted directly, so the invalid TA => ICA cert should not matter."),
    ("TWO_ROOTS", TWO_ROOTS, "Root1", "EE", [], "Should be able to discover a path to either root."),
    ("TWO_ROOTS", TWO_ROOTS, "Root2", "EE", [], "Should be able to discover a path to either root."),
    ("TWO_ROOTS", TWO_ROOTS, "Root1", "EE", [("Root2", "ICA")], "Path when the alternate root is invalid."),
    ("TWO_ROOTS", TWO_ROOTS, "Root2", "EE", [("Root1", "ICA")], "Path when the alternate root is invalid."),
    ("TWO_ROOTS", TWO_ROOTS, "Root1", "EE", [("Root1", "ICA")], "No path when the only trusted root is invalid."),
    ("TWO_ROOTS", TWO_ROOTS, "Root2", "EE", [("Root2", "ICA")], "No path when the only trusted root is invalid."),
    ("FIGURE_SEVEN", FIGURE_SEVEN, "Trust Anchor", "EE", [], "A path through a more complicated tree."),
    ("FIGURE_SEVEN", FIGURE_SEVEN, "Trust Anchor", "EE", [("Trust Anchor", "C"), ("A", "B")], "An alternate path through a more complicated tree."),
    ("FIGURE_SEVEN", FIGURE_SEVEN, "Trust Anchor", "EE", [("Trust Anchor", "A"), ("C", "B")], "An alternate path through a more complicated tree."),
    ("BRIDGE_CA_PKI", BRIDGE_CA_PKI, "TA Z", "D", [], "RFC 4158, section 2.3"),
    ("BRIDGE_CA_PKI", BRIDGE_CA_PKI, "TA Z", "EE", [], "RFC 4158, section 2.4.2"),
    ("BRIDGE_CA_PKI", BRIDGE_CA_PKI, "TA Z", "EE", [("TA X", "Bridge CA")], "Irrelevant invalid cross-signed cert."),
    ("BRIDGE_CA_PKI", BRIDGE_CA_PKI, "TA Z", "EE", [("Bridge CA", "TA X")], "Certificate from bridge CA into infrastructure X is invalid."),
    ("BRIDGE_CA_PKI", BRIDGE_CA_PKI, "TA Z", "EE", [("TA Z", "Bridge CA")], "Certificate from infrastructure Z to bridge CA is invalid."),
]


def testcases():
    """provider.go's list, in its order: (graph name, edges, src, dst, invalid edges, reason, comment)."""
    cases = [("LINEAR", LINEAR, "Trust Anchor", "EE", [], None, "sanity check"),
             ("TWO_ROOTS", TWO_ROOTS, "Root1", "EE", [], None, "branching 1"),
             ("TWO_ROOTS", TWO_ROOTS, "Root2", "EE", [], None, "branching 2")]
    for reason in REASONS:
        cases.append(("LINEAR", LINEAR, "Trust Anchor", "EE", [("Trust Anchor", "ICA")], reason, f"invalid reason {reason}"))
    for graph, edges, src, dst, invalid, comment in EXPLICIT:
        for reason in (REASONS if invalid else [None]):
            cases.append((graph, edges, src, dst, invalid, reason, comment))
    return cases


def reachable(edges, invalid, src, dst, path=()):
    """trust_graph.go's Reachable: a path of valid edges from src to dst."""
    if src in path:
        return False
    if src == dst:
        return True
    return any(reachable(edges, invalid, b, dst, path + (src,)) for a, b in edges if a == src and (a, b) not in invalid)


def der_length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der_items(data):
    """The (header+body) of each element of a DER SEQUENCE's body."""
    items, i = [], 0
    while i < len(data):
        start = i
        i += 1
        first = data[i]
        i += 1
        if first < 0x80:
            length = first
        else:
            count = first & 0x7F
            length = int.from_bytes(data[i:i + count], "big")
            i += count
        i += length
        items.append(data[start:i])
    return items


def sequence(*parts):
    body = b"".join(parts)
    return b"\x30" + der_length(len(body)) + body


ECDSA_SHA1 = bytes.fromhex("300906072a8648ce3d0401")


def der_body(element):
    """The contents of one DER element, without its tag and length."""
    first = element[1]
    return element[2:] if first < 0x80 else element[2 + (first & 0x7F):]


def resign_sha1(cert, key):
    """cryptography refuses to build a SHA-1 certificate: swap the algorithm in the TBS of a
    SHA-256 one and sign that with ECDSA-SHA1, as Go's x509.ECDSAWithSHA1 does."""
    tbs = der_items(der_body(cert.public_bytes(serialization.Encoding.DER)))[0]
    tbs_items = der_items(der_body(tbs))
    tbs_items[2] = ECDSA_SHA1  # [0] version, serialNumber, signature, issuer, ...
    new_tbs = sequence(*tbs_items)
    signature = key.sign(new_tbs, ec.ECDSA(hashes.SHA1()))
    bit_string = b"\x03" + der_length(len(signature) + 1) + b"\x00" + signature
    return x509.load_der_x509_certificate(sequence(new_tbs, ECDSA_SHA1, bit_string))


def build_case(number, case, now):
    graph, edges, src, dst, invalid, reason, comment = case
    nodes = sorted({n for edge in edges for n in edge})
    keys = {n: ec.generate_private_key(ec.SECP256R1()) for n in nodes}
    subjects = {n: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, n),
                              x509.NameAttribute(NameOID.ORGANIZATION_NAME, "bettertls.com"),
                              x509.NameAttribute(NameOID.SERIAL_NUMBER, str(uuid.uuid4()))]) for n in nodes}
    not_before, not_after = now - dt.timedelta(hours=24), now + dt.timedelta(days=366)
    ski = {n: x509.SubjectKeyIdentifier.from_public_key(keys[n].public_key()) for n in nodes}
    ku_ca = x509.KeyUsage(False, False, False, False, False, True, False, False, False)
    ku_leaf = x509.KeyUsage(True, False, False, False, False, False, False, False, False)

    def self_signed(n):
        return (x509.CertificateBuilder().subject_name(subjects[n]).issuer_name(subjects[n])
                .public_key(keys[n].public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(not_before).not_valid_after(not_after)
                .add_extension(ku_ca, critical=True)
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .add_extension(ski[n], critical=False)
                .sign(keys[n], hashes.SHA256()))

    def edge_cert(a, b, bad):
        leaf = b == dst
        subject = (x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, dst),
                              x509.NameAttribute(NameOID.ORGANIZATION_NAME, "bettertls.com"),
                              x509.NameAttribute(NameOID.SERIAL_NUMBER, str(uuid.uuid4()))]) if leaf else subjects[b])
        is_ca, basic, end, eku = not leaf, True, not_after, [ExtendedKeyUsageOID.SERVER_AUTH] if leaf else None
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subjects[a])
                   .public_key(keys[b].public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(not_before)
                   .add_extension(ku_leaf if leaf else ku_ca, critical=True))
        if bad:
            if reason == "EXPIRED":
                end = now - dt.timedelta(hours=1)
            elif reason == "NAME_CONSTRAINTS":
                builder = builder.add_extension(x509.NameConstraints([x509.DNSName("bad.example.com")], None), critical=True)
            elif reason == "BAD_EKU":
                eku = [ExtendedKeyUsageOID.EMAIL_PROTECTION]
            elif reason == "MISSING_BASIC_CONSTRAINTS":
                basic = False
            elif reason == "NOT_A_CA":
                is_ca = False
        builder = builder.not_valid_after(end)
        if eku:
            builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
        if basic:
            builder = builder.add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        if basic and is_ca:  # Go gives a CA template a subject key identifier
            builder = builder.add_extension(ski[b], critical=False)
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski[a]), critical=False)
        if leaf:
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        cert = builder.sign(keys[a], hashes.SHA256())
        return resign_sha1(cert, keys[a]) if bad and reason == "DEPRECATED_CRYPTO" else cert

    def pem(cert):
        return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")

    leaf, intermediates = None, []
    for a, b in edges:
        cert = edge_cert(a, b, (a, b) in invalid and reason is not None)
        if b == dst:
            leaf = cert
        else:
            intermediates.append(cert)
    return {
        "id": f"bettertls::pathbuilding::tc{number}",
        "features": [],
        "description": f"{graph}, trusting {src}, leaf from {dst}; invalid: "
                       f"{', '.join(f'{a} -> {b}' for a, b in invalid) or 'none'} ({reason or 'no reason'}). {comment}",
        "validation_kind": "SERVER",
        "trusted_certs": [pem(self_signed(src))],
        "untrusted_intermediates": [pem(c) for c in intermediates],
        "peer_certificate": pem(leaf),
        "validation_time": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "expected_peer_name": {"kind": "DNS", "value": "localhost"},
        "expected_result": "SUCCESS" if reachable(edges, set(invalid) if reason else set(), src, dst) else "FAILURE",
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.split("\n\n")[1])
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cases = [build_case(i, case, now) for i, case in enumerate(testcases())]
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump({"version": 1, "testcases": cases}, handle, indent=1)
    print(f"wrote {len(cases)} testcases ({sum(c['expected_result'] == 'SUCCESS' for c in cases)} expect SUCCESS) to {sys.argv[1]}")


if __name__ == "__main__":
    main()
