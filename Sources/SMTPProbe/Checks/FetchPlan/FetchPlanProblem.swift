/// The offline checks of the mailboxes Gmail fetches instead of having mail forwarded (seed
/// 004): POP3 over SSL, SMTP over TLS, forwarding turned off, the copy left behind, and a
/// provider that admits only some addresses. Words in FetchPlanProblem+Words.swift.
enum FetchPlanProblem: CheckProblem {
    case pop3NotSSL(mailbox: String)
    case smtpNotTLS(mailbox: String)
    case forwardingStillOn(mailbox: String)
    case leaveCopy(mailbox: String)
    case providerRestrictsIP(mailbox: String)

    static let codes: [FindingCode] = [.fetchPOP3NotSSL, .fetchSMTPNotTLS, .fetchForwardingStillOn, .fetchLeaveCopy,
                                       .fetchProviderRestrictsIP]

    var code: FindingCode {
        switch self {
        case .pop3NotSSL: .fetchPOP3NotSSL
        case .smtpNotTLS: .fetchSMTPNotTLS
        case .forwardingStillOn: .fetchForwardingStillOn
        case .leaveCopy: .fetchLeaveCopy
        case .providerRestrictsIP: .fetchProviderRestrictsIP
        }
    }

    var severity: Severity {
        if case .leaveCopy = self { return .warn }
        return .fail
    }

    var mailbox: String {
        switch self {
        case .pop3NotSSL(let mailbox), .smtpNotTLS(let mailbox), .forwardingStillOn(let mailbox), .leaveCopy(let mailbox),
             .providerRestrictsIP(let mailbox): mailbox
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [FetchPlanRemedy] {
        switch self {
        case .pop3NotSSL: [.useSSL]
        case .smtpNotTLS: [.useTLS]
        case .forwardingStillOn: [.stopForwarding(mailbox: mailbox)]
        case .leaveCopy: [.deleteCopy]
        case .providerRestrictsIP: [.askProvider]
        }
    }
}

/// The remedies of the fetch plan checks.
enum FetchPlanRemedy: CheckRemedy {
    case useSSL
    case useTLS
    case stopForwarding(mailbox: String)
    case deleteCopy
    case askProvider

    var kind: String {
        switch self {
        case .useSSL: "use_pop3_ssl"
        case .useTLS: "use_smtp_tls"
        case .stopForwarding: "stop_forwarding"
        case .deleteCopy: "do_not_leave_copy"
        case .askProvider: "ask_provider_to_allow_google"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText, ja: jaText)
    }
}

/// Judges each fetched mailbox of a plan, one ``PlanJudgement`` per check.
enum FetchPlanCheck {
    static func judge(_ fetch: PlanFetch, language: Language) -> [PlanJudgement] {
        let box = fetch.address.echoedInError
        var judgements = [
            PlanJudgement(.fetchPOP3NotSSL, line: fetch.pop3SSL.line, problem: fetch.pop3SSL.value ? nil : FetchPlanProblem.pop3NotSSL(mailbox: box),
                          passed: language.pick(en: "\(box): fetched over POP3 with SSL", ja: "\(box): SSL を使った POP3 で取得します")),
        ]
        if fetch.smtp != nil {
            judgements.append(PlanJudgement(.fetchSMTPNotTLS, line: fetch.smtpTLS.line,
                                            problem: fetch.smtpTLS.value ? nil : FetchPlanProblem.smtpNotTLS(mailbox: box),
                                            passed: language.pick(en: "\(box): sent as over SMTP with TLS", ja: "\(box): TLS を使った SMTP で送信します")))
        }
        judgements += [
            PlanJudgement(.fetchForwardingStillOn, line: fetch.forwardingStillOn.line,
                          problem: fetch.forwardingStillOn.value ? FetchPlanProblem.forwardingStillOn(mailbox: box) : nil,
                          passed: language.pick(en: "\(box): forwarding to Gmail is off", ja: "\(box): Gmail への転送はオフです")),
            PlanJudgement(.fetchLeaveCopy, line: fetch.leaveCopyOnServer.line,
                          problem: fetch.leaveCopyOnServer.value ? FetchPlanProblem.leaveCopy(mailbox: box) : nil,
                          passed: language.pick(en: "\(box): fetched mail is removed from the server", ja: "\(box): 取得したメールはサーバーから削除されます")),
            PlanJudgement(.fetchProviderRestrictsIP, line: fetch.providerRestrictsIP.line,
                          problem: fetch.providerRestrictsIP.value ? FetchPlanProblem.providerRestrictsIP(mailbox: box) : nil,
                          passed: language.pick(en: "\(box): the provider admits connections from any address",
                                                ja: "\(box): プロバイダは接続元の IP アドレスを制限していません")),
        ]
        return judgements
    }
}

extension FindingCode {
    public static let fetchPOP3NotSSL = FindingCode("fetch.pop3_not_ssl")
    public static let fetchSMTPNotTLS = FindingCode("fetch.smtp_not_tls")
    public static let fetchForwardingStillOn = FindingCode("fetch.forwarding_still_on")
    public static let fetchLeaveCopy = FindingCode("fetch.leave_copy")
    public static let fetchProviderRestrictsIP = FindingCode("fetch.provider_restricts_ip")
}
