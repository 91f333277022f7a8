/// The MTA-STS checks (RFC 8461): whether a mail domain's `_mta-sts` record and policy can be
/// used by senders, and whether the policy lets them deliver to every MX host. Judges the
/// facts of MTASTS/ (``MTASTSRecordSelection``, ``MTASTSPolicyFetch``, ``MTASTSPolicy``).
///
/// Severities follow what senders then do: a record or policy they cannot use costs the
/// domain its protection but not its mail (a warning); an MX host an `enforce` policy leaves
/// out gets no mail from MTA-STS senders (a failure).
enum MTASTSProblem: CheckProblem {
    /// No usable `_mta-sts` record: none begins `v=STSv1`, several do, or the one that does
    /// is malformed. `suggestedID` is the id a new record could carry.
    case recordInvalid(domain: String, reason: RecordReason, suggestedID: String)
    /// The policy could not be fetched by RFC 8461's rules.
    case policyUnreachable(domain: String, url: String, reason: MTASTSPolicyFetch.Failure)
    /// The policy was fetched but cannot be used; `suggested` is a policy that could.
    case policyInvalid(domain: String, faults: [MTASTSPolicy.Fault], suggested: SuggestedPolicy)
    /// No `mx:` pattern matches this MX host.
    case mxNotCovered(domain: String, mxHost: String, patterns: [String], mode: MTASTSPolicy.Mode, suggested: SuggestedPolicy)
    /// The policy is in testing mode: failures are reported, not enforced.
    case testingMode(domain: String, suggested: SuggestedPolicy)
    /// An MX host the policy covers whose certificate failed the probe (`codes`: its `cert.*`
    /// failures): senders applying the policy refuse it, whatever a route's options would accept.
    case mxCertificateInvalid(domain: String, mxHost: String, codes: [String], mode: MTASTSPolicy.Mode)
    /// The `_mta-sts` TXT lookup got no usable answer (SERVFAIL, a timeout, a bogus answer):
    /// whether the domain publishes MTA-STS is unknown, so nothing else could be checked.
    case lookupFailed(name: String, reason: DNSFailureReason)

    /// Why no `_mta-sts` record can be used; the texts as found, shown escaped.
    enum RecordReason: Hashable, Sendable {
        case noneClaimsVersion(texts: [String])
        case several(texts: [String])
        case invalid(text: String, MTASTSRecord.Fault)
    }

    static let codes: [FindingCode] = [.mtaSTSRecordInvalid, .mtaSTSPolicyUnreachable, .mtaSTSPolicyInvalid,
                                       .mtaSTSMXNotCovered, .mtaSTSTestingMode, .mtaSTSMXCertificateInvalid,
                                       .mtaSTSLookupFailed]

    var code: FindingCode {
        switch self {
        case .recordInvalid: .mtaSTSRecordInvalid
        case .policyUnreachable: .mtaSTSPolicyUnreachable
        case .policyInvalid: .mtaSTSPolicyInvalid
        case .mxNotCovered: .mtaSTSMXNotCovered
        case .testingMode: .mtaSTSTestingMode
        case .mxCertificateInvalid: .mtaSTSMXCertificateInvalid
        case .lookupFailed: .mtaSTSLookupFailed
        }
    }

    var severity: Severity {
        switch self {
        // A lookup that fails costs, at worst, what a record senders cannot use costs.
        case .recordInvalid, .policyUnreachable, .policyInvalid, .lookupFailed: .warn
        case .mxNotCovered(_, _, _, let mode, _), .mxCertificateInvalid(_, _, _, let mode): mode == .enforce ? .fail : .warn
        case .testingMode: .info
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [MTASTSRemedy] {
        switch self {
        case .recordInvalid(let domain, .several, let id):
            [.keepOneRecord(domain: domain, id: id)]
        case .recordInvalid(let domain, _, let id):
            [.publishRecord(domain: domain, id: id), .removeRecord(domain: domain)]
        case .policyUnreachable(let domain, _, let reason):
            Self.remedies(forUnreachable: reason, domain: domain) + [.removeRecord(domain: domain)]
        case .policyInvalid(let domain, _, let suggested):
            [.publishPolicy(domain: domain, suggested)]
        case .mxNotCovered(let domain, let mxHost, _, _, let suggested):
            [.addMXPattern(domain: domain, mxHost: mxHost, suggested)]
        case .testingMode(let domain, let suggested):
            [.switchToEnforce(domain: domain, suggested)]
        case .mxCertificateInvalid(_, let mxHost, _, _):
            [.installMXCertificate(mxHost: mxHost)]
        case .lookupFailed(let name, _):
            [.checkNameServers(name: name)]
        }
    }

    private static func remedies(forUnreachable reason: MTASTSPolicyFetch.Failure, domain: String) -> [MTASTSRemedy] {
        switch reason {
        case .https(.dns):
            [.publishPolicyHost(domain: domain)]
        case .https(.noCertificate), .https(.certificateNotTrusted), .https(.certificateChainTooLong),
             .https(.certificateNameMismatch), .https(.tlsHandshake):
            [.installCertificate(domain: domain)]
        case .https(.bodyTooLarge):
            [.shortenPolicy(domain: domain)]
        case .https:
            [.servePolicy(domain: domain)]
        case .redirect, .status, .contentType:
            [.servePolicy(domain: domain)]
        }
    }
}

/// A policy that would serve the domain, and the id its `_mta-sts` record then needs: the
/// material of a remedy, worked out from what the checks found.
struct SuggestedPolicy: Hashable, Sendable {
    var mode: MTASTSPolicy.Mode
    var mxPatterns: [String]
    var maxAge: Int
    /// A new id for the `_mta-sts` record, so that senders fetch the policy again.
    var id: String

    /// The policy's lines, in the order RFC 8461's examples give them.
    var lines: [String] {
        ["version: STSv1", "mode: \(mode.rawValue)"] + mxPatterns.map { "mx: \($0)" } + ["max_age: \(maxAge)"]
    }
}

/// The remedies of the MTA-STS checks.
enum MTASTSRemedy: CheckRemedy {
    case publishRecord(domain: String, id: String)
    case keepOneRecord(domain: String, id: String)
    case removeRecord(domain: String)
    case publishPolicyHost(domain: String)
    case installCertificate(domain: String)
    case servePolicy(domain: String)
    case shortenPolicy(domain: String)
    case publishPolicy(domain: String, SuggestedPolicy)
    case addMXPattern(domain: String, mxHost: String, SuggestedPolicy)
    case switchToEnforce(domain: String, SuggestedPolicy)
    case installMXCertificate(mxHost: String)
    case checkNameServers(name: String)

    var kind: String {
        switch self {
        case .publishRecord: "publish_mta_sts_record"
        case .keepOneRecord: "keep_one_mta_sts_record"
        case .removeRecord: "remove_mta_sts_record"
        case .publishPolicyHost: "publish_mta_sts_host"
        case .installCertificate: "install_mta_sts_certificate"
        case .servePolicy: "serve_mta_sts_policy"
        case .shortenPolicy: "shorten_mta_sts_policy"
        case .publishPolicy: "publish_mta_sts_policy"
        case .addMXPattern: "add_mta_sts_mx_pattern"
        case .switchToEnforce: "switch_mta_sts_to_enforce"
        case .installMXCertificate: "install_mx_certificate"
        case .checkNameServers: "check_name_servers"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText, ja: jaText)
    }

    /// The TXT record as it should read, in zone-file syntax.
    static func record(domain: String, id: String) -> String {
        "_mta-sts.\(domain). 3600 IN TXT \"v=STSv1; id=\(id);\""
    }
}

extension FindingCode {
    public static let mtaSTSRecordInvalid = FindingCode("mta_sts.record_invalid")
    public static let mtaSTSPolicyUnreachable = FindingCode("mta_sts.policy_unreachable")
    public static let mtaSTSPolicyInvalid = FindingCode("mta_sts.policy_invalid")
    public static let mtaSTSMXNotCovered = FindingCode("mta_sts.mx_not_covered")
    public static let mtaSTSTestingMode = FindingCode("mta_sts.testing_mode")
    /// An MX host the policy covers sent a certificate that fails verification.
    public static let mtaSTSMXCertificateInvalid = FindingCode("mta_sts.mx_certificate_invalid")
    /// The `_mta-sts` TXT lookup got no usable answer: never reported as "no MTA-STS".
    public static let mtaSTSLookupFailed = FindingCode("mta_sts.lookup_failed")
}
