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
        if let server = options.dnsServer {
            _ = try dnsResolver(server)
        }
        if let connectTo = options.connectTo {
            _ = try ProbeTarget(parsing: connectTo)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: BatchResult.self)
        let ledger = BatchLedger(targets: targets, continuation: continuation)
        let limiter = AddressLimiter(limit: batch.connectionsPerAddress)
        let width = max(1, batch.concurrency)

        let work = Task {
            // MX-lookup targets become their MX hosts first; the deadline covers the lookups.
            var jobs = await self.jobs(for: targets, options: options, routeOptions: routeOptions, width: width)
            // Two domains often share MX hosts, and an MX host may be listed by name as well:
            // probe such a host once per set of route options. What the caller listed twice is
            // the caller's choice.
            var seen = Set(jobs.filter { !$0.foundByMX }.map(Self.key))
            jobs = jobs.filter { job in !job.foundByMX || seen.insert(Self.key(job)).inserted }
            guard !Task.isCancelled, ledger.replaceTargets(with: jobs.map(\.target)) else { return }
            await withTaskGroup(of: Void.self) { group in
                var pending = jobs.enumerated().makeIterator()
                var started = 0
                while started < width, let (index, job) = pending.next() {
                    group.addTask { await self.run(job, index: index, limiter: limiter, ledger: ledger) }
                    started += 1
                }
                while await group.next() != nil {
                    if let (index, job) = pending.next() {
                        _ = group.addTaskUnlessCancelled { await self.run(job, index: index, limiter: limiter, ledger: ledger) }
                    }
                }
            }
            ledger.close()
        }
        let catalog = FindingCatalog(language: options.language)
        let timer = Task {
            guard (try? await Task.sleep(for: .milliseconds(Int(batch.deadline * 1000)))) != nil else { return }
            ledger.expire { index, target in
                let finding = catalog.finding(for: .deadlineExceeded(seconds: batch.deadline),
                                              routeHost: target.host, address: nil)
                let report = ProbeReport(target: self.describe(target, options: options),
                                         targetFindings: [finding], addresses: [], dnsMS: nil,
                                         routeOptions: options.route, catalog: catalog)
                return BatchResult(index: index, target: target, outcome: .success(report))
            }
            work.cancel()
        }
        continuation.onTermination = { _ in
            work.cancel()
            timer.cancel()
        }
        return stream
    }

    /// A job's identity for de-duplication: the same host and port judged under the same
    /// route options would only open connections that teach nothing new.
    private struct JobKey: Hashable {
        var target: ProbeTarget
        var route: RouteOptions
    }

    private static func key(_ job: BatchJob) -> JobKey {
        // A host found by MX lookup is the same host as one listed by name.
        var route = job.options.route
        route.mxLookup = false
        return JobKey(target: job.target, route: route)
    }

    private func run(_ job: BatchJob, index: Int, limiter: AddressLimiter, ledger: BatchLedger) async {
        guard job.connects else {
            // DNS alone decided: a report of what it said, without a connection.
            let catalog = FindingCatalog(language: job.options.language)
            let findings = job.problems.map { catalog.finding(for: $0, routeHost: job.target.host, address: nil) }
            let report = ProbeReport(target: describe(job.target, options: job.options), targetFindings: findings,
                                     addresses: [], dnsMS: job.lookupMS, routeOptions: job.options.route, catalog: catalog)
            ledger.deliver(BatchResult(index: index, target: job.target, outcome: .success(report)))
            return
        }
        do {
            var report = try await probe(job.target, options: job.options, resolution: job.resolution,
                                         limiter: limiter, problems: job.problems)
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
/// ``replaceTargets(with:)`` switches to the list that is probed. Either way the deadline
/// reports every target of the current list that has no result yet.
final class BatchLedger: Sendable {
    private struct State {
        var targets: [ProbeTarget]
        var delivered: [Bool]
        var closed = false
    }

    private let state: NIOLockedValueBox<State>
    private let continuation: AsyncStream<BatchResult>.Continuation

    init(targets: [ProbeTarget], continuation: AsyncStream<BatchResult>.Continuation) {
        state = NIOLockedValueBox(State(targets: targets, delivered: Array(repeating: false, count: targets.count)))
        self.continuation = continuation
    }

    /// Switches to the list that is probed. False when the run has already ended.
    func replaceTargets(with targets: [ProbeTarget]) -> Bool {
        state.withLockedValue { state in
            guard !state.closed else { return false }
            state.targets = targets
            state.delivered = Array(repeating: false, count: targets.count)
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
    func expire(_ standIn: (Int, ProbeTarget) -> BatchResult) {
        state.withLockedValue { state in
            guard !state.closed else { return }
            for index in state.delivered.indices where !state.delivered[index] {
                state.delivered[index] = true
                continuation.yield(standIn(index, state.targets[index]))
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
