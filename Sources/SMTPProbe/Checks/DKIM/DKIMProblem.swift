/// The DKIM checks (RFC 6376, RFC 8301): whether a selector publishes a usable key. Judges the
/// facts of MailPolicy/ (``DKIMEvaluation``). Google Workspace's default selector is `google`.
enum DKIMProblem: CheckProblem {
    case missing(domain: String, selector: String)
    case syntaxError(domain: String, selector: String, tag: String, reason: DKIMSyntaxReason)
    /// `p=` empty: the selector's key is withdrawn; signatures with it fail.
    case revoked(domain: String, selector: String)
    /// An RSA key under 2048 bits (a warning) or under 1024 (a failure: RFC 8301 §3.2 says
    /// verifiers must not accept it).
    case weakKey(domain: String, selector: String, bits: Int)
    case lookupFailed(name: String, reason: DNSFailureReason)

    /// Google Workspace's default DKIM selector.
    static let googleSelector = "google"

    static let codes: [FindingCode] = [.dkimMissing, .dkimSyntaxError, .dkimRevoked, .dkimWeakKey, .dkimLookupFailed]

    /// The problems of one selector's lookup.
    static func problems(of evaluation: DKIMEvaluation) -> [DKIMProblem] {
        let (domain, selector) = (evaluation.domain, evaluation.selector)
        switch evaluation.outcome {
        case .none: return [.missing(domain: domain, selector: selector)]
        case .invalid(_, let error): return [.syntaxError(domain: domain, selector: selector, tag: error.tag, reason: error.reason)]
        case .failed(let reason): return [.lookupFailed(name: evaluation.name, reason: reason)]
        case .record(let record):
            switch record.key {
            case .revoked: return [.revoked(domain: domain, selector: selector)]
            case .rsa(let bits) where bits < 2048: return [.weakKey(domain: domain, selector: selector, bits: bits)]
            case .rsa, .ed25519: return []
            }
        }
    }

    var code: FindingCode {
        switch self {
        case .missing: .dkimMissing
        case .syntaxError: .dkimSyntaxError
        case .revoked: .dkimRevoked
        case .weakKey: .dkimWeakKey
        case .lookupFailed: .dkimLookupFailed
        }
    }

    var severity: Severity {
        switch self {
        case .missing: .warn
        case .weakKey(_, _, let bits): bits < 1024 ? .fail : .warn
        case .syntaxError, .revoked, .lookupFailed: .fail
        }
    }

    func message(_ language: Language) -> String { language == .ja ? jaMessage : enMessage }
    func detail(_ language: Language) -> String? { language == .ja ? jaDetail : enDetail }

    var remedies: [DKIMRemedy] {
        switch self {
        case .missing(let domain, let selector), .revoked(let domain, let selector), .syntaxError(let domain, let selector, _, _):
            [.publishKey(domain: domain, selector: selector)]
        case .weakKey(let domain, let selector, _): [.rotateKey(domain: domain, selector: selector)]
        case .lookupFailed(let name, _): [.checkNameServers(name: name)]
        }
    }
}

/// The remedies of the DKIM checks.
enum DKIMRemedy: CheckRemedy {
    case publishKey(domain: String, selector: String)
    case rotateKey(domain: String, selector: String)
    case checkNameServers(name: String)

    var kind: String {
        switch self {
        case .publishKey: "publish_dkim_key"
        case .rotateKey: "rotate_dkim_key"
        case .checkNameServers: "check_name_servers"
        }
    }

    func text(_ language: Language, routeHost: String) -> String { language == .ja ? jaText : enText }
}

extension FindingCode {
    public static let dkimMissing = FindingCode("dkim.missing")
    public static let dkimSyntaxError = FindingCode("dkim.syntax_error")
    public static let dkimRevoked = FindingCode("dkim.revoked")
    public static let dkimWeakKey = FindingCode("dkim.weak_key")
    public static let dkimLookupFailed = FindingCode("dkim.lookup_failed")
}
