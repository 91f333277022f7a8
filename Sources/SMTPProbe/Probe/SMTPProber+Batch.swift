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
    /// file), which replaces `options.route` for that target.
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
        let ledger = BatchLedger(count: targets.count, continuation: continuation)
        let limiter = AddressLimiter(limit: batch.connectionsPerAddress)
        let width = max(1, batch.concurrency)

        let work = Task {
            await withTaskGroup(of: Void.self) { group in
                var pending = targets.enumerated().makeIterator()
                func next() -> (Int, ProbeTarget)? { pending.next().map { ($0.offset, $0.element) } }
                var started = 0
                while started < width, let (index, target) = next() {
                    let options = Self.options(options, route: routeOptions?[index])
                    group.addTask { await self.probe(target, index: index, options: options, limiter: limiter, ledger: ledger) }
                    started += 1
                }
                while await group.next() != nil {
                    if let (index, target) = next() {
                        let options = Self.options(options, route: routeOptions?[index])
                        _ = group.addTaskUnlessCancelled {
                            await self.probe(target, index: index, options: options, limiter: limiter, ledger: ledger)
                        }
                    }
                }
            }
            ledger.close()
        }
        let catalog = FindingCatalog(language: options.language)
        let timer = Task {
            guard (try? await Task.sleep(for: .milliseconds(Int(batch.deadline * 1000)))) != nil else { return }
            ledger.expire { index in
                let target = targets[index]
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

    private static func options(_ options: ProbeOptions, route: RouteOptions?) -> ProbeOptions {
        guard let route else { return options }
        var options = options
        options.route = route
        return options
    }

    private func probe(_ target: ProbeTarget, index: Int, options: ProbeOptions,
                       limiter: AddressLimiter, ledger: BatchLedger) async {
        do {
            let report = try await probe(target, options: options, resolution: nil, limiter: limiter)
            ledger.deliver(BatchResult(index: index, target: target, outcome: .success(report)))
        } catch let error as SMTPProbeError {
            ledger.deliver(BatchResult(index: index, target: target, outcome: .failure(error)))
        } catch {
            // Cancelled while waiting for its address: the deadline has already reported it.
        }
    }
}

/// Delivers each target's result once, and nothing after the stream has ended.
final class BatchLedger: Sendable {
    private struct State {
        var delivered: [Bool]
        var closed = false
    }

    private let state: NIOLockedValueBox<State>
    private let continuation: AsyncStream<BatchResult>.Continuation

    init(count: Int, continuation: AsyncStream<BatchResult>.Continuation) {
        state = NIOLockedValueBox(State(delivered: Array(repeating: false, count: count)))
        self.continuation = continuation
    }

    func deliver(_ result: BatchResult) {
        state.withLockedValue { state in
            guard !state.closed, !state.delivered[result.index] else { return }
            state.delivered[result.index] = true
            continuation.yield(result)
        }
    }

    /// Delivers a stand-in for every target not delivered yet, then ends the stream.
    func expire(_ standIn: (Int) -> BatchResult) {
        state.withLockedValue { state in
            guard !state.closed else { return }
            for index in state.delivered.indices where !state.delivered[index] {
                state.delivered[index] = true
                continuation.yield(standIn(index))
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
