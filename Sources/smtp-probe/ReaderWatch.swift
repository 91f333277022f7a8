import Dispatch
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
