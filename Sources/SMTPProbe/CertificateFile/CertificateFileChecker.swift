internal import CSMTPProbeOpenSSL
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// How to check a certificate file: the knobs of `smtp-probe cert FILE`.
public struct CertificateFileOptions: Sendable {
    /// The route host to check the certificate against (a DNS name or an IP address); nil to
    /// skip the hostname check.
    public var hostname: String?
    public var trust: TrustSource = .system
    /// A PEM file of further intermediates that the server will send too.
    public var untrustedFile: String?
    /// Validate as of this moment (e.g. the planned cut-over) instead of now.
    public var validationTime: Date?
    /// The private key to be installed with the certificate.
    public var keyFile: String?
    public var expiryWarningDays = 30
    /// Within this many days the expiry is `cert.expiring_critical` (a failure); nil: never.
    public var expiryCriticalDays: Int?
    public var language: Language = .en

    public init() {}
}

/// The report of `smtp-probe cert`: the same verdict, findings and certificate details as a
/// live probe, for a file that is not installed yet.
public struct CertificateFileReport: Codable, Sendable {
    public var schemaVersion = ProbeReport.currentSchemaVersion
    public var tool = "smtp-probe \(SMTPProbeVersion.current)"
    public var file: String
    public var hostname: String?
    public var trustStore: String
    public var validationTime: Date
    public var verdict: Verdict
    public var findings: [Finding]
    public var certificates: [CertificateReport]
    public var verification: VerificationReport?
    /// nil when no key was given.
    public var keyMatches: Bool?

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", tool, file, hostname, trustStore = "trust_store"
        case validationTime = "validation_time", verdict, findings, certificates, verification
        case keyMatches = "key_matches"
    }
}

/// One verifier, two front doors: this one reads the chain from a file instead of a server.
public enum CertificateFileChecker {
    /// Checks `path`. Throws only for input that cannot be used (unreadable, not a
    /// certificate, too large); problems with the certificates are findings.
    public static func check(file path: String, options: CertificateFileOptions) throws -> CertificateFileReport {
        let chain = try PEMCertificateReader.certificates(inFile: path)
        let extra = try options.untrustedFile.map(PEMCertificateReader.certificates(inFile:)) ?? []
        let store = try TrustStore(options.trust)
        let time = options.validationTime ?? Date()
        let verification = ChainVerifier.verify(chain: chain, extraIntermediates: extra, store: store, at: time)
        var hostnameOutcome: HostnameMatcher.Outcome?
        if let host = options.hostname, let leaf = chain.first {
            hostnameOutcome = HostnameMatcher().match(routeHost: host, names: leaf.subjectAltNames, commonNames: leaf.commonNames)
        }
        let facts = CertificateFacts(routeHost: options.hostname ?? "", verification: verification, hostname: hostnameOutcome,
                                 validationTime: time, expiryWarningDays: options.expiryWarningDays,
                                 expiryCriticalDays: options.expiryCriticalDays)
        // The server will send the file's certificates and then the further intermediates, so
        // findings number a certificate by its place in both: one from --untrusted is not one
        // "from the trust store".
        let sent = chain + extra
        var problems = orderProblems(chain)
        problems += CertificateAnalyzer.problems(chain: sent, facts: facts)
        var keyMatches: Bool?
        if let keyFile = options.keyFile, let leaf = chain.first {
            let matches = try PrivateKey(file: keyFile).matches(leaf)
            keyMatches = matches
            if !matches { problems.append(.keyMismatch(file: keyFile)) }
        }
        let catalog = FindingCatalog(language: options.language)
        let findings = problems.map { catalog.finding(for: $0, routeHost: options.hostname ?? "", address: nil) }
        return CertificateFileReport(
            file: path, hostname: options.hostname, trustStore: options.trust.label, validationTime: time,
            verdict: Verdict(findings: findings), findings: findings,
            certificates: sent.enumerated().map { CertificateReport($1, position: $0) },
            verification: VerificationReport(verification: verification, hostname: hostnameOutcome),
            keyMatches: keyMatches)
    }

    /// A server must send its own certificate first, then each issuer in turn. Clients
    /// forgive some disorder, not all of it.
    static func orderProblems(_ chain: [X509Certificate]) -> [CertificateProblem] {
        guard chain.count > 1 else { return [] }
        if chain[0].isCA, let leafIndex = chain.firstIndex(where: { !$0.isCA }) {
            return [.chainOrder(.leafAt(leafIndex))]
        }
        for index in 0..<(chain.count - 1) where X509_check_issued(chain[index + 1].pointer, chain[index].pointer) != X509_V_OK {
            return [.chainOrder(.notIssuer(position: index))]
        }
        return []
    }
}
