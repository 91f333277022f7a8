internal import CSMTPProbeUnbound
internal import NIOConcurrencyHelpers
internal import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
#if canImport(Dispatch)
import Dispatch
#endif

/// One libunbound context in asynchronous mode, for a whole run: `ub_resolve_async` with a
/// callback per query, libunbound resolving in one thread of its own, and one thread here
/// that waits on `ub_fd` and calls `ub_process`, which runs the callbacks. Each query is a
/// Swift continuation resumed by its callback, its timeout, or its task's cancellation.
///
/// Why not a blocking `ub_resolve` per query on a thread pool, as ``DNSResolver`` does: each
/// such call builds a libunbound worker and an event base of its own, and overlapping
/// validations do not see each other's DS and DNSKEY queries in flight, so the domain
/// benchmark (docs/benchmarks.md, D) asked the same DS/DNSKEY up to six times and spent most
/// of its CPU in lookup threads. One worker shares one cache and one set of queries in flight.
final class UnboundAsyncLookups: @unchecked Sendable {
    let context: UnboundContext
    /// Written to when this object goes, to end the driving thread's `poll`.
    private let wakeRead: Int32, wakeWrite: Int32
    private let stopped = DispatchSemaphore(value: 0)
    /// The driving thread: a pool of one, since the loop holds its thread for the whole run.
    private let thread = NIOThreadPool(numberOfThreads: 1)

    /// Starts the thread that reads libunbound's answers. Throws the local limit when there is
    /// no descriptor left for its wake-up pipe.
    init(_ context: UnboundContext) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw SMTPProbeError.outOfDescriptors(errno, before: "starting the DNS resolver")
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        self.context = context
        wakeRead = fds[0]
        wakeWrite = fds[1]
        let handle = Handle(pointer: context.context), wake = fds[0], done = stopped
        thread.start()
        thread.submit { _ in
            Self.drive(handle.pointer, wake: wake)
            done.signal()
        }
    }

    deinit {
        var byte: UInt8 = 0
        _ = write(wakeWrite, &byte, 1)
        // The thread must be gone before the context is deleted (when `context` is released).
        stopped.wait()
        thread.shutdownGracefully { _ in }
        close(wakeRead)
        close(wakeWrite)
    }

    /// The answer to one query, or why there is none (libunbound's error, no answer within
    /// `timeout` seconds, or the task cancelled). Never throws, never waits past `timeout`.
    func resolve(_ name: String, type: Int32, timeout: Double) async -> ValidatedAnswer {
        let query = PendingQuery()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard query.wait(with: continuation) else { return }
                context.countQuery()
                var id: Int32 = 0
                // The callback takes this reference back; when the query is cancelled before
                // libunbound answers, ``giveUp(_:_:)`` does.
                let data = Unmanaged.passRetained(query).toOpaque()
                let status = CSMTPProbe_ub_resolve_async(context.context, name, type, 1 /* IN */, data, Self.callback, &id)
                guard status == 0 else {
                    Unmanaged<PendingQuery>.fromOpaque(data).release()
                    _ = query.finish(.failed(.resolver(String(cString: CSMTPProbe_ub_strerror(status)))))
                    return
                }
                query.started(id: id, timer: Task { [self] in
                    guard (try? await Task.sleep(for: .milliseconds(Int(timeout * 1000)))) != nil else { return }
                    giveUp(query, .failed(.noAnswer(seconds: timeout)))
                })
            }
        } onCancel: {
            giveUp(query, .failed(.resolver("the lookup was cancelled")))
        }
    }

    /// Ends `query` with `result` unless its answer came first, and tells libunbound to drop it.
    private func giveUp(_ query: PendingQuery, _ result: ValidatedAnswer) {
        guard case .some(.some(let id)) = query.finish(result) else { return }
        // Once ub_cancel succeeds the callback is never called: its reference is dropped here.
        // When it fails, the answer is being delivered and the callback drops it.
        if CSMTPProbe_ub_cancel(context.context, id) == 0 {
            Unmanaged.passUnretained(query).release()
        }
    }

    /// Called by `ub_process` on the driving thread, once per query not cancelled.
    private static let callback: ub_callback_type = { data, status, result in
        defer { if let result { CSMTPProbe_ub_resolve_free(result) } }
        guard let data else { return }
        let query = Unmanaged<PendingQuery>.fromOpaque(data).takeRetainedValue()
        if status == 0, let result {
            _ = query.finish(.answer(UnboundContext.copy(result.pointee)))
        } else {
            _ = query.finish(.failed(.resolver(String(cString: CSMTPProbe_ub_strerror(status)))))
        }
    }

    /// Waits for libunbound's answers and hands them to `ub_process` until woken to stop.
    private static func drive(_ context: OpaquePointer, wake: Int32) {
        var fds = [pollfd(fd: CSMTPProbe_ub_fd(context), events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        while true {
            if poll(&fds, 2, -1) < 0 {
                // Queries left waiting end by their timeouts.
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0 { _ = CSMTPProbe_ub_process(context) }
        }
    }

    private struct Handle: @unchecked Sendable { var pointer: OpaquePointer }
}

/// One query in flight: its continuation, resumed exactly once (answer, timeout or
/// cancellation, whichever comes first), libunbound's id for it, and its timer.
final class PendingQuery: @unchecked Sendable {
    private struct State {
        var continuation: CheckedContinuation<ValidatedAnswer, Never>?
        var id: Int32?
        var timer: Task<Void, Never>?
        /// The result, once there is one (possibly before anyone waits: cancelled early).
        var result: ValidatedAnswer?
    }
    private let state = NIOLockedValueBox(State())

    /// Keeps `continuation`; false (and resumed at once) when the query already ended.
    func wait(with continuation: CheckedContinuation<ValidatedAnswer, Never>) -> Bool {
        let early: ValidatedAnswer? = state.withLockedValue { state in
            if state.result == nil { state.continuation = continuation }
            return state.result
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    /// Records libunbound's id and the timeout's task (cancelled at once if already over).
    func started(id: Int32, timer: Task<Void, Never>) {
        let over = state.withLockedValue { state in
            state.id = id
            if state.result == nil { state.timer = timer }
            return state.result != nil
        }
        if over { timer.cancel() }
    }

    /// Ends the query with `result`: nil when it had ended already, else libunbound's id for
    /// it (nil inside when not yet known).
    func finish(_ result: ValidatedAnswer) -> Int32?? {
        let (ended, timer) = state.withLockedValue { state -> (Int32??, Task<Void, Never>?) in
            guard state.result == nil else { return (nil, nil) }
            state.result = result
            state.continuation?.resume(returning: result)
            state.continuation = nil
            defer { state.timer = nil }
            return (.some(state.id), state.timer)
        }
        timer?.cancel()
        return ended
    }
}
