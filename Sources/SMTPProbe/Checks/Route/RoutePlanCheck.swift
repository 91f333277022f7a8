/// Judges a route of a migration plan: what the console refuses (RouteValidator's checks,
/// each `route.*` code) and what it recommends (a host name rather than an IP address, the
/// three TLS options on), one ``PlanJudgement`` per check. The MX lookup of an address is
/// refused by the validator (`route.invalid_host`).
enum RoutePlanCheck {
    /// `named`: false for the outbound gateway, whose route name the plan does not give.
    static func judge(_ route: Route, position: Int, line: Int, named: Bool = true, language: Language) -> [PlanJudgement] {
        let checked = RouteValidator.check(route, position: position)
        let name = route.name.isEmpty ? "#\(position)" : route.name.echoedInError
        var judgements: [PlanJudgement] = []
        if named {
            let missing = checked.problems.first { $0.code == .routeNameMissing }
            judgements.append(PlanJudgement(.routeNameMissing, line: line, problem: missing,
                                            passed: language.pick(en: "Route \"\(name)\" has a name", ja: "ルート「\(name)」には名前があります")))
        }
        for problem in checked.problems where problem.code == .routeNoHosts {
            judgements.append(PlanJudgement(problem.code, line: line, problem: problem, passed: ""))
        }
        let loads = checked.problems.filter { $0.code == .routeLoadsNot100 }
        if !loads.isEmpty || route.primary.count > 1 || route.secondary.count > 1 {
            judgements += loads.map { PlanJudgement($0.code, line: line, problem: $0, passed: "") }
            if loads.isEmpty {
                judgements.append(PlanJudgement(.routeLoadsNot100, line: line, problem: RouteProblem?.none,
                                                passed: language.pick(en: "Route \"\(name)\": loads add up to 100 %", ja: "ルート「\(name)」: 負荷の合計は 100% です")))
            }
        }
        for host in checked.hosts {
            let entry = host.host.entry.echoedInError
            guard let target = host.target else {
                judgements += host.problems.map { PlanJudgement($0.code, line: line, problem: $0, passed: "") }
                continue
            }
            judgements.append(PlanJudgement(.routeInvalidHost, line: line, problem: RouteProblem?.none,
                                            passed: language.pick(en: "\(entry): port \(target.port), a host the console accepts",
                                                                  ja: "\(entry): ポート \(target.port)、管理コンソールが受け付けるホストです")))
            judgements.append(PlanJudgement(.routeHostIsAddress, line: line,
                                            problem: target.hostIsAddress ? RouteProblem.routeHostIsAddress(entry: entry) : nil,
                                            passed: language.pick(en: "\(entry) is named by host name", ja: "\(entry) はホスト名で指定されています")))
        }
        let off = RouteOption.allCases.filter { !route.options.isOn($0) }
        judgements.append(PlanJudgement(.routeTLSOptionOff, line: line,
                                        problem: off.isEmpty ? nil : RouteProblem.routeTLSOptionOff(route: name, options: off),
                                        passed: language.pick(en: "Route \"\(name)\": the three TLS options are on",
                                                              ja: "ルート「\(name)」: TLS の 3 つのオプションはオンです")))
        return judgements
    }
}
