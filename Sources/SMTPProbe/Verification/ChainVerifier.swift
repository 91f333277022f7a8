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

/// The result of path validation, kept apart from the hostname check and from key strength.
struct ChainVerification: Sendable {
    var issues: [VerificationIssue]
    /// The chain OpenSSL built, leaf first, ending at a trust anchor when one was found.
    var builtChain: [X509Certificate]
    var isTrusted: Bool { issues.isEmpty }
}

/// Validates a chain as sent by a server against a trust store, reporting every problem
/// rather than the first: the one verifier behind both the live probe and `smtp-probe cert`.
enum ChainVerifier {
    /// Verifies `chain` (leaf first, the rest as untrusted intermediates) for TLS server use.
    /// - Parameter time: the validation time; nil for now.
    static func verify(chain: [X509Certificate], extraIntermediates: [X509Certificate] = [],
                       store: TrustStore, at time: Date?) -> ChainVerification {
        guard let leaf = chain.first else { return ChainVerification(issues: [], builtChain: []) }
        guard let untrusted = CSMTPProbe_sk_X509_new_null() else {
            return ChainVerification(issues: [VerificationIssue(depth: 0, error: X509_V_ERR_OUT_OF_MEM, text: "out of memory")], builtChain: [])
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
                                    &log, &built)
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
        return ChainVerification(issues: issues, builtChain: builtChain)
    }
}
