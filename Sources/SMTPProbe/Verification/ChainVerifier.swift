internal import CSMTPProbeOpenSSL
internal import CSMTPProbeShims
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One problem `X509_verify_cert` reported.
struct VerificationIssue: Hashable, Sendable {
    /// Position in the chain OpenSSL built: 0 is the leaf.
    var depth: Int
    /// OpenSSL's `X509_V_ERR_*` number.
    var error: Int32
    /// OpenSSL's words for it (`X509_verify_cert_error_string`).
    var text: String

    /// What the number means, for the checks above.
    var failure: VerificationFailure { VerificationFailure(openSSLError: error) }
}

/// A chain with more certificates than the verifier accepts (`X509_V_ERR_CERT_CHAIN_TOO_LONG`).
struct ChainLengthExcess: Hashable, Sendable {
    /// Position in ``ChainVerification/builtChain`` of the certificate where OpenSSL stopped.
    var depth: Int
    /// Certificates in the whole chain, from the leaf to the trust anchor or as far as it goes.
    var certificates: Int
    /// False when the chain stops short of a root (no issuer found for its last certificate,
    /// as when the root is not trusted here and not sent): the chain a root would complete is
    /// then one longer, and that is what exceeds the limit.
    var reachesRoot = true
    /// What is measured against ``limit``: the certificates, plus the root the chain needs
    /// when it stops short of one. Always more than ``limit``.
    var counted: Int { reachesRoot ? certificates : certificates + 1 }
    /// The count in words: "103 certificates" or "103 certificates (the 102 given and their root)".
    var countText: String {
        reachesRoot ? "\(counted) certificates" : "\(counted) certificates (the \(certificates) given and the root above them)"
    }
    /// The most certificates a chain may hold: the verify depth counts only intermediates, so
    /// the leaf and the trust anchor come on top of it.
    var limit: Int
}

/// The result of path validation, kept apart from the hostname check and from key strength.
struct ChainVerification: Sendable {
    /// The problems with the whole chain. When it is too long, these come from a second look
    /// past the limit: a chain cut short at the limit would always seem to end at an untrusted
    /// CA, whatever its real root.
    var issues: [VerificationIssue]
    /// The chain OpenSSL built, leaf first, ending at a trust anchor when one was found.
    var builtChain: [X509Certificate]
    /// Set when the chain is longer than OpenSSL's verify depth allows.
    var tooLong: ChainLengthExcess? = nil
    /// Set when ``builtChain`` is not the path the server suggested and that path fails: what
    /// a client that takes the certificates as sent would have built, and its problems.
    var suggestedPath: SuggestedPath? = nil
    /// Candidate paths that path building gave to OpenSSL (0 when OpenSSL's own first path
    /// was kept); never more than ``PathBuilder/maxPathsVerified``.
    var pathsTried = 0
    var isTrusted: Bool { issues.isEmpty && tooLong == nil }
}

/// The path a client without path building takes, when it fails where another path succeeds.
struct SuggestedPath: Sendable {
    /// Leaf first, as far as that client got.
    var chain: [X509Certificate]
    var issues: [VerificationIssue]
}

/// Validates a chain as sent by a server against a trust store, reporting every problem
/// rather than the first: the one verifier behind both the live probe and `smtp-probe cert`.
enum ChainVerifier {
    /// Verifies `chain` (leaf first, the rest as untrusted intermediates) for TLS server use.
    /// - Parameter time: the validation time; nil for now.
    /// When OpenSSL's first path fails, ``PathBuilder`` tries the others (RFC 4158).
    static func verify(chain: [X509Certificate], extraIntermediates: [X509Certificate] = [],
                       store: TrustStore, at time: Date?) -> ChainVerification {
        let first = firstPath(chain: chain, extraIntermediates: extraIntermediates, store: store, at: time)
        // A chain too long for OpenSSL is reported as such: no shorter path is looked for.
        guard first.tooLong == nil, let leaf = chain.first else { return first }
        var builder = PathBuilder(leaf: leaf, sent: Array(chain.dropFirst()) + extraIntermediates, store: store, time: time)
        return builder.review(first: first)
    }

    /// The chain OpenSSL's own builder finds, with the length of a chain that is too long.
    private static func firstPath(chain: [X509Certificate], extraIntermediates: [X509Certificate],
                                  store: TrustStore, at time: Date?) -> ChainVerification {
        let first = verify(chain: chain, extraIntermediates: extraIntermediates, store: store, at: time, depthLimit: nil)
        guard let cut = first.verification.issues.first(where: { $0.error == X509_V_ERR_CERT_CHAIN_TOO_LONG }) else {
            return first.verification
        }
        // OpenSSL stops building at the limit, so what it says about the chain's end is about
        // the cut, not the root. Look again with room for every certificate given (each can
        // appear once), to learn the chain's real length and how it really ends.
        let room = chain.count + extraIntermediates.count
        let whole = verify(chain: chain, extraIntermediates: extraIntermediates, store: store, at: time, depthLimit: room)
        let missingIssuer = [X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY]
        let builtCount = whole.verification.builtChain.count
        let excess = ChainLengthExcess(
            depth: cut.depth, certificates: builtCount,
            reachesRoot: !whole.verification.issues.contains { missingIssuer.contains($0.error) && $0.depth == builtCount - 1 },
            limit: first.depthLimit + 2)
        guard !whole.verification.issues.contains(where: { $0.error == X509_V_ERR_CERT_CHAIN_TOO_LONG }),
              cut.depth < whole.verification.builtChain.count else {
            // Cannot happen with the room given; keep the cut's facts without its artefacts.
            let artefacts = [X509_V_ERR_CERT_CHAIN_TOO_LONG, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
                             X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN]
            var verification = first.verification
            verification.issues.removeAll { $0.depth == cut.depth && artefacts.contains($0.error) }
            verification.tooLong = excess
            return verification
        }
        var verification = whole.verification
        verification.tooLong = excess
        return verification
    }

    /// One run of `X509_verify_cert`; `depthLimit` nil keeps OpenSSL's verify depth. `mode`
    /// says how OpenSSL builds the chain; `anchors` are the only trust anchors of a
    /// `CSMTPProbeVerifyFixedPath` run. Also returns the depth that was in force.
    static func verify(chain: [X509Certificate], extraIntermediates: [X509Certificate],
                       store: TrustStore, at time: Date?, depthLimit: Int?,
                       mode: CSMTPProbeVerifyMode = CSMTPProbeVerifyBuild,
                       anchors: [X509Certificate] = []) -> (verification: ChainVerification, depthLimit: Int) {
        guard let leaf = chain.first else { return (ChainVerification(issues: [], builtChain: []), 0) }
        guard let untrusted = CSMTPProbe_sk_X509_new_null() else {
            return (ChainVerification(issues: [VerificationIssue(depth: 0, error: X509_V_ERR_OUT_OF_MEM, text: "out of memory")],
                                      builtChain: []), 0)
        }
        defer { CSMTPProbe_sk_X509_free(untrusted) }
        for certificate in chain.dropFirst() + extraIntermediates {
            _ = CSMTPProbe_sk_X509_push(untrusted, certificate.pointer)
        }
        // Borrowed pointers only: the certificates stay alive through `anchors` below.
        let trusted = anchors.isEmpty ? nil : CSMTPProbe_sk_X509_new_null()
        defer { if let trusted { CSMTPProbe_sk_X509_free(trusted) } }
        for anchor in anchors { _ = CSMTPProbe_sk_X509_push(trusted, anchor.pointer) }
        var log = CSMTPProbeVerifyLog()
        var built: OpaquePointer?
        OpenSSLErrorQueue.clear()
        let result = withExtendedLifetime((chain, extraIntermediates, anchors)) {
            CSMTPProbe_verify_chain(store.pointer, leaf.pointer, untrusted, mode, trusted,
                                    time == nil ? 0 : 1, Int64(time?.timeIntervalSince1970 ?? 0),
                                    Int32(clamping: depthLimit ?? -1), &log, &built)
        }
        OpenSSLErrorQueue.clear()
        var builtChain: [X509Certificate] = []
        if let built {
            for index in 0..<CSMTPProbe_sk_X509_num(built) {
                if let cert = CSMTPProbe_sk_X509_value(built, index) {
                    builtChain.append(X509Certificate(retaining: cert))
                }
            }
            CSMTPProbe_sk_X509_pop_free(built)
        }
        var issues: [VerificationIssue] = withUnsafeBytes(of: &log.issues) { raw in
            let entries = raw.bindMemory(to: CSMTPProbeVerifyIssue.self)
            return entries.prefix(Int(log.count)).map { entry in
                VerificationIssue(depth: Int(entry.depth), error: entry.error,
                                  text: String(cString: X509_verify_cert_error_string(Int(entry.error))))
            }
        }
        if result < 0 && issues.isEmpty {
            issues.append(VerificationIssue(depth: 0, error: X509_V_ERR_UNSPECIFIED, text: "verification could not run"))
        }
        return (ChainVerification(issues: issues, builtChain: builtChain), Int(log.depthLimit))
    }
}
