extension RouteConsequence {
    /// What a failing host means for its route's mail, in one sentence, in `language`.
    func text(_ language: Language) -> String { language.pick(en: enText, ja: jaText) }

    private var enText: String {
        switch self {
        case .onlyHostFails(let host):
            "\(host) fails the test: all mail on this route would bounce."
        case .primaryHostFails(let host, let load, let hosts):
            "Primary host \(host) fails the test: \(enShare(load, of: hosts)) of this route's mail would bounce."
        case .allPrimaryFail(let secondaries):
            "Every primary host fails the test: none of this route's mail can be delivered to them"
                + (secondaries > 0 ? "; only the secondary hosts are left." : ".")
        case .secondaryHostFails(let host):
            "Secondary host \(host) fails the test: mail that falls back to it would bounce."
        case .mxHostFails(let domain, let exchange, let preference, let count):
            "MX host \(exchange) (preference \(preference), one of \(count)) of \(domain) fails the test: mail delivered to it would bounce."
        case .routeRefused:
            "The console would refuse to save this route as it is; see the route's findings."
        }
    }

    private func enShare(_ load: Int?, of hosts: Int) -> String {
        switch load {
        case 50?: "half"
        case 100?: "all"
        case let load?: "\(load) %"
        case nil where hosts == 1: "all"
        case nil: "its share (1 of \(hosts) hosts)"
        }
    }

    private var jaText: String {
        switch self {
        case .onlyHostFails(let host):
            "\(host) のテストが失敗します: このルートのメールはすべてバウンスされます。"
        case .primaryHostFails(let host, let load, let hosts):
            "プライマリホスト \(host) のテストが失敗します: このルートのメールの\(jaShare(load, of: hosts))がバウンスされます。"
        case .allPrimaryFail(let secondaries):
            "プライマリホストのテストがすべて失敗します: このルートのメールはプライマリホストに配信できません"
                + (secondaries > 0 ? "。残るのはセカンダリホストだけです。" : "。")
        case .secondaryHostFails(let host):
            "セカンダリホスト \(host) のテストが失敗します: セカンダリに回ったメールはバウンスされます。"
        case .mxHostFails(let domain, let exchange, let preference, let count):
            "\(domain) の MX ホスト \(exchange) (優先度 \(preference)、\(count) 件中の 1 件) のテストが失敗します: このホストに配信されるメールはバウンスされます。"
        case .routeRefused:
            "このままでは管理コンソールでルートを保存できません。ルートの検出結果を確認してください。"
        }
    }

    private func jaShare(_ load: Int?, of hosts: Int) -> String {
        switch load {
        case 50?: "半分"
        case 100?: "すべて"
        case let load?: " \(load)% "
        case nil where hosts == 1: "すべて"
        case nil: "一部 (\(hosts) 台中 1 台分)"
        }
    }
}
