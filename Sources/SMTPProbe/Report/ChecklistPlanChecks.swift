/// The checks of a plan made from the plan alone, without the network: each family's
/// judgements turned into checklist lines in the report's language, area by area.
enum ChecklistPlanChecks {
    static func items(_ plan: MigrationPlan, language: Language) -> [ChecklistItem] {
        let catalog = FindingCatalog(language: language)
        func lines(_ judgements: [PlanJudgement], area: ChecklistArea, file: String? = nil) -> [ChecklistItem] {
            judgements.map { judgement in
                let location = PlanLocation(file: file ?? plan.file, line: judgement.line)
                guard let problem = judgement.problem else {
                    return ChecklistItem(area: area, code: judgement.code.rawValue, status: .pass, severity: nil, live: false,
                                         message: judgement.passed, location: location)
                }
                return ChecklistItem(area: area, finding: catalog.finding(for: problem, routeHost: "", address: nil),
                                     live: false, location: location)
            }
        }
        var items: [ChecklistItem] = []
        for (index, planned) in plan.routes.enumerated() {
            items += lines(RoutePlanCheck.judge(planned.route, position: index + 1, line: planned.location.line, language: language),
                           area: .inboundRoutes, file: planned.location.file)
        }
        if let gateway = plan.outboundGateway {
            if !gateway.legacySetting.value {
                items += lines(RoutePlanCheck.judge(gateway.route, position: 1, line: gateway.line, named: false, language: language), area: .outboundGateway)
            }
            items += lines(GatewayPlanCheck.judge(gateway, perUser: plan.perUserOutboundGateway, language: language), area: .outboundGateway)
        }
        if let relay = plan.relay {
            items += lines(RelayPlanCheck.judge(relay, licences: plan.licences, language: language), area: .relay)
        }
        for fetch in plan.fetch {
            items += lines(FetchPlanCheck.judge(fetch, language: language), area: .fetchedMailboxes)
        }
        return items
    }
}
