#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One probe of a batch, once MX lookups have said which hosts there are.
struct BatchJob: Sendable {
    var target: ProbeTarget
    var options: ProbeOptions
    /// The addresses an MX lookup already found for an MX host.
    var resolution: Resolution?
    /// What DNS said on the way, for this job's report: `dns.mx_is_cname`, `dns.no_mx`, or the
    /// finding that ended the lookup.
    var problems: [Problem] = []
    /// How long the lookups for this host took, when they happened before the probe.
    var lookupMS: Double?
    /// False when DNS alone decided the outcome (a null MX, a domain that does not exist): the
    /// report holds `problems` and no connection is made.
    var connects = true
    /// Found by an MX lookup rather than listed by the caller.
    var foundByMX = false
    /// The mail domains whose MX lookup found this host.
    var mxOf: [String] = []
}

extension SMTPProber {
    /// Turns each target into the probes it stands for: itself, or for a target whose route
    /// options ask for MX lookup, the MX hosts of that mail domain in preference order, each on
    /// the target's port and checked under its own name, as Gmail would deliver to them.
    ///
    /// Lookups run `width` at a time, each bounded by `options.timeout`. The outcome of a
    /// domain without usable MX hosts becomes a job that does not connect (`dns.null_mx`,
    /// `dns.nxdomain`, `dns.temporary_failure`), or with `dns.no_mx` the domain's own address,
    /// as a sending server would fall back to it. At most ``MXSelection/hostLimit`` MX hosts
    /// of a domain are probed; the domain's `dns.null_mx_not_alone` and
    /// `dns.mx_hosts_not_probed` are a job of their own that does not connect.
    func jobs(for targets: [ProbeTarget], options: ProbeOptions, routeOptions: [RouteOptions]?,
              width: Int) async -> [BatchJob] {
        let perTarget = targets.indices.map { index in
            var options = options
            if let route = routeOptions?[index] { options.route = route }
            return options
        }
        guard perTarget.contains(where: \.route.mxLookup) else {
            return zip(targets, perTarget).map { BatchJob(target: $0, options: $1) }
        }
        let expanded = await withTaskGroup(of: (Int, [BatchJob]).self) { group in
            var results: [(Int, [BatchJob])] = []
            var pending = targets.indices.makeIterator()
            var running = 0
            func start(_ index: Int) {
                let target = targets[index], options = perTarget[index]
                group.addTask {
                    guard options.route.mxLookup else { return (index, [BatchJob(target: target, options: options)]) }
                    return (index, await self.mxJobs(domain: target, options: options))
                }
            }
            while running < max(1, width), let index = pending.next() {
                start(index)
                running += 1
            }
            while let result = await group.next() {
                results.append(result)
                if let index = pending.next() { start(index) }
            }
            return results
        }
        return expanded.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }

    /// The jobs for one mail domain: what its MX lookup found.
    private func mxJobs(domain target: ProbeTarget, options: ProbeOptions) async -> [BatchJob] {
        if target.hostIsAddress {
            let problem = Problem(RouteProblem.mxLookupOfAddress(entry: target.description, address: target.host))
            return [BatchJob(target: target, options: options, problems: [problem], connects: false)]
        }
        let domain = target.name.normalised
        let resolver: DNSResolver
        do {
            resolver = try dnsResolver(options.dnsServer)
        } catch {
            let reason = (error as? SMTPProbeError)?.reason ?? "\(error)"
            return [BatchJob(target: target, options: options,
                             problems: [Problem(DNSProblem.dnsTemporaryFailure(host: domain, reason: .resolver(reason)))], connects: false)]
        }
        let clock = ContinuousClock()
        let started = clock.now
        switch await resolver.mx(of: domain, timeout: options.timeout) {
        case .failed(let failure):
            return [BatchJob(target: target, options: options, problems: [Problem(DNSProblem(failure))], connects: false)]
        case .nullMX:
            return [BatchJob(target: target, options: options, problems: [Problem(DNSProblem.dnsNullMX(domain: domain))], connects: false)]
        case .noMX:
            return [BatchJob(target: target, options: options, problems: [Problem(DNSProblem.dnsNoMX(domain: domain))])]
        case .records(let records):
            let mxTime = (clock.now - started).roundedMilliseconds
            let selection = MXSelection(domain: domain, records: records)
            let hosts = await resolver.exchanges(selection.probed, port: target.port, timeout: options.timeout).map { exchange in
                BatchJob(target: ProbeTarget(host: exchange.record.exchange, port: target.port), options: options,
                         resolution: exchange.lookup.resolution, problems: DNSProblem.alias(of: exchange).map { [Problem($0)] } ?? [],
                         lookupMS: mxTime + exchange.lookupMS, foundByMX: true, mxOf: [domain])
            }
            // What the records say of the domain itself (a null MX beside the hosts, hosts left
            // out) is a result of its own, as a null MX alone is: no MX host's verdict should
            // carry the domain's.
            guard !selection.problems.isEmpty else { return hosts }
            return [BatchJob(target: target, options: options, problems: selection.problems, lookupMS: mxTime,
                             connects: false)] + hosts
        }
    }
}
