#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Tests a route as the console does: checks the route itself, then probes every host at
/// once (the MX hosts of a looked-up domain too, at most ``MXSelection/hostLimit``), and judges
/// them under the route's options.
///
/// However many routes and hosts share a server, it sees one connection from this prober at
/// a time (as a batch does by default): mail servers take a burst of connections from one
/// client for an attack.
public struct RouteProber: Sendable {
    private let prober: SMTPProber
    private let limits: BatchLimits
    /// Probes already made in this run on port 25 under every TLS option, by normalised host
    /// name (the checklist's domain checks' MX hosts): the same test, not made again.
    private let made: [String: ProbeReport]

    public init(prober: SMTPProber) {
        self.init(prober: prober, made: [:])
    }

    init(prober: SMTPProber, made: [String: ProbeReport]) {
        self.prober = prober
        self.made = made
        // No limit on the hosts in progress: a route file is a few dozen hosts at most, and
        // each waits only for its own server.
        limits = BatchLimits(connectionsPerAddress: 1, concurrency: .max)
    }

    /// The probe of `target` made already, when it is this very test: SMTP on port 25, every
    /// TLS option on, no `--connect-to`, and nothing learned of the host's name beforehand (an
    /// MX alias finding belongs to the domain's test, not to a route naming the host).
    private func madeAlready(_ target: ProbeTarget, options: ProbeOptions) -> ProbeReport? {
        let route = options.route
        guard target.port == 25, options.mailProtocol == .smtp, options.connectTo == nil, options.tlsMode == nil,
              route.requireTLS, route.requireCASigned, route.validateHostname,
              let report = made[target.name.normalised], !report.findings.contains(where: { $0.code.area == .dns })
        else { return nil }
        return report
    }

    /// Tests every route of a route file at once, each as ``probe(_:position:options:deadline:)``
    /// does, all within one `deadline` (seconds, from now), and returns their reports in order.
    public func probe(_ routes: [Route], options: ProbeOptions, deadline: Double) async throws -> [RouteReport] {
        let deadline = RunDeadline(seconds: deadline)
        return try await withThrowingTaskGroup(of: (Int, RouteReport).self) { tasks in
            for (index, route) in routes.enumerated() {
                tasks.addTask { (index, try await self.probe(route, position: index + 1, options: options, deadline: deadline)) }
            }
            var reports: [(Int, RouteReport)] = []
            for try await report in tasks { reports.append(report) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Tests `route`; `position` (from 1) names it in findings when it has no name. The route's
    /// own options replace `options.route`. Throws only when nothing can run (an unreadable
    /// trust file, a DNS server that cannot be used), or `CancellationError` when the task is
    /// cancelled while a host waits for its server's turn.
    ///
    /// With a `deadline` (seconds, from now), the test ends by then whatever the servers and
    /// DNS do: what was not done is reported with `probe.deadline_exceeded`, on the MX host or
    /// host probe that was cut short, or on the entry when its MX lookup was.
    public func probe(_ route: Route, position: Int = 1, options: ProbeOptions,
                      deadline: Double? = nil) async throws -> RouteReport {
        try await probe(route, position: position, options: options, deadline: deadline.map(RunDeadline.init(seconds:)))
    }

    private func probe(_ route: Route, position: Int, options: ProbeOptions, deadline: RunDeadline?) async throws -> RouteReport {
        var routeOptions = options
        routeOptions.route = route.options
        let catalog = FindingCatalog(language: routeOptions.language)
        let checked = RouteValidator.check(route, position: position)
        // The route's name and its hosts come from a file anyone may have written: under the one
        // rule for untrusted text, and cut as echoed input is, in every format.
        let shownName = route.name.echoedInError
        let routeFindings = checked.problems.map { catalog.finding(for: $0, routeHost: shownName, address: nil) }
        let options = routeOptions
        let hosts = try await withThrowingTaskGroup(of: (Int, RouteHostReport).self) { tasks in
            for (index, host) in checked.hosts.enumerated() {
                tasks.addTask { (index, try await self.probe(host, options: options, catalog: catalog, deadline: deadline)) }
            }
            var hosts: [(Int, RouteHostReport)] = []
            for try await host in tasks { hosts.append(host) }
            return hosts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let allFindings = routeFindings + hosts.flatMap { $0.findings + $0.probes.flatMap(\.findings) }
        let serverFindings = allFindings.filter { $0.code.area != .route }
        return RouteReport(
            name: shownName, options: route.options,
            verdict: Verdict(findings: routeFindings).worse(hosts.map(\.verdict).max()),
            findings: routeFindings, hosts: hosts,
            consequences: RouteConsequence.of(hosts, routeFindings: routeFindings).map { $0.text(catalog.language) },
            // A route the console refuses cannot be saved whatever its options: fix it first.
            relaxations: allFindings.contains { $0.code.area == .route && $0.severity == .fail }
                ? [] : Relaxation.smallestSets(for: serverFindings, options: route.options, language: catalog.language))
    }

    private func probe(_ checked: RouteValidator.CheckedHost, options: ProbeOptions,
                       catalog: FindingCatalog, deadline: RunDeadline?) async throws -> RouteHostReport {
        let shownEntry = checked.host.entry.echoedInError
        var report = RouteHostReport(table: checked.table, entry: shownEntry, port: checked.target?.port,
                                     load: checked.host.load, mxLookup: checked.mxLookup, mx: nil,
                                     findings: [], probes: [], verdict: .pass)
        func finish(_ problems: [Problem]) -> RouteHostReport {
            report.findings += problems.map { catalog.finding(for: $0, routeHost: shownEntry, address: nil) }
            report.verdict = Verdict(findings: report.findings).worse(report.probes.map(\.verdict).max())
            return report
        }
        let cutShort = Problem(BatchProblem.deadlineExceeded(seconds: deadline?.seconds ?? 0))
        /// One host's probe, or its stand-in when the deadline passes first.
        @Sendable func probe(_ target: ProbeTarget, resolution: Resolution?) async throws -> ProbeReport {
            if let report = madeAlready(target, options: options) { return report }
            return try await deadline.run { try await prober.probe(target, options: options, resolution: resolution, limiter: limits) }
                ?? prober.deadlineStandIn(for: target, options: options, seconds: deadline?.seconds ?? 0)
        }
        guard let target = checked.target else { return finish(checked.problems.map(Problem.init)) }
        guard checked.mxLookup else {
            report.probes = [try await probe(target, resolution: nil)]
            return finish([])
        }
        let domain = target.name.normalised
        let resolver = try prober.dnsResolver(options.dnsServer)
        guard let lookup = try await deadline.run({ try await resolver.mx(of: domain, timeout: options.timeout) }) else {
            return finish([cutShort])
        }
        switch lookup {
        case .failed(let failure):
            return finish([Problem(DNSProblem(failure))])
        case .nullMX:
            report.mx = [MXRecord(preference: 0, exchange: ".")]
            return finish([Problem(DNSProblem.dnsNullMX(domain: domain))])
        case .noMX:
            report.mx = []
            report.probes = [try await probe(target, resolution: nil)]
            return finish([Problem(DNSProblem.dnsNoMX(domain: domain))])
        case .records(let records):
            report.mx = records
            let selection = MXSelection(domain: domain, records: records)
            guard let exchanges = try await deadline.run({
                try await resolver.exchanges(selection.probed, port: target.port, timeout: options.timeout)
            }) else {
                return finish(selection.problems + [cutShort])
            }
            let results = try await withThrowingTaskGroup(of: (Int, ProbeReport).self) { tasks in
                for (index, exchange) in exchanges.enumerated() {
                    tasks.addTask {
                        var result = try await probe(ProbeTarget(host: exchange.record.exchange, port: target.port),
                                                     resolution: exchange.lookup.resolution)
                        // The lookup happened before the probe: report its own duration.
                        result.timingsMS["dns"] = exchange.lookupMS
                        return (index, result)
                    }
                }
                var results: [(Int, ProbeReport)] = []
                for try await result in tasks { results.append(result) }
                return results.sorted { $0.0 < $1.0 }
            }
            report.probes = results.map(\.1)
            return finish(selection.problems + exchanges.compactMap(DNSProblem.alias(of:)).map(Problem.init))
        }
    }
}

extension Verdict {
    /// The worse of this verdict and `other`.
    func worse(_ other: Verdict?) -> Verdict { Swift.max(self, other ?? .pass) }
}
