#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOConcurrencyHelpers

extension SMTPProber {
    /// Probes many targets, `batch.concurrency` at a time and never more than
    /// `batch.connectionsPerAddress` connections at once to one IP address, and delivers each
    /// result as soon as it is known, in the order they finish.
    ///
    /// The stream always ends by `batch.deadline`: every target not finished by then is
    /// delivered with a `probe.deadline_exceeded` finding, and the rest of the run is
    /// cancelled. Each target is delivered exactly once.
    ///
    /// Throws before anything starts when no target could be probed with these options (a
    /// trust file that cannot be used, a bad `connectTo`).
    ///
    /// `routeOptions`, when given, holds one set of route options per target (from a route
    /// file), which replaces `options.route` for that target. A target whose route options
    /// ask for MX lookup is a mail domain: its MX hosts are probed in its place, each a result
    /// of its own (see ``BatchResult/index``), and a domain DNS rules out (a null MX, no such
    /// domain) is one result with that finding and no connection. An MX host already in the run
    /// (listed, or found for another domain) under the same route options is probed once.
    public func probe(_ targets: [ProbeTarget], options: ProbeOptions, routeOptions: [RouteOptions]? = nil,
                      batch: BatchOptions) throws -> AsyncStream<BatchResult> {
        precondition(routeOptions.map { $0.count == targets.count } ?? true, "one set of route options per target")
        try prepareTrust(options.trust)
        // A resolver that cannot be set up (libunbound missing, a bad --dns-server) stops the
        // run here, rather than blaming every domain with a DNS finding.
        if options.dnsServer != nil || options.route.mxLookup || (routeOptions ?? []).contains(where: \.mxLookup) {
            _ = try dnsResolver(options.dnsServer)
        }
        if let connectTo = options.connectTo {
            _ = try ProbeTarget(parsing: connectTo)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: BatchResult.self)
        let given = targets.indices.map { index in
            BatchLedger.Entry(target: targets[index], route: routeOptions?[index] ?? options.route)
        }
        let ledger = BatchLedger(entries: given, continuation: continuation)
        let width = max(1, batch.concurrency)
        let limiter = BatchLimits(connectionsPerAddress: batch.connectionsPerAddress, concurrency: width)

        // The timer ends the run at the deadline; the run, once over, ends the timer, which
        // would otherwise sleep on to the deadline holding the prober.
        let workBox = NIOLockedValueBox<(task: Task<Void, Never>?, expired: Bool)>((nil, false))
        let timer = Task {
            // At most a year: a library caller's infinite deadline must not trap.
            let milliseconds = batch.deadline.isFinite ? Int(min(max(batch.deadline, 0), 31_536_000) * 1000) : 31_536_000_000
            guard (try? await Task.sleep(for: .milliseconds(milliseconds))) != nil else { return }
            ledger.expire { index, entry in
                var routeOptions = options
                routeOptions.route = entry.route
                var report = self.deadlineStandIn(for: entry.target, options: routeOptions, seconds: batch.deadline)
                report.target.mxOf = entry.mxOf
                return BatchResult(index: index, target: entry.target, outcome: .success(report))
            }
            workBox.withLockedValue { box in
                box.expired = true
                return box.task
            }?.cancel()
        }
        let work = Task {
            defer { timer.cancel() }
            // MX-lookup targets become their MX hosts first; the deadline covers the lookups.
            var jobs = await self.jobs(for: targets, options: options, routeOptions: routeOptions, width: width)
            // Two domains often share MX hosts, and an MX host (or a domain without MX, probed
            // itself) may be listed by name as well: probe such a host once per set of route
            // options, where it is listed. What the caller listed twice is the caller's choice.
            jobs = Self.merged(jobs)
            let entries = jobs.map {
                BatchLedger.Entry(target: $0.target, route: $0.options.route, mxOf: $0.mxOf.isEmpty ? nil : $0.mxOf)
            }
            guard !Task.isCancelled, ledger.replaceEntries(with: entries) else { return }
            // A job starts when fewer than `width` are in progress; one waiting for its
            // address's turn does not count, so it cannot keep jobs for other servers waiting.
            // Discarding: a finished job's task is freed at once, not kept until the run ends.
            await withDiscardingTaskGroup { group in
                for (index, job) in jobs.enumerated() {
                    await limiter.gate.enter()
                    guard !Task.isCancelled else { break }
                    group.addTask {
                        await self.run(job, index: index, limiter: limiter, ledger: ledger)
                        await limiter.gate.leave()
                    }
                }
            }
            ledger.close()
        }
        let expired = workBox.withLockedValue { box in
            box.task = work
            return box.expired
        }
        if expired { work.cancel() }
        continuation.onTermination = { _ in
            work.cancel()
            timer.cancel()
        }
        return stream
    }

    /// What a report says of `target` when the run's deadline of `seconds` passed before its
    /// probe ended: `probe.deadline_exceeded`, and nothing else known.
    func deadlineStandIn(for target: ProbeTarget, options: ProbeOptions, seconds: Double) -> ProbeReport {
        let catalog = FindingCatalog(language: options.language, probing: options)
        let finding = catalog.finding(for: BatchProblem.deadlineExceeded(seconds: seconds), routeHost: target.host, address: nil)
        return ProbeReport(target: describe(target, options: options), targetFindings: [finding], addresses: [],
                           dnsMS: nil, routeOptions: options.route, catalog: catalog)
    }

    /// `jobs` without a host from an MX lookup (or a domain without MX, probed itself) that
    /// is already in the run under the same options: a listed host stays where it is listed,
    /// else the first one found stays, and gains the domains (`mxOf`) and the DNS findings of
    /// those dropped.
    ///
    /// A domain that DNS alone decided (a null MX, no such domain) is a report about the
    /// domain, not a probe of a host: it never stands in for a host of the same name, nor a
    /// host for it. Only the same domain under the same options twice is reported once.
    private static func merged(_ jobs: [BatchJob]) -> [BatchJob] {
        func fromLookup(_ job: BatchJob) -> Bool { job.foundByMX || job.options.route.mxLookup }
        let listed = Set(jobs.filter { !fromLookup($0) }.map(key))
        var kept: [BatchJob] = []
        var owner: [TargetUnderOptions: Int] = [:]
        var domainsDecided = Set<TargetUnderOptions>()
        var dropped: [BatchJob] = []
        for job in jobs {
            let key = key(job)
            guard job.connects else {
                if domainsDecided.insert(key).inserted { kept.append(job) }
                continue
            }
            if fromLookup(job), listed.contains(key) || owner[key] != nil {
                dropped.append(job)
                continue
            }
            if owner[key] == nil { owner[key] = kept.count }
            kept.append(job)
        }
        for job in dropped {
            guard let index = owner[key(job)] else { continue }
            kept[index].mxOf += job.mxOf.filter { !kept[index].mxOf.contains($0) }
            kept[index].problems += job.problems.filter { !kept[index].problems.contains($0) }
        }
        return kept
    }

    /// A job's identity for de-duplication; a host found by MX lookup is the same host as one
    /// listed by name.
    private static func key(_ job: BatchJob) -> TargetUnderOptions {
        var route = job.options.route
        route.mxLookup = false
        return TargetUnderOptions(target: job.target, route: route)
    }

    private func run(_ job: BatchJob, index: Int, limiter: BatchLimits, ledger: BatchLedger) async {
        if let error = job.localLimit {
            ledger.deliver(BatchResult(index: index, target: job.target, outcome: .failure(error)))
            return
        }
        guard job.connects else {
            // DNS alone decided: a report of what it said, without a connection.
            let catalog = FindingCatalog(language: job.options.language, probing: job.options)
            let findings = job.problems.map { catalog.finding(for: $0, routeHost: job.target.host, address: nil) }
            let report = ProbeReport(target: describe(job.target, options: job.options), targetFindings: findings,
                                     addresses: [], dnsMS: job.lookupMS, routeOptions: job.options.route, catalog: catalog)
            ledger.deliver(BatchResult(index: index, target: job.target, outcome: .success(report)))
            return
        }
        do {
            var report = try await probe(job.target, options: job.options, resolution: job.resolution,
                                         limiter: limiter, problems: job.problems)
            if !job.mxOf.isEmpty { report.target.mxOf = job.mxOf }
            // The lookup happened before the probe; report its own duration.
            if let lookupMS = job.lookupMS, job.options.connectTo == nil { report.timingsMS["dns"] = lookupMS }
            ledger.deliver(BatchResult(index: index, target: job.target, outcome: .success(report)))
        } catch let error as SMTPProbeError {
            ledger.deliver(BatchResult(index: index, target: job.target, outcome: .failure(error)))
        } catch {
            // Cancelled while waiting for its address: the deadline has already reported it.
        }
    }
}

/// Delivers each target's result once, and nothing after the stream has ended.
///
/// It starts with the targets as given; once MX lookups have replaced domains by their hosts,
/// ``replaceEntries(with:)`` switches to the list that is probed. Either way the deadline
/// reports every target of the current list that has no result yet.
final class BatchLedger: Sendable {
    /// A target of the current list, with the route options it is judged under.
    struct Entry: Sendable {
        var target: ProbeTarget
        var route: RouteOptions
        /// The domains whose MX lookup found the target.
        var mxOf: [String]? = nil
    }

    private struct State {
        var entries: [Entry]
        var delivered: [Bool]
        var closed = false
    }

    private let state: NIOLockedValueBox<State>
    private let continuation: AsyncStream<BatchResult>.Continuation

    init(entries: [Entry], continuation: AsyncStream<BatchResult>.Continuation) {
        state = NIOLockedValueBox(State(entries: entries, delivered: Array(repeating: false, count: entries.count)))
        self.continuation = continuation
    }

    /// Switches to the list that is probed. False when the run has already ended.
    func replaceEntries(with entries: [Entry]) -> Bool {
        state.withLockedValue { state in
            guard !state.closed else { return false }
            state.entries = entries
            state.delivered = Array(repeating: false, count: entries.count)
            return true
        }
    }

    func deliver(_ result: BatchResult) {
        state.withLockedValue { state in
            guard !state.closed, state.delivered.indices.contains(result.index), !state.delivered[result.index] else { return }
            state.delivered[result.index] = true
            continuation.yield(result)
        }
    }

    /// Delivers a stand-in for every target not delivered yet, then ends the stream.
    func expire(_ standIn: (Int, Entry) -> BatchResult) {
        state.withLockedValue { state in
            guard !state.closed else { return }
            for index in state.delivered.indices where !state.delivered[index] {
                state.delivered[index] = true
                continuation.yield(standIn(index, state.entries[index]))
            }
            state.closed = true
            continuation.finish()
        }
    }

    func close() {
        state.withLockedValue { state in
            guard !state.closed else { return }
            state.closed = true
            continuation.finish()
        }
    }
}
