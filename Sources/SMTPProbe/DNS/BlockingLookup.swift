#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOPosix
internal import NIOConcurrencyHelpers

/// Runs a blocking lookup (`getaddrinfo`, `ub_resolve`) on a thread pool and gives up on it
/// after a deadline: neither can be cancelled, and their own retries can take far longer than
/// the probe's `--timeout`, so a late lookup is left to finish on the pool while the probe
/// moves on.
enum BlockingLookup {
    /// Threads for lookups only, so that lookups left behind cannot hold up anything else.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 16)
        pool.start()
        return pool
    }()

    static func run<Result: Sendable>(timeout: Double, onTimeout: Result,
                                      onError: @escaping @Sendable (any Error) -> Result,
                                      _ work: @escaping @Sendable () -> Result) async -> Result {
        let once = NIOLockedValueBox<CheckedContinuation<Result, Never>?>(nil)
        return await withCheckedContinuation { continuation in
            once.withLockedValue { $0 = continuation }
            let finish: @Sendable (Result) -> Void = { result in
                once.withLockedValue { pending in
                    pending?.resume(returning: result)
                    pending = nil
                }
            }
            let deadline = Task {
                guard (try? await Task.sleep(for: .milliseconds(Int(timeout * 1000)))) != nil else { return }
                finish(onTimeout)
            }
            Task {
                do {
                    finish(try await pool.runIfActive(work))
                } catch {
                    finish(onError(error))
                }
                deadline.cancel()
            }
        }
    }
}
