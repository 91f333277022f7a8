/// The offline checks of a plan's outbound gateway (smart host, seeds 001 and 003): what the
/// gateway does to messages, how it is configured, and what may bypass it. Its TLS test is
/// the route family's; the words of this small family stand beside each other here.
enum GatewayPlanProblem: CheckProblem {
    /// It changes messages (a footer, rewritten headers): DKIM signatures no longer verify.
    case modifiesMessages
    /// It is set in the older "Outbound gateway" field rather than as a route.
    case legacySetting
    /// Per-user outbound gateways are allowed: mail sent through them skips the gateway.
    case perUserBypass

    static let codes: [FindingCode] = [.gatewayModifiesMessages, .gatewayLegacySetting, .gatewayPerUserBypass]

    var code: FindingCode {
        switch self {
        case .modifiesMessages: .gatewayModifiesMessages
        case .legacySetting: .gatewayLegacySetting
        case .perUserBypass: .gatewayPerUserBypass
        }
    }

    var severity: Severity {
        switch self {
        case .modifiesMessages: .fail
        case .legacySetting, .perUserBypass: .warn
        }
    }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.modifiesMessages, .en): "The outbound gateway changes messages: their DKIM signatures break"
        case (.modifiesMessages, .ja): "送信ゲートウェイがメールを変更するため、DKIM 署名が無効になります"
        case (.legacySetting, .en): "The outbound gateway is set in the older \"Outbound gateway\" field, not as a route"
        case (.legacySetting, .ja): "送信ゲートウェイがルートではなく従来の [送信ゲートウェイ] 欄で設定されています"
        case (.perUserBypass, .en): "Per-user outbound gateways are allowed: mail sent through them skips the outbound gateway"
        case (.perUserBypass, .ja): "ユーザーごとの送信ゲートウェイが許可されており、それを使ったメールは送信ゲートウェイを経由しません"
        }
    }

    func detail(_ language: Language) -> String? {
        switch (self, language) {
        case (.modifiesMessages, .en): "A DKIM signature survives only a gateway that relays the message unchanged; a compliance footer or rewritten header invalidates it, and receivers that check DMARC may reject the mail."
        case (.modifiesMessages, .ja): "DKIM 署名が有効なのは、ゲートウェイがメールを変更せずに転送する場合だけです。コンプライアンス フッターの追加やヘッダーの書き換えで署名は無効になり、DMARC を確認する受信側はメールを拒否することがあります。"
        case (.legacySetting, .en): "The older field takes only the gateway's IP address; the console recommends configuring the gateway as a route."
        case (.legacySetting, .ja): "従来の欄にはゲートウェイの IP アドレスしか入力できません。管理コンソールではルートとして設定することが推奨されています。"
        case (.perUserBypass, .en): "A user who sends as an address of another domain through that domain's SMTP server bypasses the domain's outbound gateway (archiving, filtering)."
        case (.perUserBypass, .ja): "他のドメインのアドレスでそのドメインの SMTP サーバーから送信するユーザーのメールは、ドメインの送信ゲートウェイ (アーカイブ、フィルタ) を経由しません。"
        }
    }

    var remedies: [GatewayPlanRemedy] {
        switch self {
        case .modifiesMessages: [.relayUnchanged]
        case .legacySetting: [.configureAsRoute]
        case .perUserBypass: [.disallowPerUserGateways]
        }
    }
}

/// The remedies of the gateway plan checks.
enum GatewayPlanRemedy: CheckRemedy {
    case relayUnchanged
    case configureAsRoute
    case disallowPerUserGateways

    var kind: String {
        switch self {
        case .relayUnchanged: "relay_unchanged"
        case .configureAsRoute: "configure_gateway_as_route"
        case .disallowPerUserGateways: "disallow_per_user_gateways"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.relayUnchanged, .en):
            "Configure the gateway to relay messages unchanged (no footer, no rewritten headers); ask the gateway's support team how."
        case (.relayUnchanged, .ja):
            "ゲートウェイがメールを変更せずに転送するように設定してください (フッターやヘッダーの書き換えをしない)。方法はゲートウェイのサポートチームにお問い合わせください。"
        case (.configureAsRoute, .en):
            "Add the gateway as a route in \(ConsolePlace.hosts.name(.en)), select it with \"Change route\" in a Routing setting for outbound mail, then clear \(ConsolePlace.legacyOutboundGateway.name(.en))."
        case (.configureAsRoute, .ja):
            "\(ConsolePlace.hosts.name(.ja))でゲートウェイをルートとして追加し、送信メールの [ルーティング] 設定の [ルートを変更] で選択してから、\(ConsolePlace.legacyOutboundGateway.name(.ja))を空にしてください。"
        case (.disallowPerUserGateways, .en):
            "If all outgoing mail must pass the gateway, turn off \(ConsolePlace.perUserOutboundGateway.name(.en))."
        case (.disallowPerUserGateways, .ja):
            "すべての送信メールがゲートウェイを経由する必要がある場合は、\(ConsolePlace.perUserOutboundGateway.name(.ja))をオフにしてください。"
        }
    }
}

/// Judges a plan's outbound gateway, one ``PlanJudgement`` per check.
enum GatewayPlanCheck {
    static func judge(_ gateway: PlanGateway, perUser: PlanValue<Bool>, language: Language) -> [PlanJudgement] {
        [
            PlanJudgement(.gatewayModifiesMessages, line: gateway.modifiesMessages.line,
                          problem: gateway.modifiesMessages.value ? GatewayPlanProblem.modifiesMessages : nil,
                          passed: language.pick(en: "The gateway relays messages unchanged (DKIM survives)",
                                                ja: "ゲートウェイはメールを変更せずに転送します (DKIM 署名は有効なまま)")),
            PlanJudgement(.gatewayLegacySetting, line: gateway.legacySetting.line,
                          problem: gateway.legacySetting.value ? GatewayPlanProblem.legacySetting : nil,
                          passed: language.pick(en: "The gateway is configured as a route", ja: "ゲートウェイはルートとして設定されています")),
            PlanJudgement(.gatewayPerUserBypass, line: perUser.line,
                          problem: perUser.value ? GatewayPlanProblem.perUserBypass : nil,
                          passed: language.pick(en: "Per-user outbound gateways are not allowed: all mail passes the gateway",
                                                ja: "ユーザーごとの送信ゲートウェイは許可されておらず、すべてのメールがゲートウェイを経由します")),
        ]
    }
}

extension FindingCode {
    public static let gatewayModifiesMessages = FindingCode("gateway.modifies_messages")
    public static let gatewayLegacySetting = FindingCode("gateway.legacy_setting")
    public static let gatewayPerUserBypass = FindingCode("gateway.per_user_bypass")
}
