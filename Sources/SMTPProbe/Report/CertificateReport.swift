#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One certificate as the server sent it, described for people and programs.
public struct CertificateReport: Codable, Hashable, Sendable {
    /// 0 for the leaf, then the order the server sent.
    public var position: Int
    public var subject: String
    public var issuer: String
    public var dnsNames: [String]
    public var ipAddresses: [String]
    /// False when the certificate has no subjectAltName extension at all.
    public var hasSubjectAltName: Bool
    public var notBefore: Date?
    public var notAfter: Date?
    public var key: PublicKeyInfo
    public var signatureAlgorithm: String
    public var sha256: String
    public var isCA: Bool
    public var isSelfSigned: Bool

    enum CodingKeys: String, CodingKey {
        case position, subject, issuer
        case dnsNames = "dns_names", ipAddresses = "ip_addresses", hasSubjectAltName = "has_subject_alt_name"
        case notBefore = "not_before", notAfter = "not_after", key
        case signatureAlgorithm = "signature_algorithm", sha256, isCA = "is_ca", isSelfSigned = "self_signed"
    }

    init(_ certificate: X509Certificate, position: Int) {
        let names = certificate.subjectAltNames
        self.position = position
        subject = certificate.subject
        issuer = certificate.issuer
        dnsNames = names?.dnsNames ?? []
        ipAddresses = names?.ipAddresses.map(\.description) ?? []
        hasSubjectAltName = names != nil
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        key = certificate.publicKey
        signatureAlgorithm = certificate.signatureAlgorithm
        sha256 = certificate.sha256Fingerprint
        isCA = certificate.isCA
        isSelfSigned = certificate.isSelfSigned
    }
}

/// The verification facts as reports give them.
extension VerificationReport {
    init(verification: ChainVerification, hostname: HostnameMatcher.Outcome?) {
        chainTrusted = verification.isTrusted
        chainProblems = (verification.tooLong.map {
            ["depth \($0.depth): certificate chain too long (\($0.certificates) certificates, limit \($0.limit))"]
        } ?? []) + verification.issues.map { "depth \($0.depth): \($0.text)" }
        builtChain = verification.builtChain.map(\.subject)
        switch hostname {
        case .matched(let presented)?:
            hostnameMatches = true
            matchedName = presented
        case nil:
            hostnameMatches = nil
            matchedName = nil
        default:
            hostnameMatches = false
            matchedName = nil
        }
    }
}
