#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The certificates under `fixtures/certs`, made by `fixtures/make-certs.py`. Each case is a
/// directory with `chain.pem` (what a server sends), `leaf.pem` and `key.pem`.
public enum FixtureCertificate: String, CaseIterable, Sendable {
    case good
    case goodECDSA = "good-ecdsa"
    case expired
    case notYetValid = "not-yet-valid"
    case expiring
    case wrongHost = "wrong-host"
    case wildcard
    case partialWildcard = "partial-wildcard"
    case cnOnly = "cn-only"
    case selfSigned = "self-signed"
    case missingIntermediate = "missing-intermediate"
    case untrustedRoot = "untrusted-root"
    case weakKey = "weak-key"
    case weakSignature = "weak-signature"
    case ipSAN = "ip-san"
    case idn
    /// A dNSName holding raw UTF-8 (`bücher.test.example`) where only A-labels may stand.
    case utf8DNSName = "utf8-dnsname"
    /// A sub-CA below the intermediate, whose path length limit (0) forbids it.
    case pathLength = "path-length"
    /// 101 CAs between leaf and root: one more than OpenSSL's verify depth. A PEM file holds
    /// at most 100 certificates, so the chain is split: `chain.pem`, then ``longChainRestPath``.
    case longChain = "long-chain"
    /// Subject (O, CN) and dNSNames holding a C1 CSI, a bidi override, a line separator and a
    /// zero-width joiner: text that must reach every output escaped.
    case hostileNames = "hostile-names"

    /// The host name every fixture certificate is meant for (or pretends to be).
    public static let routeHost = "mx.test.example"

    /// The fixtures directory: `$SMTP_PROBE_FIXTURES` if set, else `fixtures/certs` in the
    /// source tree this was built from.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["SMTP_PROBE_FIXTURES"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/certs")
    }

    /// The trust anchors the fixtures chain up to (the test root CA only).
    public static var rootsPath: String { directory.appendingPathComponent("roots.pem").path }

    public var chainPath: String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/chain.pem").path }
    public var keyPath: String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/key.pem").path }
    /// The rest of ``longChain``'s chain, after `chain.pem`.
    public static var longChainRestPath: String { directory.appendingPathComponent("long-chain/rest.pem").path }
    public var leafPath: String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/leaf.pem").path }
}
