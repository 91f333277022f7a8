/// The DMARC checks (RFC 7489): whether a domain publishes one readable policy that asks
/// receivers to act, and whether its reports can be sent where it asks. Judges the facts of
/// MailPolicy/ (``DMARCEvaluation``) in ``DMARCCheck``. A failed lookup is `dmarc.lookup_failed`
/// for the reason `spf.lookup_failed` is SPF's own (see SPFProblem).
enum DMARCProblem: CheckProblem {
    case missing(domain: String)
    case multipleRecords(domain: String, records: [String])
    case syntaxError(domain: String, tag: String, reason: DMARCSyntaxReason)
    /// `p=none`: receivers only report, and act on nothing.
    case policyNone(domain: String, record: String)
    /// No `p=` tag, but a valid `rua`: receivers apply the record as `p=none` (§6.6.3), those
    /// that read §6.3's "required" strictly ignore it.
    case policyMissing(domain: String, record: String)
    /// A report domain outside the domain without its `_report._dmarc` record (§7.1).
    case ruaNotAuthorized(domain: String, reportDomain: String, name: String)
    case lookupFailed(name: String, reason: DNSFailureReason)

    static let codes: [FindingCode] = [
        .dmarcMissing, .dmarcMultipleRecords, .dmarcSyntaxError, .dmarcPolicyNone, .dmarcRuaNotAuthorized, .dmarcLookupFailed,
        .dmarcPolicyMissing,
    ]

    var code: FindingCode {
        switch self {
        case .missing: .dmarcMissing
        case .multipleRecords: .dmarcMultipleRecords
        case .syntaxError: .dmarcSyntaxError
        case .policyNone: .dmarcPolicyNone
        case .policyMissing: .dmarcPolicyMissing
        case .ruaNotAuthorized: .dmarcRuaNotAuthorized
        case .lookupFailed: .dmarcLookupFailed
        }
    }

    var severity: Severity {
        switch self {
        // Without `p=` the record is at worst ignored, as if it were missing.
        case .missing, .policyNone, .ruaNotAuthorized, .policyMissing: .warn
        case .multipleRecords, .syntaxError, .lookupFailed: .fail
        }
    }

    func message(_ language: Language) -> String { language == .ja ? jaMessage : enMessage }
    func detail(_ language: Language) -> String? { language == .ja ? jaDetail : enDetail }

    var remedies: [DMARCRemedy] {
        switch self {
        case .missing(let domain):
            [.publish(domain: domain, record: "v=DMARC1; p=none; rua=mailto:dmarc-reports@\(domain)")]
        case .multipleRecords(let domain, let records):
            [.publish(domain: domain, record: records.first ?? "v=DMARC1; p=none")]
        case .syntaxError(let domain, let tag, _): [.fixTag(domain: domain, tag: tag)]
        case .policyNone(let domain, let record):
            [.publish(domain: domain, record: DMARCRewrite.replacingPolicy(in: record, with: "quarantine"))]
        case .policyMissing(let domain, let record):
            [.publish(domain: domain, record: DMARCRewrite.replacingPolicy(in: record, with: "none"))]
        case .ruaNotAuthorized(_, _, let name): [.authorise(name: name)]
        case .lookupFailed(let name, _): [.checkNameServers(name: name)]
        }
    }
}

/// The remedies of the DMARC checks, with the zone-file line to publish where there is one.
enum DMARCRemedy: CheckRemedy {
    case publish(domain: String, record: String)
    case fixTag(domain: String, tag: String)
    case authorise(name: String)
    case checkNameServers(name: String)

    var kind: String {
        switch self {
        case .publish: "publish_dmarc"
        case .fixTag: "fix_dmarc_tag"
        case .authorise: "authorize_dmarc_reports"
        case .checkNameServers: "check_name_servers"
        }
    }

    func text(_ language: Language, routeHost: String) -> String { language == .ja ? jaText : enText }

    /// The zone-file line for `record` at `name`.
    static func zoneLine(_ name: String, _ record: String) -> String { MailPolicyWords.zoneLine(name: name, record: record) }
}

/// DMARC records as a remedy proposes them.
enum DMARCRewrite {
    /// `record` with its `p=` tag set to `policy`; without one, `p=` is put right after
    /// `v=DMARC1`, where RFC 7489 §6.3 wants it.
    static func replacingPolicy(in record: String, with policy: String) -> String {
        var parts = record.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        if let index = parts.firstIndex(where: { $0.trimmingWhitespace().lowercased().hasPrefix("p=") }) {
            parts[index] = " p=\(policy)"
        } else {
            parts.insert(" p=\(policy)", at: min(1, parts.count))
        }
        return parts.joined(separator: ";")
    }
}

/// Judges a ``DMARCEvaluation``.
enum DMARCCheck {
    static func problems(of evaluation: DMARCEvaluation) -> [DMARCProblem] {
        let domain = evaluation.domain
        var found: [DMARCProblem]
        switch evaluation.outcome {
        case .none: found = [.missing(domain: domain)]
        case .multiple(let records): found = [.multipleRecords(domain: domain, records: records)]
        case .invalid(_, let error): found = [.syntaxError(domain: domain, tag: error.tag, reason: error.reason)]
        case .failed(let reason): found = [.lookupFailed(name: "_dmarc." + domain, reason: reason)]
        case .record(let record):
            found = record.policyImplied ? [.policyMissing(domain: domain, record: record.text)] : []
            if record.policy == .none { found.append(.policyNone(domain: domain, record: record.text)) }
        }
        for authorisation in evaluation.authorisations {
            switch authorisation.state {
            case .authorised: break
            case .notAuthorised:
                found.append(.ruaNotAuthorized(domain: domain, reportDomain: authorisation.reportDomain, name: authorisation.name))
            case .failed(let reason): found.append(.lookupFailed(name: authorisation.name, reason: reason))
            }
        }
        return found
    }
}

extension FindingCode {
    public static let dmarcMissing = FindingCode("dmarc.missing")
    public static let dmarcMultipleRecords = FindingCode("dmarc.multiple_records")
    public static let dmarcSyntaxError = FindingCode("dmarc.syntax_error")
    public static let dmarcPolicyNone = FindingCode("dmarc.policy_none")
    public static let dmarcRuaNotAuthorized = FindingCode("dmarc.rua_not_authorized")
    public static let dmarcLookupFailed = FindingCode("dmarc.lookup_failed")
    /// No `p=` tag, applied as `p=none` because the `rua` is valid (RFC 7489 §6.6.3).
    public static let dmarcPolicyMissing = FindingCode("dmarc.policy_missing")
}
