/// The rules of Google's SMTP relay service (smtp-relay.gmail.com) that a client's own settings
/// decide: the port that fits "Require TLS encryption", and the name the client says in
/// HELO/EHLO. `smtp-probe relay` judges them for the connection it makes; the pre-migration
/// checklist judges them for each device of a plan, with the same codes and meanings.
enum RelayProblem: CheckProblem {
    /// "Require TLS encryption" is on (or asked for), but the client uses `port`, not 587: the
    /// relay's documentation says a client must then use port 587.
    case portForRequiredTLS(port: Int)
    /// The client says a generic name in HELO/EHLO (`localhost`, `smtp-relay.gmail.com`, ...,
    /// the existing refusal list of ``EHLOName``): the relay treats such clients as one and
    /// runs them into its denial-of-service limits.
    case genericEHLO(name: String)

    static let codes: [FindingCode] = [.relayPortForRequiredTLS, .relayGenericEHLO]

    var code: FindingCode {
        switch self {
        case .portForRequiredTLS: .relayPortForRequiredTLS
        case .genericEHLO: .relayGenericEHLO
        }
    }

    /// Warnings: mail may still flow (STARTTLS on 25 often works), but the client is outside
    /// what the relay documents and supports.
    var severity: Severity { .warn }

    var remedies: [RelayRemedy] {
        switch self {
        case .portForRequiredTLS: [.usePort587]
        case .genericEHLO: [.sayUniqueName]
        }
    }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.portForRequiredTLS(let port), .en):
            "TLS encryption is required, but the client uses port \(port) instead of 587"
        case (.portForRequiredTLS(let port), .ja):
            "TLS 暗号化が必須ですが、クライアントはポート 587 ではなく \(port) を使っています"
        case (.genericEHLO(let name), .en):
            "The client says the generic name '\(name.echoedInError)' in HELO/EHLO"
        case (.genericEHLO(let name), .ja):
            "クライアントは HELO/EHLO で一般的な名前 '\(name.echoedInError)' を名乗っています"
        }
    }

    func detail(_ language: Language) -> String? {
        switch (self, language) {
        case (.portForRequiredTLS, .en):
            "With \"Require TLS encryption\" on in the SMTP relay service's settings, Google documents port 587 for smtp-relay.gmail.com; ports 25, 465 and 587 are for a relay that does not require TLS. Mail the relay receives without TLS is then rejected."
        case (.portForRequiredTLS, .ja):
            "SMTP リレーサービスの設定で「TLS 暗号化を必須とする」がオンの場合、Google は smtp-relay.gmail.com のポート 587 を使うよう案内しています。ポート 25、465、587 は TLS を必須にしないリレーのためのものです。TLS なしで届いたメールは拒否されます。"
        case (.genericEHLO, .en):
            "Google asks relay clients to say a unique name (their domain or server name) in HELO/EHLO. Generic names such as localhost or smtp-relay.gmail.com are shared by many clients and run into the relay's denial-of-service limits."
        case (.genericEHLO, .ja):
            "Google は、リレーのクライアントが HELO/EHLO で一意の名前 (ドメイン名やサーバー名) を名乗るよう求めています。localhost や smtp-relay.gmail.com などの一般的な名前は多くのクライアントが使うため、リレーの DoS 対策の制限にかかります。"
        }
    }
}

/// The remedies of the relay checks.
enum RelayRemedy: CheckRemedy {
    case usePort587
    case sayUniqueName

    var kind: String {
        switch self {
        case .usePort587: "use_submission_port"
        case .sayUniqueName: "say_unique_ehlo_name"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.usePort587, .en):
            "Point the device or server at smtp-relay.gmail.com port 587 with STARTTLS, or turn off \"Require TLS encryption\" in the SMTP relay service's settings if the device cannot use TLS (it then needs IP address authentication, since SMTP AUTH needs TLS)."
        case (.usePort587, .ja):
            "機器やサーバーの送信先を smtp-relay.gmail.com のポート 587 (STARTTLS) にしてください。機器が TLS を使えない場合は、SMTP リレーサービスの設定で「TLS 暗号化を必須とする」をオフにします (SMTP 認証には TLS が必要なため、その場合は IP アドレスによる認証が必要です)。"
        case (.sayUniqueName, .en):
            "Configure the device or server to say its own fully qualified name or its domain in HELO/EHLO (the \"HELO name\", \"hostname\" or \"EHLO domain\" setting), not localhost or the relay's name."
        case (.sayUniqueName, .ja):
            "機器やサーバーの設定 (「HELO 名」「ホスト名」「EHLO ドメイン」など) で、localhost やリレーの名前ではなく、自身の完全修飾ドメイン名またはドメイン名を HELO/EHLO で名乗るようにしてください。"
        }
    }
}

extension RelayProblem {
    /// The relay's rules for a client on `port` that says `ehloName`, with "Require TLS
    /// encryption" on when `requireTLS`.
    static func judge(port: Int, requireTLS: Bool, ehloName: String?) -> [RelayProblem] {
        var problems: [RelayProblem] = []
        if requireTLS, port != 587 { problems.append(.portForRequiredTLS(port: port)) }
        if let ehloName, EHLOName.isGeneric(ehloName) { problems.append(.genericEHLO(name: ehloName)) }
        return problems
    }
}

extension FindingCode {
    /// "Require TLS encryption" is on but the relay client does not use port 587.
    public static let relayPortForRequiredTLS = FindingCode("relay.port_for_required_tls")
    /// The relay client says a generic name in HELO/EHLO.
    public static let relayGenericEHLO = FindingCode("relay.generic_ehlo")
}
