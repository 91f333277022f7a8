#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Tests a route as the console does: checks the route itself, then probes every host at
/// once (each MX host of a looked-up domain too), and judges them under the route's options.
///
/// However many routes and hosts share a server, it sees one connection from this prober at
/// a time (as a batch does by default): mail servers take a burst of connections from one
/// client for an attack.
public struct RouteProber: Sendable {
    private let prober: SMTPProber
    private let limits: BatchLimits

    public init(prober: SMTPProber) {
        self.prober = prober
        // No limit on the hosts in progress: a route file is a few dozen hosts at most, and
        // each waits only for its own server.
        limits = BatchLimits(connectionsPerAddress: 1, concurrency: .max)
    }

    /// Tests `route`; `position` (from 1) names it in findings when it has no name. The route's
    /// own options replace `options.route`. Throws only when nothing can run (an unreadable
    /// trust file, a DNS server that cannot be used), or `CancellationError` when the task is
    /// cancelled while a host waits for its server's turn.
    public func probe(_ route: Route, position: Int = 1, options: ProbeOptions) async throws -> RouteReport {
        var routeOptions = options
        routeOptions.route = route.options
        let catalog = FindingCatalog(language: routeOptions.language)
        let checked = RouteValidator.check(route, position: position)
        let routeFindings = checked.problems.map { catalog.finding(for: $0, routeHost: route.name, address: nil) }
        let options = routeOptions
        let hosts = try await withThrowingTaskGroup(of: (Int, RouteHostReport).self) { tasks in
            for (index, host) in checked.hosts.enumerated() {
                tasks.addTask { (index, try await self.probe(host, options: options, catalog: catalog)) }
            }
            var hosts: [(Int, RouteHostReport)] = []
            for try await host in tasks { hosts.append(host) }
            return hosts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let allFindings = routeFindings + hosts.flatMap { $0.findings + $0.probes.flatMap(\.findings) }
        let serverFindings = allFindings.filter { $0.code.area != .route }
        return RouteReport(
            name: route.name, options: route.options,
            verdict: Verdict(findings: routeFindings).worse(hosts.map(\.verdict).max()),
            findings: routeFindings, hosts: hosts,
            consequences: RouteConsequence.of(hosts, routeFindings: routeFindings).map { $0.text(catalog.language) },
            // A route the console refuses cannot be saved whatever its options: fix it first.
            relaxations: allFindings.contains { $0.code.area == .route && $0.severity == .fail }
                ? [] : Relaxation.smallestSets(for: serverFindings, options: route.options, language: catalog.language))
    }

    private func probe(_ checked: RouteValidator.CheckedHost, options: ProbeOptions,
                       catalog: FindingCatalog) async throws -> RouteHostReport {
        var report = RouteHostReport(table: checked.table, entry: checked.host.entry, port: checked.target?.port,
                                     load: checked.host.load, mxLookup: checked.mxLookup, mx: nil,
                                     findings: [], probes: [], verdict: .pass)
        func finish(_ problems: [Problem]) -> RouteHostReport {
            report.findings += problems.map { catalog.finding(for: $0, routeHost: checked.host.entry, address: nil) }
            report.verdict = Verdict(findings: report.findings).worse(report.probes.map(\.verdict).max())
            return report
        }
        guard let target = checked.target else { return finish(checked.problems.map(Problem.init)) }
        guard checked.mxLookup else {
            report.probes = [try await prober.probe(target, options: options, resolution: nil, limiter: limits)]
            return finish([])
        }
        let domain = HostnameMatcher.normalise(target.host)
        let resolver = try prober.dnsResolver(options.dnsServer)
        switch await resolver.mx(of: domain, timeout: options.timeout) {
        case .failed(let failure):
            return finish([Problem(DNSProblem(failure))])
        case .nullMX:
            report.mx = [MXRecord(preference: 0, exchange: ".")]
            return finish([Problem(DNSProblem.dnsNullMX(domain: domain))])
        case .noMX:
            report.mx = []
            report.probes = [try await prober.probe(target, options: options, resolution: nil, limiter: limits)]
            return finish([Problem(DNSProblem.dnsNoMX(domain: domain))])
        case .records(let records):
            report.mx = records
            let exchanges = await resolver.exchanges(records, port: target.port, timeout: options.timeout)
            let results = try await withThrowingTaskGroup(of: (Int, ProbeReport).self) { tasks in
                for (index, exchange) in exchanges.enumerated() {
                    tasks.addTask {
                        var probe = try await prober.probe(ProbeTarget(host: exchange.record.exchange, port: target.port),
                                                           options: options, resolution: exchange.lookup.resolution, limiter: limits)
                        // The lookup happened before the probe: report its own duration.
                        probe.timingsMS["dns"] = exchange.lookupMS
                        return (index, probe)
                    }
                }
                var results: [(Int, ProbeReport)] = []
                for try await result in tasks { results.append(result) }
                return results.sorted { $0.0 < $1.0 }
            }
            report.probes = results.map(\.1)
            return finish(exchanges.compactMap(DNSProblem.alias(of:)).map(Problem.init))
        }
    }
}

extension Verdict {
    /// The worse of this verdict and `other`.
    func worse(_ other: Verdict?) -> Verdict { Swift.max(self, other ?? .pass) }
}
