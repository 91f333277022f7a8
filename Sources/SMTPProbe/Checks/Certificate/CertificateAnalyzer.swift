#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the certificate checks judge besides the chain itself.
struct CertificateFacts: Sendable {
    /// The host the route (or the command line) names.
    var routeHost: String
    var verification: ChainVerification?
    var hostname: HostnameMatcher.Outcome?
    var validationTime: Date
    var expiryWarningDays: Int
    /// Within this many days the expiry is a failure rather than a warning; nil: never.
    var expiryCriticalDays: Int? = nil
}

/// Chooses the certificate problems of a chain, from the facts path validation and hostname
/// matching established.
enum CertificateAnalyzer {
    /// The certificate issues: chain, dates, strength and the hostname, each reported on its
    /// own, in that order, one per problem and certificate.
    static func problems(chain: [X509Certificate], facts: CertificateFacts) -> [CertificateProblem] {
        guard !chain.isEmpty else { return [.invalidChain(nil, reason: "the server sent no certificate")] }
        var issues: [CertificateProblem] = []
        let fingerprints = chain.map(\.sha256Fingerprint)

        func reference(_ certificate: X509Certificate) -> CertificateReference {
            CertificateReference(position: fingerprints.firstIndex(of: certificate.sha256Fingerprint),
                                 subject: certificate.subject)
        }

        if let verification = facts.verification {
            if let tooLong = verification.tooLong {
                let cut = tooLong.depth < verification.builtChain.count ? verification.builtChain[tooLong.depth] : nil
                issues.append(.invalidChain(cut.map(reference),
                                            reason: "chain too long: \(tooLong.countText), limit \(tooLong.limit)"))
            }
            for problem in verification.issues {
                let certificate = problem.depth < verification.builtChain.count ? verification.builtChain[problem.depth] : nil
                let ref = certificate.map(reference) ?? CertificateReference(position: nil, subject: "")
                let issue: CertificateProblem? = switch problem.failure {
                case .expired:
                    .expired(ref, notAfter: certificate?.notAfter ?? .distantPast)
                case .notYetValid:
                    .notYetValid(ref, notBefore: certificate?.notBefore ?? .distantFuture)
                case .selfSignedLeaf:
                    .selfSigned(ref)
                case .untrustedSelfSignedInChain:
                    .untrustedRoot(ref, issuer: ref.subject)
                case .issuerNotFound:
                    missingIssuer(certificate, reference: ref)
                case .tooWeak:
                    nil // judged below, from the certificates themselves
                case .pathLengthExceeded:
                    .invalidChain(certificate == nil ? nil : ref, reason: pathLengthReason(problem, certificate))
                case .other:
                    .invalidChain(certificate == nil ? nil : ref, reason: problem.text)
                }
                if let issue, !issues.contains(issue) { issues.append(issue) }
            }
            if verification.isTrusted, let suggested = verification.suggestedPath {
                issues.append(alternativePath(suggested, used: verification.builtChain, reference: reference))
            }
            // Expiry is worth a warning only on a chain that verifies otherwise.
            if let leaf = chain.first, verification.isTrusted,
               let notAfter = leaf.notAfter, notAfter > facts.validationTime {
                let days = Int(notAfter.timeIntervalSince(facts.validationTime) / 86_400)
                if let critical = facts.expiryCriticalDays, days < critical {
                    issues.append(.expiringCritical(reference(leaf), notAfter: notAfter, days: days))
                } else if days < facts.expiryWarningDays {
                    issues.append(.expiringSoon(reference(leaf), notAfter: notAfter, days: days))
                }
            }
        }
        // Only the certificates of the path used are judged: one sent but on no path (a spare
        // cross-signature beside the one used) is never looked at by a verifier.
        let used = Set((facts.verification?.builtChain ?? []).map(\.sha256Fingerprint))
        issues += strengthIssues(chain: used.isEmpty ? chain : chain.filter { used.contains($0.sha256Fingerprint) },
                                 reference: reference)
        if let hostname = facts.hostname, let leaf = chain.first {
            switch hostname {
            case .matched:
                break
            case .mismatch:
                issues.append(.hostnameMismatch(routeHost: facts.routeHost,
                                                names: HostnameMatcher.usableNames(leaf.subjectAltNames)))
            case .noSubjectAltName(let cnWouldMatch):
                issues.append(.noSAN(routeHost: facts.routeHost, commonNames: leaf.commonNames,
                                     commonNameWouldMatch: cnWouldMatch))
            }
        }
        return issues
    }

    /// The first problem of the path a client taking the certificates as sent builds (the
    /// lowest in the chain), beside the path that verifies.
    private static func alternativePath(_ suggested: SuggestedPath, used: [X509Certificate],
                                        reference: (X509Certificate) -> CertificateReference) -> CertificateProblem {
        let problem = suggested.issues.min { $0.depth < $1.depth }
        let certificate = problem.flatMap { $0.depth < suggested.chain.count ? suggested.chain[$0.depth] : nil }
        return .alternativePath(at: certificate.map(reference), reason: problem?.text ?? "verification failed",
                                path: used.map(\.subject))
    }

    /// A chain that stops at a certificate whose issuer is nowhere to be found: when the
    /// server sent only its own certificate, an intermediate is missing (or a private CA is
    /// not trusted); when it stops at a CA certificate the server sent, that CA's root is not
    /// trusted.
    private static func missingIssuer(_ certificate: X509Certificate?, reference: CertificateReference) -> CertificateProblem {
        guard let certificate else { return .invalidChain(nil, reason: "unable to get issuer certificate") }
        if certificate.isCA && reference.position != nil && reference.position != 0 {
            return .untrustedRoot(reference, issuer: certificate.issuer)
        }
        return .incompleteChain(reference, issuer: certificate.issuer)
    }

    /// OpenSSL's words, with the numbers: the CA whose constraint is broken allows `pathlen`
    /// CA certificates below it, and the chain puts `depth - 1` there (all but the leaf).
    private static func pathLengthReason(_ problem: VerificationIssue, _ certificate: X509Certificate?) -> String {
        guard let allowed = certificate?.pathLengthConstraint else { return problem.text }
        return "\(problem.text): it allows \(allowed) CA certificate\(allowed == 1 ? "" : "s") below it, the chain has \(problem.depth - 1)"
    }

    /// Keys and signatures too weak to trust: RSA or DSA under 2048 bits, EC under 224 bits,
    /// MD5 or SHA-1 signatures. Self-signed certificates are skipped: a root's own signature
    /// is never checked.
    static func strengthIssues(chain: [X509Certificate],
                               reference: (X509Certificate) -> CertificateReference) -> [CertificateProblem] {
        var issues: [CertificateProblem] = []
        for certificate in chain {
            let key = certificate.publicKey
            let weakKey = switch key.algorithm {
            case .rsa, .dsa: key.bits < 2048
            case .ec: key.bits < 224
            case .eddsa, .unknown: false
            }
            if weakKey { issues.append(.weakKey(reference(certificate), key: key.label)) }
            if !certificate.isSelfSigned, let digest = certificate.signatureDigest,
               ["md2", "md4", "md5", "sha1"].contains(digest) {
                issues.append(.weakSignature(reference(certificate), algorithm: certificate.signatureAlgorithm))
            }
        }
        return issues
    }
}
