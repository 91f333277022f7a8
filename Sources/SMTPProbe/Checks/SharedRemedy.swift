/// Remedies that more than one family of checks gives.
enum SharedRemedy: CheckRemedy {
    /// Ask the third-party relay or filtering service behind the route to act.
    case askRelayProvider
    /// Last resort: turn these route options off. Planned only by the catalogue, from a
    /// problem's ``CheckProblem/relaxableBy`` and the route's options.
    case relaxRouteOptions([RouteOption])

    var kind: String {
        switch self {
        case .askRelayProvider: "ask_relay_provider"
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
        case (.relaxRouteOptions(let options), .en):
            "Last resort: turn off \(options.map { "\"\($0.consoleName(.en))\"" }.joined(separator: " and ")) in the route's settings. Keeping \(options.count == 1 ? "it" : "them") on is strongly recommended: " + options.map { $0.cost(.en) }.joined(separator: " ") + " A route saved while its test fails is accepted, but mail to it bounces."
        case (.relaxRouteOptions(let options), .ja):
            "最後の手段: ルートの設定で\(options.map { "「\($0.consoleName(.ja))」" }.joined(separator: "と"))をオフにします。オンのままにすることを強くおすすめします。" + options.map { $0.cost(.ja) }.joined() + "テストが失敗したままルートを保存することはできますが、そのルートへのメールはバウンスされます。"
        }
    }
}
