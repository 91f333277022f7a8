/// Checks mail domains as `smtp-probe domain` does: the DNS records mail depends on (MX, SPF,
/// DKIM, DMARC, MTA-STS, TLS-RPT, DNSSEC and DANE), then the probe of every MX host on port
/// 25 under its MX name, then the checks that need both (TLSA records against the chains the
/// hosts sent, MTA-STS patterns against the MX set).
///
/// One checker is one run: one validating resolver and its cache (no name and type asked
/// twice), one trust store, one deadline, and one probe per MX host however many domains
/// share it. Its checks may run at once; an MX address sees one connection at a time from
/// the run (``BatchOptions/connectionsPerAddress``).
public final class DomainChecker: Sendable {
    let prober: SMTPProber
    let options: DomainCheckOptions
    let validating: ValidatingResolver
    let addressResolver: DNSResolver
    let store: TrustStore
    let limits: BatchLimits
    let deadline: RunDeadline
    let hostProbes = MXHostProbes()

    /// Sets the run up. Throws ``SMTPProbeError`` when it cannot run at all: libunbound
    /// missing, a trust-anchor or CA file that cannot be read, a bad `--dns-server`.
    public init(prober: SMTPProber, options: DomainCheckOptions) throws {
        self.prober = prober
        self.options = options
        do {
            validating = try ValidatingResolver(ValidatingResolverConfiguration(
                server: options.probe.dnsServer, trustAnchorFile: options.trustAnchorFile, timeout: options.probe.timeout))
        } catch let error as DNSLookupError {
            throw SMTPProbeError(.dnsSetupFailed, error.reason)
        }
        addressResolver = try prober.dnsResolver(options.probe.dnsServer)
        store = try prober.trustStore(options.probe.trust)
        if let connectTo = options.mtaSTSConnectTo { _ = try ProbeTarget(parsing: connectTo, defaultPort: 443) }
        limits = BatchLimits(connectionsPerAddress: max(1, options.batch.connectionsPerAddress), concurrency: .max)
        deadline = RunDeadline(seconds: options.batch.deadline)
    }

    /// Checks one domain under the run's options.
    public func check(_ domain: String) async throws -> DomainReport {
        try await check(DomainCheckRequest(domain: domain))
    }

    /// Checks one domain. Throws only for what is wrong on this machine (out of file
    /// descriptors), or `CancellationError`; whatever the domain publishes is in the report.
    public func check(_ request: DomainCheckRequest) async throws -> DomainReport {
        let domain = HostName.wireForm(request.domain)
        let expectGoogle = request.expectGoogle ?? options.expectGoogle
        let selectors = request.dkimSelectors ?? options.dkimSelectors
        let catalog = FindingCatalog(language: options.probe.language)
        guard let found = try await deadline.run({
            try await self.checkRecords(domain: domain, expectGoogle: expectGoogle, selectors: selectors)
        }) else {
            let finding = catalog.finding(for: BatchProblem.deadlineExceeded(seconds: deadline.seconds), routeHost: domain, address: nil)
            return DomainReport(domain: domain, expectGoogle: expectGoogle, provider: nil, mx: [], records: DomainRecords(),
                                findings: [finding])
        }
        let findings = found.problems.map { catalog.finding(for: $0, routeHost: domain, address: nil) }
        return DomainReport(domain: domain, expectGoogle: expectGoogle, provider: found.provider, mx: found.hosts,
                            records: found.records, findings: findings)
    }

    /// Checks every domain of `requests`, ``BatchOptions/concurrency`` at a time, and returns
    /// the reports in the order given.
    public func check(_ requests: [DomainCheckRequest]) async throws -> [DomainReport] {
        try await withThrowingTaskGroup(of: (Int, DomainReport).self) { group in
            var pending = requests.enumerated().makeIterator()
            for _ in 0..<max(1, options.batch.concurrency) {
                guard let (index, request) = pending.next() else { break }
                group.addTask { (index, try await self.check(request)) }
            }
            var reports: [(Int, DomainReport)] = []
            while let result = try await group.next() {
                reports.append(result)
                if let (index, request) = pending.next() {
                    group.addTask { (index, try await self.check(request)) }
                }
            }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// How many queries went to the validating resolver in this run (each name and type once).
    public var dnsQueriesAsked: Int { validating.queriesAsked }
}

/// The probes of a run's MX hosts, each made once: a host several domains share is probed for
/// the first and its report given to all.
actor MXHostProbes {
    private var tasks: [String: Task<MXHostOutcome, any Error>] = [:]

    func outcome(of host: String, probe: @escaping @Sendable () async throws -> MXHostOutcome) async throws -> MXHostOutcome {
        if let task = tasks[host] { return try await task.value }
        let task = Task { try await probe() }
        tasks[host] = task
        return try await task.value
    }
}

/// What was learned of one MX host: its probe, or that it has no address to probe.
struct MXHostOutcome: Sendable {
    var report: ProbeReport?
    var noAddress = false
}
