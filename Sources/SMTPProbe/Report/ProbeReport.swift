#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The report of one probe of one target: the unit of `--json` output.
///
/// A host can have several addresses; each is probed and reported in ``addresses``. For the
/// common case of one address, and for quick reading, ``smtp``, ``tls``, ``certificates``, ``verification`` and
/// ``timingsMS`` repeat those of the first address probed. ``findings`` holds every finding
/// of every address (each tagged with its address) plus those about the target itself (DNS).
public struct ProbeReport: Codable, Sendable {
    /// Bumped when a field changes meaning or disappears; adding fields does not bump it.
    public static let currentSchemaVersion = 1

    public var schemaVersion = ProbeReport.currentSchemaVersion
    public var tool = "smtp-probe \(SMTPProbeVersion.current)"
    public var target: TargetDescription
    public var verdict: Verdict
    public var findings: [Finding]
    public var smtp: SMTPSession?
    /// The POP3 conversation, with `--protocol pop3`.
    public var pop3: MailboxSession?
    /// The IMAP conversation, with `--protocol imap`.
    public var imap: MailboxSession?
    public var tls: TLSReport?
    public var certificates: [CertificateReport]
    public var verification: VerificationReport?
    public var timingsMS: [String: Double]
    public var addresses: [AddressReport]
    /// The route options the verdict was judged under.
    public var routeOptions: RouteOptions
    /// When the verdict is fail: the smallest sets of route options that, turned off, would let
    /// the test pass. Empty when no option would help.
    public var relaxations: [Relaxation]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", tool, target, verdict, findings, smtp, pop3, imap, tls, certificates
        case verification, timingsMS = "timings_ms", addresses, routeOptions = "route_options", relaxations
    }

    init(target: TargetDescription, targetFindings: [Finding], addresses: [AddressReport], dnsMS: Double?,
         routeOptions: RouteOptions, catalog: FindingCatalog) {
        self.target = target
        self.addresses = addresses
        self.routeOptions = routeOptions
        let first = addresses.first
        findings = targetFindings + addresses.flatMap(\.findings)
        verdict = Verdict(findings: findings)
        relaxations = Relaxation.smallestSets(for: findings, options: routeOptions, language: catalog.language)
        smtp = first?.smtp
        pop3 = first?.pop3
        imap = first?.imap
        tls = first?.tls
        certificates = first?.certificates ?? []
        verification = first?.verification
        var timings = first?.timingsMS ?? [:]
        if let dnsMS { timings["dns"] = dnsMS }
        timingsMS = timings
    }
}

/// What was probed, and how.
public struct TargetDescription: Codable, Sendable, Hashable {
    /// The host as given: what SNI and the hostname check use.
    public var host: String
    public var port: Int
    /// Where the connection went instead of the host's own addresses (`--connect-to`).
    public var connectTo: String?
    public var ehloName: String?
    public var trustStore: String
    /// The moment certificates were judged against.
    public var validationTime: Date
    /// The mail domains whose MX lookup found this host, in a run over many targets; a host
    /// shared by several domains is probed once, for all of them.
    public var mxOf: [String]?
    /// The protocol spoken (`--protocol`): smtp, submission, pop3 or imap.
    public var mailProtocol: MailProtocol?

    enum CodingKeys: String, CodingKey {
        case host, port, connectTo = "connect_to", ehloName = "ehlo_name", trustStore = "trust_store"
        case validationTime = "validation_time", mxOf = "mx_of", mailProtocol = "protocol"
    }
}

/// The probe of one address.
public struct AddressReport: Codable, Sendable {
    public var address: String
    public var verdict: Verdict
    public var findings: [Finding]
    public var smtp: SMTPSession?
    public var pop3: MailboxSession?
    public var imap: MailboxSession?
    public var tls: TLSReport?
    public var certificates: [CertificateReport]
    public var verification: VerificationReport?
    public var timingsMS: [String: Double]
    /// Every line sent and received, with `--transcript` only (absent otherwise).
    public var transcript: [TranscriptEntry]?
    /// The chain as sent, for the checks that compare it with DNS (DANE). Not in reports:
    /// ``certificates`` describes it.
    var peerChain: [X509Certificate] = []

    enum CodingKeys: String, CodingKey {
        case address, verdict, findings, smtp, pop3, imap, tls, certificates, verification, timingsMS = "timings_ms"
        case transcript
    }
}

/// What the handshake agreed on.
public struct TLSReport: Codable, Sendable, Hashable {
    /// e.g. `TLS 1.3`.
    public var version: String
    public var cipher: String?
    /// The key exchange group, e.g. `x25519`.
    public var group: String?
    /// The SNI name sent, if any.
    public var serverName: String?

    enum CodingKeys: String, CodingKey {
        case version, cipher, group, serverName = "server_name"
    }
}

/// The two certificate checks, kept apart.
public struct VerificationReport: Codable, Sendable, Hashable {
    /// The chain reaches a trust anchor, with valid dates and signatures.
    public var chainTrusted: Bool
    /// OpenSSL's own words for each problem, with the depth in the chain it built.
    public var chainProblems: [String]
    /// The subjects of the chain as built up to the trust anchor, leaf first.
    public var builtChain: [String]
    /// The certificate names the route host; nil when no host was checked.
    public var hostnameMatches: Bool?
    /// The name on the certificate that matched.
    public var matchedName: String?

    enum CodingKeys: String, CodingKey {
        case chainTrusted = "chain_trusted", chainProblems = "chain_problems", builtChain = "built_chain"
        case hostnameMatches = "hostname_matches", matchedName = "matched_name"
    }
}

/// The version of smtp-probe.
public enum SMTPProbeVersion {
    public static let current = "0.1.0"
}
