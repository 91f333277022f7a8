/// The open-relay check of an outbound gateway (`smtp-probe gateway`): a gateway must accept
/// and relay mail only from Google Workspace's mail servers (seed 001). smtp-probe connects
/// from an address that is not Google's, so whatever the gateway lets it do, it lets anyone do.
/// The facts are the replies to the one ``RelayTestPlan`` exchange (MAIL FROM, one RCPT TO,
/// RSET); the check means something only when run from outside Google's ranges, which every
/// text says.
enum GatewayProblem: CheckProblem {
    /// The gateway accepted `RCPT TO` a domain it cannot be responsible for from this client:
    /// an open relay.
    case openRelay(rcptTo: String, reply: SMTPReply)
    /// It refused to relay to that domain: the answer a gateway should give.
    case relayRefused(rcptTo: String, reply: SMTPReply)
    /// It greeted this client and accepted its `MAIL FROM`: it does not limit who may connect
    /// to Google's addresses (not a fault by itself, if it refuses to relay).
    case acceptsNonGoogle(mailFrom: String, reply: SMTPReply)
    /// It refused this client at the greeting or at `MAIL FROM`: it limits who may send.
    case rejectsNonGoogle(reply: SMTPReply, phase: SMTPPhase)
    /// The conversation never reached `RCPT TO` (no connection, no TLS, EHLO refused...): the
    /// other findings say why; relaying was not tested.
    case relayNotTested

    static let codes: [FindingCode] = [
        .gatewayOpenRelay, .gatewayRelayRefused, .gatewayAcceptsNonGoogle, .gatewayRejectsNonGoogle,
        .gatewayRelayNotTested,
    ]

    var code: FindingCode {
        switch self {
        case .openRelay: .gatewayOpenRelay
        case .relayRefused: .gatewayRelayRefused
        case .acceptsNonGoogle: .gatewayAcceptsNonGoogle
        case .rejectsNonGoogle: .gatewayRejectsNonGoogle
        case .relayNotTested: .gatewayRelayNotTested
        }
    }

    var severity: Severity {
        switch self {
        case .openRelay: .fail
        case .relayRefused, .acceptsNonGoogle, .rejectsNonGoogle, .relayNotTested: .info
        }
    }

    var remedies: [GatewayRemedy] {
        switch self {
        case .openRelay: [.acceptOnlyGoogle, .askGatewaySupport]
        case .relayRefused, .rejectsNonGoogle: []
        case .acceptsNonGoogle: [.acceptOnlyGoogle]
        case .relayNotTested: [.fixConnectionFirst]
        }
    }

    /// The open-relay test's verdict on what the gateway answered (`exchange`), after a
    /// conversation that began with `greeting` (nil: it never got that far).
    static func judge(greeting: SMTPReply?, exchange: RelayTestExchange?) -> [GatewayProblem] {
        guard let greeting else { return [.relayNotTested] }
        guard greeting.code == 220 else { return [.rejectsNonGoogle(reply: greeting, phase: .greeting)] }
        guard let exchange, let mail = exchange.mailReply else { return [.relayNotTested] }
        guard mail.isPositive else { return [.rejectsNonGoogle(reply: mail, phase: .mailFrom)] }
        let accepted = GatewayProblem.acceptsNonGoogle(mailFrom: exchange.mailFrom, reply: mail)
        guard let rcpt = exchange.rcptReply else { return [accepted, .relayNotTested] }
        return [rcpt.isPositive ? .openRelay(rcptTo: exchange.rcptTo, reply: rcpt)
                                : .relayRefused(rcptTo: exchange.rcptTo, reply: rcpt), accepted]
    }
}

/// The remedies of the gateway checks.
enum GatewayRemedy: CheckRemedy {
    case acceptOnlyGoogle
    case askGatewaySupport
    case fixConnectionFirst

    var kind: String {
        switch self {
        case .acceptOnlyGoogle: "accept_only_google_ranges"
        case .askGatewaySupport: "ask_gateway_support"
        case .fixConnectionFirst: "fix_connection_first"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.acceptOnlyGoogle, .en):
            "Configure the gateway to accept and relay mail only from Google Workspace's mail servers. Google publishes their address ranges in the SPF record of _spf.google.com: look it up (dig +short TXT _spf.google.com), then follow each include: it names (dig +short TXT for each) and allow every ip4: and ip6: range found; look them up again from time to time, as the ranges change."
        case (.acceptOnlyGoogle, .ja):
            "ゲートウェイが Google Workspace のメールサーバーからのメールだけを受け付けて転送するよう設定してください。Google はそのアドレス範囲を _spf.google.com の SPF レコードで公開しています。これを調べ (dig +short TXT _spf.google.com)、記載された include: をそれぞれたどって (それぞれ dig +short TXT)、見つかった ip4: と ip6: の範囲をすべて許可してください。範囲は変わるので、ときどき調べ直してください。"
        case (.askGatewaySupport, .en):
            "If the gateway is a third-party service, send this report to its support team and ask them to restrict relaying to Google Workspace's mail servers."
        case (.askGatewaySupport, .ja):
            "ゲートウェイがサードパーティのサービスの場合は、このレポートをそのサポートチームに送り、転送を Google Workspace のメールサーバーからに限るよう依頼してください。"
        case (.fixConnectionFirst, .en):
            "Fix what the other findings report, then run smtp-probe gateway again: relaying is tested only after TLS and EHLO succeed."
        case (.fixConnectionFirst, .ja):
            "ほかの検出結果の問題を解決してから、もう一度 smtp-probe gateway を実行してください。転送のテストは TLS と EHLO が成功してから行います。"
        }
    }
}

extension FindingCode {
    /// The gateway relayed for a client that is not Google: an open relay.
    public static let gatewayOpenRelay = FindingCode("gateway.open_relay")
    /// The gateway refused to relay for this client.
    public static let gatewayRelayRefused = FindingCode("gateway.relay_refused")
    /// The gateway accepted this non-Google client's connection and MAIL FROM.
    public static let gatewayAcceptsNonGoogle = FindingCode("gateway.accepts_non_google")
    /// The gateway refused this non-Google client at the greeting or at MAIL FROM.
    public static let gatewayRejectsNonGoogle = FindingCode("gateway.rejects_non_google")
    /// Relaying could not be tested: the conversation ended before RCPT TO.
    public static let gatewayRelayNotTested = FindingCode("gateway.relay_not_tested")
}
