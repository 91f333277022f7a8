/// The SPF checks (RFC 7208): whether a domain's SPF record lets receivers judge its mail, and
/// whether it lets the senders it should. Judges the facts of MailPolicy/ (``SPFEvaluation``)
/// in ``SPFCheck``.
///
/// A lookup that fails is `spf.lookup_failed`, not the DNS family's `dns.temporary_failure`:
/// the name that failed is often a provider's included domain, not one the route or the admin
/// named, and what it costs is SPF's own (a temperror at receivers for every message), so its
/// words and remedy are SPF's.
enum SPFProblem: CheckProblem {
    /// No SPF record: at `domain` itself (`includedBy` nil), or at a domain its policy includes
    /// or redirects to, which is then a permerror (§5.2, §6.1). `google`: mail is sent through
    /// Google, so the record to publish includes it.
    case missing(domain: String, includedBy: String?, google: Bool)
    /// More than one record starts `v=spf1`: a permerror (§4.5).
    case multipleRecords(domain: String, records: [String])
    /// A term no receiver can read: the whole record is a permerror (§4.6).
    case syntaxError(domain: String, term: String, reason: SPFSyntaxReason)
    /// More than 10 DNS-querying terms across the tree (§4.6.4): a permerror. `spends` lists
    /// each record that spends lookups, by the chain of includes leading to it; `loop` the
    /// chain that comes back to a domain already on it, which receivers follow to the limit.
    case tooManyLookups(domain: String, count: Int, spends: [SPFSpend], loop: [String]?, lowerBound: Bool)
    /// More than 2 lookups answered nothing (§4.6.4): a permerror.
    case tooManyVoidLookups(domain: String, names: [String])
    /// `+all` (anyone may send: a failure) or, as the record's final word, `?all` (a warning).
    case permissiveAll(domain: String, record: SPFRecord, term: String)
    /// `ptr`: slow, unreliable, and not to be used (§5.5).
    case ptrMechanism(domain: String, term: String)
    /// Mail goes out through Google but the policy nowhere includes `_spf.google.com`.
    case noGoogleInclude(domain: String, record: SPFRecord)
    /// A lookup the policy needs got no answer: receivers return temperror for now.
    case lookupFailed(name: String, reason: DNSFailureReason)

    static let codes: [FindingCode] = [
        .spfMissing, .spfMultipleRecords, .spfSyntaxError, .spfTooManyLookups, .spfTooManyVoidLookups,
        .spfPermissiveAll, .spfPTRMechanism, .spfNoGoogleInclude, .spfLookupFailed,
    ]

    var code: FindingCode {
        switch self {
        case .missing: .spfMissing
        case .multipleRecords: .spfMultipleRecords
        case .syntaxError: .spfSyntaxError
        case .tooManyLookups: .spfTooManyLookups
        case .tooManyVoidLookups: .spfTooManyVoidLookups
        case .permissiveAll: .spfPermissiveAll
        case .ptrMechanism: .spfPTRMechanism
        case .noGoogleInclude: .spfNoGoogleInclude
        case .lookupFailed: .spfLookupFailed
        }
    }

    var severity: Severity {
        switch self {
        case .ptrMechanism: .warn
        case .permissiveAll(_, _, let term): term.hasPrefix("?") ? .warn : .fail
        default: .fail
        }
    }

    func message(_ language: Language) -> String { language == .ja ? jaMessage : enMessage }
    func detail(_ language: Language) -> String? { language == .ja ? jaDetail : enDetail }

    var remedies: [SPFRemedy] {
        switch self {
        case .missing(let domain, nil, let google):
            [.publish(domain: domain, record: google ? "v=spf1 mx include:_spf.google.com ~all" : "v=spf1 mx ~all")]
        case .missing(let domain, let includer?, _): [.fixInclude(domain: domain, includedBy: includer)]
        case .multipleRecords(let domain, let records): [.merge(domain: domain, record: SPFRewrite.merged(records))]
        case .syntaxError(let domain, let term, _): [.fixTerm(domain: domain, term: term)]
        case .tooManyLookups(let domain, _, _, let loop?, _) where !loop.isEmpty:
            [.breakLoop(domain: loop[loop.count - 2], target: loop[loop.count - 1]), .reduceLookups(domain: domain)]
        case .tooManyLookups(let domain, _, _, _, _): [.reduceLookups(domain: domain)]
        case .tooManyVoidLookups(let domain, let names): [.removeVoidTerms(domain: domain, names: names)]
        case .permissiveAll(let domain, let record, _):
            [.publish(domain: domain, record: SPFRewrite.replacingAll(in: record, with: "~all"))]
        case .ptrMechanism(let domain, let term): [.replacePTR(domain: domain, term: term)]
        case .noGoogleInclude(let domain, let record):
            [.publish(domain: domain, record: SPFRewrite.addingInclude("_spf.google.com", to: record))]
        case .lookupFailed(let name, _): [.checkNameServers(name: name)]
        }
    }
}

/// A record of the tree that spends DNS lookups: the chain of domains from the one checked to
/// it, and how many of its own terms query DNS.
struct SPFSpend: Hashable, Sendable {
    var path: [String]
    var lookups: Int
}

/// The remedies of the SPF checks: what to publish, as a zone-file line where there is one.
enum SPFRemedy: CheckRemedy {
    /// Publish this record (a corrected or new one) as the domain's only SPF record.
    case publish(domain: String, record: String)
    case merge(domain: String, record: String)
    case fixInclude(domain: String, includedBy: String)
    case fixTerm(domain: String, term: String)
    case breakLoop(domain: String, target: String)
    case reduceLookups(domain: String)
    case removeVoidTerms(domain: String, names: [String])
    case replacePTR(domain: String, term: String)
    case checkNameServers(name: String)

    var kind: String {
        switch self {
        case .publish: "publish_spf"
        case .merge: "merge_spf_records"
        case .fixInclude: "fix_spf_include"
        case .fixTerm: "fix_spf_term"
        case .breakLoop: "break_spf_loop"
        case .reduceLookups: "reduce_spf_lookups"
        case .removeVoidTerms: "remove_void_spf_terms"
        case .replacePTR: "replace_spf_ptr"
        case .checkNameServers: "check_name_servers"
        }
    }

    func text(_ language: Language, routeHost: String) -> String { language == .ja ? jaText : enText }
}

extension FindingCode {
    public static let spfMissing = FindingCode("spf.missing")
    public static let spfMultipleRecords = FindingCode("spf.multiple_records")
    public static let spfSyntaxError = FindingCode("spf.syntax_error")
    public static let spfTooManyLookups = FindingCode("spf.too_many_lookups")
    public static let spfTooManyVoidLookups = FindingCode("spf.too_many_void_lookups")
    public static let spfPermissiveAll = FindingCode("spf.permissive_all")
    public static let spfPTRMechanism = FindingCode("spf.ptr_mechanism")
    public static let spfNoGoogleInclude = FindingCode("spf.no_google_include")
    public static let spfLookupFailed = FindingCode("spf.lookup_failed")
}
