/// One kind of problem a family of checks finds, with everything needed to report it: its
/// stable code, its severity, its words in each language and its remedies. Each family of
/// checks (Checks/<Family>/) declares one enum that conforms; the catalogue and the renderers
/// see problems only through this protocol.
protocol CheckProblem: Hashable, Sendable {
    associatedtype Remedies: CheckRemedy
    /// Every code this family reports: each code belongs to exactly one family.
    static var codes: [FindingCode] { get }
    /// The stable code in reports.
    var code: FindingCode { get }
    var severity: Severity { get }
    /// One line, in `language`.
    func message(_ language: Language) -> String
    /// The specifics, in `language`: names, dates, which certificate.
    func detail(_ language: Language) -> String?
    /// What to do, most direct fix first. Relaxing a route option is not among them: the
    /// catalogue adds it from ``relaxableBy``, the one place that decides it.
    var remedies: [Remedies] { get }
    /// The certificate concerned, if one is.
    var certificate: CertificateReference? { get }
    /// Whether the console's "Test TLS connection" would answer "could not verify certificate".
    var isCertificateVerificationFailure: Bool { get }
    /// The route options that, turned off, would let the console's test pass despite this.
    var relaxableBy: [RouteOption] { get }
}

extension CheckProblem {
    var certificate: CertificateReference? { nil }
    var isCertificateVerificationFailure: Bool { false }
    var relaxableBy: [RouteOption] { [] }
}

/// One thing an admin can do, before it is put into words.
protocol CheckRemedy: Hashable, Sendable {
    /// The stable identifier in reports, e.g. `use_certificate_hostname`.
    var kind: String { get }
    /// The remedy in `language`; `routeHost` is the host the route names.
    func text(_ language: Language, routeHost: String) -> String
    /// For the relaxation remedy: the console options to turn off.
    var routeOptions: [RouteOption]? { get }
}

extension CheckRemedy {
    var routeOptions: [RouteOption]? { nil }
}

/// A problem of any family, as the engine collects them: one list may hold a connection's
/// conversation problems and its certificate's. Equal when the problems are.
struct Problem: Hashable, Sendable {
    let base: any CheckProblem

    init(_ base: some CheckProblem) { self.base = base }

    static func == (lhs: Problem, rhs: Problem) -> Bool { AnyHashable(lhs.base) == AnyHashable(rhs.base) }

    func hash(into hasher: inout Hasher) { hasher.combine(AnyHashable(base)) }

    var code: FindingCode { base.code }
    var severity: Severity { base.severity }
}

/// A certificate named in a finding: its position in the chain as sent (nil when it is not
/// among what the server sent) and its subject.
struct CertificateReference: Hashable, Sendable {
    var position: Int?
    var subject: String
}

/// Remedies that more than one family of checks gives.
enum SharedRemedy: CheckRemedy {
    /// Ask the third-party relay or filtering service behind the route to act.
    case askRelayProvider
    /// Ask whoever runs the server to act: ``askRelayProvider`` for a server that is not a
    /// route's host (a mailbox's POP3 or SMTP server, the relay).
    case askServerProvider
    /// Last resort: turn these route options off. Planned only by the catalogue, from a
    /// problem's ``CheckProblem/relaxableBy`` and the route's options.
    case relaxRouteOptions([RouteOption])

    var kind: String {
        switch self {
        case .askRelayProvider: "ask_relay_provider"
        case .askServerProvider: "ask_mail_provider"
        case .relaxRouteOptions: "relax_route_option"
        }
    }

    var routeOptions: [RouteOption]? {
        if case .relaxRouteOptions(let options) = self { return options }
        return nil
    }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.askRelayProvider, .en):
            "If this route goes to a third-party relay or filtering service, send this report to that provider and ask them to act on it."
        case (.askRelayProvider, .ja):
            "このルートがサードパーティのリレーサービスやフィルタリングサービスにつながっている場合は、このレポートをそのプロバイダに送り、対応を依頼してください。"
        case (.askServerProvider, .en):
            "If a provider runs this server, send them this report and ask them to act on it."
        case (.askServerProvider, .ja):
            "このサーバーをプロバイダが運用している場合は、このレポートを送って対応を依頼してください。"
        case (.relaxRouteOptions(let options), .en):
            "Last resort: turn off \(options.map { "\"\($0.consoleName(.en))\"" }.joined(separator: " and ")) in the route's settings. Keeping \(options.count == 1 ? "it" : "them") on is strongly recommended: " + options.map { $0.cost(.en) }.joined(separator: " ") + " A route saved while its test fails is accepted, but mail to it bounces."
        case (.relaxRouteOptions(let options), .ja):
            "最後の手段: ルートの設定で\(options.map { "「\($0.consoleName(.ja))」" }.joined(separator: "と"))をオフにします。オンのままにすることを強くおすすめします。" + options.map { $0.cost(.ja) }.joined() + "テストが失敗したままルートを保存することはできますが、そのルートへのメールはバウンスされます。"
        }
    }
}
