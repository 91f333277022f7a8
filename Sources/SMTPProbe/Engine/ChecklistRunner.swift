/// Runs the checklist of a migration plan: the plan's own checks, then, unless offline, the
/// live checks, reusing the commands' probes. Offline, nothing here opens a socket or asks
/// DNS: no prober is even made.
public struct ChecklistRunner: Sendable {
    public init() {}

    /// The checklist of `plan`. `deadline` (seconds, from now) bounds every live check.
    /// Throws only when a live check cannot run at all (an unreadable trust file, a DNS
    /// server that cannot be used).
    public func run(_ plan: MigrationPlan, offline: Bool, options: ProbeOptions, deadline: Double,
                    live: ChecklistLiveOptions = ChecklistLiveOptions()) async throws -> ChecklistReport {
        let language = options.language
        var items = ChecklistPlanChecks.items(plan, language: language)
        let domains = try await ChecklistDomainTest(plan: plan).items(offline: offline, options: options, live: live, deadline: deadline)
        items += domains.items
        items += try await routeTests(plan, offline: offline, options: options, deadline: deadline, made: domains.mxProbes)
        if let gateway = plan.outboundGateway {
            items += try await ChecklistGatewayTest(gateway: gateway, plan: plan)
                .items(offline: offline, options: options, deadline: deadline)
        }
        if let relay = plan.relay {
            items += try await ChecklistRelayTest(relay: relay, plan: plan).items(offline: offline, options: options, live: live)
        }
        items += try await ChecklistFetchTest(plan: plan).items(offline: offline, options: options, live: live, deadline: deadline)
        return ChecklistReport(plan: plan.file, domains: plan.domains.map(\.value), offline: offline, checks: items)
    }

    /// One route to test: an inbound route or the gateway, where it is written.
    private struct Tested {
        var route: Route
        var area: ChecklistArea
        var location: PlanLocation
        var check: (String) -> ChecklistLiveCheck
    }

    /// The TLS test of every host of every inbound route, under its route's options, as
    /// `smtp-probe route` makes it. A route written twice is probed once and reported at both
    /// places. The gateway is tested by ``ChecklistGatewayTest``, in the one connection of
    /// `smtp-probe gateway`.
    ///
    /// A host the domain checks probed already, on port 25 under every TLS option (`made`), is
    /// not probed again: a route with the console's default options to an MX host is that test.
    private func routeTests(_ plan: MigrationPlan, offline: Bool, options: ProbeOptions, deadline: Double,
                            made: [String: ProbeReport]) async throws -> [ChecklistItem] {
        let tested = plan.routes.map { Tested(route: $0.route, area: .inboundRoutes, location: $0.location, check: ChecklistLiveCheck.routeTLS) }
        guard !tested.isEmpty else { return [] }
        let language = options.language
        // Hosts the console refuses are reported by the plan's checks; there is nothing to probe.
        let testable = tested.map { item in
            RouteValidator.check(item.route, position: 1).hosts.filter { $0.target != nil }
        }
        if offline {
            return zip(tested, testable).flatMap { item, hosts in
                hosts.map { host in
                    item.check(Self.shown(host)).skipped(.offline, area: item.area, location: item.location, language: language)
                }
            }
        }
        var unique: [String: Int] = [:]
        var routes: [Route] = []
        let indices = tested.map { item in
            let key = Self.key(item.route)
            if let index = unique[key] { return index }
            unique[key] = routes.count
            routes.append(item.route)
            return routes.count - 1
        }
        let reports = try await RouteProber(prober: try SMTPProber(), made: made).probe(routes, options: options, deadline: deadline)
        var items: [ChecklistItem] = []
        for (item, index) in zip(tested, indices) {
            for host in reports[index].hosts where host.port != nil {
                let shown = Self.shown(host.entry, port: host.port)
                let findings = host.findings.filter { $0.code.area != .route }
                    .map { (shown, $0) } + host.probes.flatMap { probe in probe.findings.map { ("\(probe.target.host):\(probe.target.port)", $0) } }
                items += Self.items(findings, passing: item.check(shown), area: item.area, location: item.location, language: language)
            }
        }
        return items
    }

    /// A host's findings of warn and fail, each a line naming the host probed; one line of
    /// `check` passed when there are none.
    static func items(_ findings: [(String, Finding)], passing check: ChecklistLiveCheck, area: ChecklistArea,
                      location: PlanLocation, language: Language) -> [ChecklistItem] {
        let notable = findings.filter { $0.1.severity != .info }
        guard !notable.isEmpty else {
            return [ChecklistItem(area: area, code: check.code, status: .pass, severity: nil, live: true,
                                  message: check.passed(language), location: location)]
        }
        return notable.map { target, finding in
            var line = ChecklistItem(area: area, finding: finding, live: true, location: location)
            line.message = "\(target): \(finding.message)"
            return line
        }
    }

    /// The host as written, with its port when the entry does not give it.
    private static func shown(_ host: RouteValidator.CheckedHost) -> String {
        shown(host.host.entry.echoedInError, port: host.target?.port)
    }

    static func shown(_ entry: String, port: Int?) -> String {
        guard let port else { return entry }
        // A bare IPv6 address (two colons or more) takes brackets before its port: "::1:995"
        // would read as another address.
        if !entry.hasPrefix("["), entry.filter({ $0 == ":" }).count > 1 { return "[\(entry)]:\(port)" }
        guard !entry.hasSuffix(":\(port)") else { return entry }
        return "\(entry):\(port)"
    }

    /// What makes two routes the same test: their hosts, ports and options, not their names.
    private static func key(_ route: Route) -> String {
        let hosts = route.hosts.map { "\($0.table.rawValue) \($0.host.entry) \($0.host.port ?? route.port) \($0.host.load ?? -1) \($0.host.mxLookup.map(String.init) ?? "-")" }
        return hosts.joined(separator: "|") + "|\(route.port)|\(route.options)"
    }
}
