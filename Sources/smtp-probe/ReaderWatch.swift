import Dispatch
import SMTPProbe
#if canImport(Glibc)
import Glibc
#endif

/// Notices that the reader of a pipe has gone (`smtp-probe ... | head -1` once head has its
/// line), so that a run can stop at once instead of probing until its next write fails, which
/// may be a whole `--timeout` away when every target stalls.
enum ReaderWatch {
    /// Calls `gone` once, from a thread of its own, when `descriptor` (the writing end of a
    /// pipe) has no reader any more. It waits in `poll(2)` for nothing but POLLERR and
    /// POLLHUP, which Linux reports on a pipe whose every reader has closed it; it
    /// ends with the process.
    static func start(_ descriptor: Int32, gone: @escaping @Sendable () -> Void) {
        // A queue of its own: its thread blocks in poll for as long as the run lasts.
        DispatchQueue(label: "smtp-probe output watch").async {
            var watched = pollfd(fd: descriptor, events: 0, revents: 0)
            while true {
                let ready = poll(&watched, 1, -1)
                if ready < 0, errno == EINTR { continue }
                if ready < 0 { return }
                if watched.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    gone()
                    return
                }
            }
        }
    }
}

extension ReaderWatch {
    /// Runs `work`, a whole run whose report is written only at its end (a route report, one
    /// `--mx-lookup` domain), and cancels it as soon as the reader of `sink`'s pipe goes away:
    /// then it throws the same error as a batch whose reader went, instead of probing on for
    /// nobody.
    static func run<Result: Sendable>(writingTo sink: OutputSink,
                                      _ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let task = Task { try await work() }
        if let watched = sink.pipeDescriptor { start(watched) { task.cancel() } }
        do {
            return try await task.value
        } catch is CancellationError {
            throw SMTPProbeError(.unwritableFile, """
                \(sink.name) was closed before the run ended (its reader stopped reading): stopped \
                without probing the rest
                """)
        }
    }
}
