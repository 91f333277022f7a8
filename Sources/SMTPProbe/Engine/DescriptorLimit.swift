#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's file descriptors, the local resource a batch spends fastest: every
/// connection is a socket, and a lookup may open another.
///
/// Running out of them must never look like a server's fault (`connect.unreachable`, "Too many
/// open files"): a run raises its soft limit where it may, sizes its concurrency to fit what is
/// left, and a socket that still cannot be made stops the run with
/// ``SMTPProbeError/Code/localResourceLimit``.
public enum DescriptorLimit {
    /// Descriptors one target in progress may hold at once: a socket for each of its
    /// addresses (IPv4 and IPv6 are tried together) and one for a DNS lookup.
    static let perTarget = 3
    /// Descriptors kept aside for what a run opens besides its probes (the resolver, files).
    static let reserve = 8

    /// The fewest descriptors a run can start with: SwiftNIO's event loops and Dispatch take
    /// about fifteen, and fail hard (not with an error) when they cannot have them.
    public static let minimum = 32

    /// Raises the soft limit on open descriptors to the hard limit, which an unprivileged
    /// process may do: many systems start processes at 1024 with a far higher hard limit.
    /// Returns the soft limit in force afterwards. `setrlimit(2)`, `getrlimit(2)`.
    @discardableResult
    public static func raiseSoftLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(resourceNoFile, &limit) == 0 else { return Int.max }
        // An unlimited hard limit is refused by Linux for RLIMIT_NOFILE; a million is plenty.
        let wanted = min(limit.rlim_max, rlim_t(1 << 20))
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(resourceNoFile, &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limit.rlim_cur)
    }

    /// The soft limit on open descriptors now (`ulimit -n`).
    public static var softLimit: Int {
        var limit = rlimit()
        guard getrlimit(resourceNoFile, &limit) == 0, limit.rlim_cur != rlim_t.max else { return Int.max }
        return Int(clamping: limit.rlim_cur)
    }

    /// The largest number of targets that can be in progress at once without running out of
    /// descriptors, at most `requested`, and never less than 1. Call it once SwiftNIO's threads
    /// are running (after ``SMTPProber/init()``): they hold descriptors of their own.
    public static func concurrency(fitting requested: Int) -> Int {
        let limit = softLimit
        guard limit != Int.max else { return requested }
        let free = limit - openDescriptors() - reserve
        return max(1, min(requested, free / perTarget))
    }

    /// How many descriptors this process has open: the entries of /proc/self/fd (less the one
    /// that lists them), or on systems without it every descriptor below the limit that
    /// `fcntl(F_GETFD)` accepts.
    static func openDescriptors() -> Int {
        if let directory = opendir("/proc/self/fd") {
            defer { closedir(directory) }
            var count = 0
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { count += 1 }
            }
            return count - 1
        }
        return (0..<min(softLimit, 1 << 16)).filter { fcntl(Int32($0), F_GETFD) != -1 }.count
    }

    /// The error for a socket that could not be made for lack of descriptors: the local
    /// limit named as a person sets it.
    static func exhausted(_ errorNumber: Int32, address: String) -> SMTPProbeError {
        let which = errorNumber == ENFILE ? "the system-wide limit on open files (fs.file-max)"
                                          : "this process's limit on open files (ulimit -n: \(softLimit))"
        return SMTPProbeError(.localResourceLimit, """
            ran out of file descriptors on this machine before connecting to \(address): \(which) is reached. \
            This is a local limit, not a problem of the server: raise it, or lower --concurrency
            """)
    }

    #if canImport(Glibc)
    private static let resourceNoFile = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceNoFile = RLIMIT_NOFILE
    #endif
}
