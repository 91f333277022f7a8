/// The TLS-RPT checks (RFC 8460): whether senders can report TLS failures to a domain that
/// asks for TLS (MTA-STS or DANE). Judges ``TLSRPTLookup``.
enum TLSRPTProblem: CheckProblem {
    /// No record while MTA-STS or DANE is published: failures of TLS go unreported.
    case missing(domain: String)
    case invalid(domain: String, reason: TLSRPTInvalidReason)
    case lookupFailed(name: String, reason: DNSFailureReason)

    static let codes: [FindingCode] = [.tlsRptMissing, .tlsRptInvalid, .tlsRptLookupFailed]

    /// The problems of `lookup`; `requiresTLS` when the domain publishes MTA-STS or DANE,
    /// without which a missing record is no problem.
    static func problems(of lookup: TLSRPTLookup, domain: String, requiresTLS: Bool) -> [TLSRPTProblem] {
        switch lookup {
        case .record: []
        case .none: requiresTLS ? [.missing(domain: domain)] : []
        case .invalid(let reason): [.invalid(domain: domain, reason: reason)]
        case .failed(let reason): [.lookupFailed(name: "_smtp._tls." + domain, reason: reason)]
        }
    }

    var code: FindingCode {
        switch self {
        case .missing: .tlsRptMissing
        case .invalid: .tlsRptInvalid
        case .lookupFailed: .tlsRptLookupFailed
        }
    }

    /// Reports only: mail is delivered either way.
    var severity: Severity { .warn }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.missing(let domain), .ja): "\(domain) は MTA-STS または DANE を公開していますが、TLS-RPT レコード (_smtp._tls.\(domain)) がありません"
        case (.missing(let domain), _): "\(domain) publishes MTA-STS or DANE but no TLS-RPT record (_smtp._tls.\(domain))"
        case (.invalid(let domain, _), .ja): "\(domain) の TLS-RPT レコードは使えません"
        case (.invalid(let domain, _), _): "The TLS-RPT record of \(domain) cannot be used"
        case (.lookupFailed(let name, _), .ja): "\(name) の DNS 検索が失敗しました"
        case (.lookupFailed(let name, _), _): "The DNS lookup of \(name) failed"
        }
    }

    func detail(_ language: Language) -> String? {
        let ja = language == .ja
        switch self {
        case .missing:
            return ja ? "送信側が TLS の失敗 (証明書の不一致、ポリシー違反) で配信できなかったとき、その報告先がありません (RFC 8460)。"
                : "When senders cannot deliver because TLS fails (a certificate mismatch, a policy violation), they have nowhere to report it (RFC 8460)."
        case .invalid(_, let reason):
            let what: String = switch reason {
            case .notATag(let part): ja ? "「\(part)」は tag=value の形ではありません" : "\"\(part)\" is not tag=value"
            case .noRua: ja ? "rua= (報告先) がありません" : "there is no rua= (where to report)"
            case .repeatedRua: ja ? "rua= が 2 回あります" : "rua= appears twice"
            case .badURI(let uri): ja ? "「\(uri)」は mailto: のアドレスでも https:// の URL でもありません" : "\"\(uri)\" is neither a mailto: address nor an https:// URL"
            case .several(let count): ja ? "「v=TLSRPTv1」で始まるレコードが \(count) 件あり、送信側はどれも使いません" : "\(count) records start \"v=TLSRPTv1\"; senders then use none"
            }
            return ja ? "\(what) (RFC 8460 3 節)。" : "\(what.prefix(1).uppercased() + what.dropFirst()) (RFC 8460 §3)."
        case .lookupFailed(_, let reason):
            return ja ? "リゾルバの応答: \(MailPolicyWords.failure(.ja, reason))。" : "The resolver said: \(MailPolicyWords.failure(.en, reason))."
        }
    }

    var remedies: [TLSRPTRemedy] {
        switch self {
        case .missing(let domain), .invalid(let domain, _): [.publish(domain: domain)]
        case .lookupFailed(let name, _): [.checkNameServers(name: name)]
        }
    }
}

/// The remedies of the TLS-RPT checks.
enum TLSRPTRemedy: CheckRemedy {
    case publish(domain: String)
    case checkNameServers(name: String)

    var kind: String {
        switch self {
        case .publish: "publish_tls_rpt"
        case .checkNameServers: "check_name_servers"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.publish(let domain), .ja):
            "次の 1 件だけを公開してください: " + MailPolicyWords.zoneLine(name: "_smtp._tls." + domain, record: "v=TLSRPTv1; rua=mailto:tls-reports@\(domain)")
        case (.publish(let domain), _):
            "Publish this as the only TLS-RPT record: " + MailPolicyWords.zoneLine(name: "_smtp._tls." + domain, record: "v=TLSRPTv1; rua=mailto:tls-reports@\(domain)")
        case (.checkNameServers(let name), .ja): "\(name) のネームサーバーが応答することを確認してください。"
        case (.checkNameServers(let name), _): "Check that the name servers of \(name) answer."
        }
    }
}

extension FindingCode {
    public static let tlsRptMissing = FindingCode("tls_rpt.missing")
    public static let tlsRptInvalid = FindingCode("tls_rpt.invalid")
    public static let tlsRptLookupFailed = FindingCode("tls_rpt.lookup_failed")
}
