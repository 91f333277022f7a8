#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOConcurrencyHelpers

/// The instant by which a whole run must end, shared by everything the run does: the
/// `--deadline` of a route test or of one domain's MX lookup.
///
/// Whoever runs a domain's DNS decides how many MX hosts there are, and a stalling server
/// takes the whole `--timeout` of each step: without one deadline for the run, its length
/// would be theirs to choose.
struct RunDeadline: Sendable {
    /// The deadline as given, for the findings that name it.
    let seconds: Double
    let instant: ContinuousClock.Instant

    /// A deadline `seconds` from now; at most a year, so that a library caller's infinite
    /// deadline cannot trap.
    init(seconds: Double) {
        self.seconds = seconds
        let milliseconds = seconds.isFinite ? Int(min(max(seconds, 0), 31_536_000) * 1000) : 31_536_000_000
        instant = ContinuousClock.now + .milliseconds(milliseconds)
    }

    /// The result of `work`, or nil when the deadline passes first. `work` is then cancelled
    /// and left to end by its own timeouts, never waited for: a probe's connection does not
    /// stop when its task is cancelled, so waiting for it would hold the run past the deadline.
    func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T? {
        guard ContinuousClock.now < instant else { return nil }
        let race = DeadlineRace<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation, until: instant, work: work)
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }
}

extension Optional where Wrapped == RunDeadline {
    /// The result of `work`, within the deadline when there is one; nil when it passed first.
    func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T? {
        guard let deadline = self else { return try await work() }
        return try await deadline.run(work)
    }
}

/// One piece of work against the deadline: whichever ends first resumes the caller, once,
/// and cancels the other.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T?, any Error>?
        var tasks: [Task<Void, Never>] = []
        /// The caller was cancelled before the race started.
        var over = false
    }

    private let state = NIOLockedValueBox(State())

    func start(_ continuation: CheckedContinuation<T?, any Error>, until instant: ContinuousClock.Instant,
               work: @escaping @Sendable () async throws -> T) {
        let cancelledAlready = state.withLockedValue { state in
            if state.over { return true }
            state.continuation = continuation
            return false
        }
        if cancelledAlready {
            continuation.resume(throwing: CancellationError())
            return
        }
        let worker = Task {
            do {
                self.finish(.success(try await work()))
            } catch {
                self.finish(.failure(error))
            }
        }
        let timer = Task {
            guard (try? await Task.sleep(until: instant, clock: .continuous)) != nil else { return }
            self.finish(.success(nil))
        }
        // Either may have ended already; then the other is cancelled here.
        let ended = state.withLockedValue { state in
            state.tasks = [worker, timer]
            return state.continuation == nil
        }
        if ended { [worker, timer].forEach { $0.cancel() } }
    }

    func finish(_ result: Result<T?, any Error>) {
        let (continuation, tasks) = state.withLockedValue { state in
            defer {
                state.continuation = nil
                state.over = true
            }
            return (state.continuation, state.tasks)
        }
        guard let continuation else { return }
        tasks.forEach { $0.cancel() }
        continuation.resume(with: result)
    }
}
