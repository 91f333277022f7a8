/// The live test of a plan's outbound gateway: `smtp-probe gateway`'s one connection, which
/// makes the route's TLS test under the gateway's options and then, after TLS, the open-relay
/// test (MAIL FROM postmaster of the plan's first domain, one RCPT TO a reserved domain,
/// never DATA). Its TLS findings and its relay verdict become two kinds of checklist lines.
struct ChecklistGatewayTest {
    let gateway: PlanGateway
    let plan: MigrationPlan

    func items(offline: Bool, options: ProbeOptions, deadline: Double) async throws -> [ChecklistItem] {
        let language = options.language
        let location = plan.location(line: gateway.line)
        let host = gateway.host.echoedInError
        // A host the console refuses is reported by the plan's checks: nothing to probe.
        guard let target = RouteValidator.check(gateway.route, position: 1).hosts.first?.target else { return [] }
        let shown = ChecklistRunner.shown(host, port: target.port)
        let tls = ChecklistLiveCheck.gatewayTLS(shown), relay = ChecklistLiveCheck.gatewayOpenRelay(shown)
        guard !offline else {
            return [tls, relay].map { $0.skipped(.offline, area: .outboundGateway, location: location, language: language) }
        }
        var options = options
        options.route = gateway.options
        let report: RouteReport
        do {
            report = try await GatewayProber(prober: try SMTPProber()).probe(
                gateway.host, options: options, fromDomain: plan.domains.first?.value, relayTo: nil, deadline: deadline)
        } catch let error as SMTPProbeError where error.code == .invalidOption {
            // A gateway named by its address, in a plan without a domain: no sender to test with.
            var skipped = relay.skipped(.notMade, area: .outboundGateway, location: location, language: language)
            skipped.message = "\(shown): \(error.reason)"
            return [tls.skipped(.notMade, area: .outboundGateway, location: location, language: language), skipped]
        }
        let findings = report.hosts.flatMap { host in
            host.findings.filter { $0.code.area != .route }.map { (shown, $0) }
                + host.probes.flatMap { probe in probe.findings.map { ("\(probe.target.host):\(probe.target.port)", $0) } }
        }
        let gatewayArea = FindingArea(rawValue: "gateway")
        var items = ChecklistRunner.items(findings.filter { $0.1.code.area != gatewayArea }, passing: tls, area: .outboundGateway,
                                          location: location, language: language)
        let verdicts = findings.map(\.1).filter { $0.code.area == gatewayArea }
        if let open = verdicts.first(where: { $0.code == .gatewayOpenRelay }) {
            var line = ChecklistItem(area: .outboundGateway, finding: open, live: true, location: location)
            line.message = "\(shown): \(open.message)"
            items.append(line)
        } else if verdicts.contains(where: { $0.code == .gatewayRelayRefused }) {
            items.append(ChecklistItem(area: .outboundGateway, code: relay.code, status: .pass, severity: nil, live: true,
                                       message: relay.passed(language), location: location))
        } else {
            // Refused before RCPT, or the conversation ended first: relaying was not tested.
            var skipped = relay.skipped(.notMade, area: .outboundGateway, location: location, language: language)
            if let reason = verdicts.first { skipped.message = "\(shown): \(reason.message)" }
            items.append(skipped)
        }
        return items
    }
}
