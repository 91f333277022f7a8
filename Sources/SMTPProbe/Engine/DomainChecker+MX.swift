extension DomainChecker {
    /// The MX answer of `domain` (its DNSSEC state, a null MX, no MX), the provider it points
    /// to, each MX host's TLSA records and probe, and the DANE verdict on the chains they sent.
    func checkMX(domain: String, expectGoogle: Bool) async throws -> DomainFindings {
        var found = DomainFindings()
        let lookup = await validating.mx(domain)
        found.records.dnssec = Self.stateName(lookup.security)
        if let bogus = DNSSECProblem.judge(lookup, type: "MX") {
            found.problems.append(Problem(bogus))
            return found
        }
        var probed: [MXRecord]
        switch lookup.outcome {
        case .failed(let reason):
            found.problems.append(Problem(DNSProblem.dnsTemporaryFailure(host: domain, reason: reason)))
            return found
        case .nxdomain:
            found.problems.append(Problem(DNSProblem.dnsNXDomain(host: domain)))
            return found
        case .noData:
            // RFC 5321 §5.1: without MX, senders deliver to the domain's own address.
            found.problems.append(Problem(DNSProblem.dnsNoMX(domain: domain)))
            probed = [MXRecord(preference: 0, exchange: domain)]
        case .records(let records):
            if records.allSatisfy(\.isNull) {
                found.problems.append(Problem(DNSProblem.dnsNullMX(domain: domain)))
                found.hosts = records.map { DomainMXHost(preference: $0.preference, exchange: $0.exchange) }
                return found
            }
            let selection = MXSelection(domain: domain, records: records)
            found.problems += selection.problems
            probed = selection.probed
            found.hosts = records.filter { !$0.isNull }.map { DomainMXHost(preference: $0.preference, exchange: $0.exchange) }
        }
        let names = probed.map(\.exchange)
        found.provider = MXProvider.of(hosts: names)
        // Each host's TLSA records and probe at once; shared hosts are probed once per run.
        let results = try await withThrowingTaskGroup(of: (Int, HostResult).self) { group in
            for (index, record) in probed.enumerated() {
                group.addTask { (index, try await self.checkHost(record.exchange, domain: domain)) }
            }
            var results: [(Int, HostResult)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var noAddress: [String] = []
        for (record, result) in zip(probed, results) {
            if let index = found.hosts.firstIndex(where: { $0.exchange == record.exchange && $0.probe == nil && $0.tlsa == nil }) {
                found.hosts[index].probe = result.outcome?.report
                found.hosts[index].tlsa = result.tlsa
            } else {
                found.hosts.append(DomainMXHost(preference: record.preference, exchange: record.exchange,
                                                tlsa: result.tlsa, probe: result.outcome?.report))
            }
            if result.isAddress {
                found.problems.append(Problem(MXProblem.ipLiteral(domain: domain, exchange: record.exchange)))
            } else if result.outcome?.noAddress == true {
                noAddress.append(record.exchange)
            }
        }
        let named = results.filter { !$0.isAddress }.count
        found.problems += noAddress.map {
            Problem(MXProblem.noAddress(domain: domain, exchange: $0, allHosts: noAddress.count == named))
        }
        if expectGoogle { found.problems += MXProblem.google(domain: domain, hosts: names).map(Problem.init) }
        found.problems += results.flatMap(\.problems)
        return found
    }

    /// What one MX host gave: its probe (shared within the run), its TLSA records and what
    /// they say against the chains it sent.
    struct HostResult: Sendable {
        var isAddress = false
        var outcome: MXHostOutcome?
        var tlsa: DomainTLSA?
        var problems: [Problem] = []
    }

    private func checkHost(_ host: String, domain: String) async throws -> HostResult {
        guard IPAddress(host) == nil else { return HostResult(isAddress: true) }
        let tlsaName = "_25._tcp." + host
        async let tlsaLookup = validating.tlsa(tlsaName)
        let outcome = try await hostProbes.outcome(of: host) { try await self.probeHost(host) }
        let tlsa = await tlsaLookup
        var result = HostResult(outcome: outcome)
        result.tlsa = DomainTLSA(name: tlsa.name, dnssec: Self.stateName(tlsa.security),
                                 records: tlsa.outcome.records.map(\.description))
        result.problems = DNSSECProblem.judgeTLSA(tlsa).map(Problem.init)
        // Only secure records bind senders (RFC 7672 §2.2): insecure ones were judged above.
        if tlsa.security == .secure, let report = outcome.report {
            let chains = report.addresses.map {
                (address: $0.address, chain: $0.peerChain, hostnameMatches: $0.verification?.hostnameMatches ?? false)
            }
            result.problems += DANEMatch.judge(name: tlsa.name, records: tlsa.outcome.records, chains: chains)
                .map { Problem(DNSSECProblem.dane($0)) }
        }
        return result
    }

    /// Looks up `host`'s addresses and probes each on port 25 under the MX name, within the
    /// run's deadline. A host without addresses is not probed: `mx.no_address` says so.
    private func probeHost(_ host: String) async throws -> MXHostOutcome {
        let target = ProbeTarget(host: host, port: 25)
        var probeOptions = options.probe
        probeOptions.route = RouteOptions()
        probeOptions.connectTo = nil
        let resolver = addressResolver, timeout = probeOptions.timeout
        guard let exchanges = try await deadline.run({
            try await resolver.exchanges([MXRecord(preference: 0, exchange: host)], port: 25, timeout: timeout)
        }), let exchange = exchanges.first else {
            return MXHostOutcome(report: prober.deadlineStandIn(for: target, options: probeOptions, seconds: deadline.seconds))
        }
        switch exchange.lookup.resolution {
        case .failed(.nxdomain), .failed(.noAddress):
            return MXHostOutcome(report: nil, noAddress: true)
        default:
            break
        }
        let problems = DNSProblem.alias(of: exchange).map { [Problem($0)] } ?? []
        let prober = self.prober, limits = self.limits, options = probeOptions
        var report = try await deadline.run({
            try await prober.probe(target, options: options, resolution: exchange.lookup.resolution,
                                   limiter: limits, problems: problems)
        }) ?? prober.deadlineStandIn(for: target, options: probeOptions, seconds: deadline.seconds)
        report.timingsMS["dns"] = exchange.lookupMS
        return MXHostOutcome(report: report)
    }

    static func stateName(_ state: DNSSECState) -> String {
        switch state {
        case .secure: "secure"
        case .insecure: "insecure"
        case .bogus: "bogus"
        }
    }
}
