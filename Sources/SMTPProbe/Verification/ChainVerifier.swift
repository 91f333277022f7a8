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
    var isTrusted: Bool { issues.isEmpty && tooLong == nil }
}

/// Validates a chain as sent by a server against a trust store, reporting every problem
/// rather than the first: the one verifier behind both the live probe and `smtp-probe cert`.
enum ChainVerifier {
    /// Verifies `chain` (leaf first, the rest as untrusted intermediates) for TLS server use.
    /// - Parameter time: the validation time; nil for now.
    static func verify(chain: [X509Certificate], extraIntermediates: [X509Certificate] = [],
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
        let excess = ChainLengthExcess(depth: cut.depth, certificates: whole.verification.builtChain.count,
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

    /// One run of `X509_verify_cert`; `depthLimit` nil keeps OpenSSL's verify depth. Also
    /// returns the depth that was in force.
    private static func verify(chain: [X509Certificate], extraIntermediates: [X509Certificate],
                               store: TrustStore, at time: Date?,
                               depthLimit: Int?) -> (verification: ChainVerification, depthLimit: Int) {
        guard let leaf = chain.first else { return (ChainVerification(issues: [], builtChain: []), 0) }
        guard let untrusted = CSMTPProbe_sk_X509_new_null() else {
            return (ChainVerification(issues: [VerificationIssue(depth: 0, error: X509_V_ERR_OUT_OF_MEM, text: "out of memory")],
                                      builtChain: []), 0)
        }
        defer { CSMTPProbe_sk_X509_free(untrusted) }
        for certificate in chain.dropFirst() + extraIntermediates {
            _ = CSMTPProbe_sk_X509_push(untrusted, certificate.pointer)
        }
        var log = CSMTPProbeVerifyLog()
        var built: OpaquePointer?
        OpenSSLErrorQueue.clear()
        let result = withExtendedLifetime((chain, extraIntermediates)) {
            CSMTPProbe_verify_chain(store.pointer, leaf.pointer, untrusted,
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
