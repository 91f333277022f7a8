extension JapaneseTexts {
    func consequence(_ consequence: RouteConsequence) -> String {
        switch consequence {
        case .onlyHostFails(let host):
            "\(host) のテストが失敗します: このルートのメールはすべてバウンスされます。"
        case .primaryHostFails(let host, let load, let hosts):
            "プライマリホスト \(host) のテストが失敗します: このルートのメールの\(share(load, of: hosts))がバウンスされます。"
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

    private func share(_ load: Int?, of hosts: Int) -> String {
        switch load {
        case 50?: "半分"
        case 100?: "すべて"
        case let load?: " \(load)% "
        case nil where hosts == 1: "すべて"
        case nil: "一部 (\(hosts) 台中 1 台分)"
        }
    }
}
