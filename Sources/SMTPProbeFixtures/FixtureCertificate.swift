#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
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
    /// Let's Encrypt's 2021: the intermediate, then the root cross-signed by an old root that
    /// expired; the root itself is trusted. Verifies only by a path other than the one sent.
    case crossSigned2021 = "cross-signed-2021"
    /// The intermediate cross-signed by the expired old root, sent before its newer twin.
    case crossSignedTwin = "cross-signed-twin"
    /// An unrelated CA, the root, then the intermediate: extra and out of order.
    case extraOutOfOrder = "extra-out-of-order"
    /// The intermediate and the root the trust store holds too.
    case sentRoot = "sent-root"
    /// The intermediate signed by the root with SHA-1, sent before its SHA-256 twin.
    case sha1Twin = "sha1-twin"
    /// 8 CAs all cross-signing each other, one also by the root with a lapsed cross-signature:
    /// exponentially many paths, none valid.
    case hostileMesh = "hostile-mesh"
    /// An intermediate cross-signed by the expired old root, sent before its twin issued by an
    /// RSA-1024 root that only `weak-root.pem` holds: a path to a weak trust anchor.
    case weakRootTwin = "weak-root-twin"
    /// A sub-CA twin for clientAuth only, sent before the good one; both issued by an
    /// intermediate that `store.pem` holds beside the root: a path through the trust file.
    case storeIntermediate = "store-intermediate"
    /// 33 certificates with the issuer's name but other keys and no key identifier, sent
    /// before the real issuer: more than the search verifies, were they searched.
    case decoyIssuers = "decoy-issuers"
    /// The intermediate, then a re-issued copy of the trusted root (same name and key).
    case reissuedRoot = "reissued-root"
    /// The leaf alone, issued by the last of 40 self-signed roots of one name (other keys, no
    /// key identifiers) that `many-roots.pem` holds: more roots than the search verifies.
    case manyRoots = "many-roots"

    /// The host name every fixture certificate is meant for (or pretends to be).
    public static let routeHost = "mx.test.example"

    /// Where the fixtures are looked for, in order: `$SMTP_PROBE_FIXTURES` when set (and then
    /// nowhere else: an explicit choice must not be overridden by a copy found elsewhere); the
    /// installed copy beside the executable, `<dir of binary>/../share/smtp-probe/fixtures`
    /// (where the Debian package puts them); `fixtures/certs` in the source tree this was built
    /// from. The installed copy comes before the source tree because an installed binary must
    /// not depend on the build machine's checkout still being there.
    public static var searchPath: [URL] {
        if let override = ProcessInfo.processInfo.environment["SMTP_PROBE_FIXTURES"], !override.isEmpty {
            return [URL(fileURLWithPath: override)]
        }
        var candidates: [URL] = []
        if let executable = executablePath() {
            candidates.append(URL(fileURLWithPath: executable)
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/smtp-probe/fixtures"))
        }
        candidates.append(URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/certs"))
        return candidates
    }

    /// The fixtures directory: the first of `searchPath` that holds `roots.pem`, else the last
    /// one, so that an error names a place the fixtures were looked for.
    public static var directory: URL {
        let candidates = searchPath
        return candidates.first { access($0.appendingPathComponent("roots.pem").path, R_OK) == 0 }
            ?? candidates[candidates.count - 1]
    }

    /// The running program's own file, through `/proc/self/exe` (the path it was started by,
    /// `argv[0]`, may be a bare name found through `$PATH`); nil where there is no such link.
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The trust anchors the fixtures chain up to (the test root CA only).
    public static var rootsPath: String { directory.appendingPathComponent("roots.pem").path }

    public var chainPath: String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/chain.pem").path }
    public var keyPath: String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/key.pem").path }
    /// The rest of ``longChain``'s chain, after `chain.pem`.
    public static var longChainRestPath: String { directory.appendingPathComponent("long-chain/rest.pem").path }
    /// Another file of this case's folder (a trust file such as `store.pem`).
    public func file(_ name: String) -> String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/\(name)").path }
    public var leafPath: String { FixtureCertificate.directory.appendingPathComponent("\(rawValue)/leaf.pem").path }
}
