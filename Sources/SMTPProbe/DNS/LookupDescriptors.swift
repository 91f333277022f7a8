#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(Dispatch)
import Dispatch
#endif

/// The file descriptors libunbound's lookups take, kept within a budget.
///
/// A blocking `ub_resolve` builds an event base of its own for each call (libevent's epoll
/// descriptor and its signal socket pair) and opens a socket per query: about five
/// descriptors a lookup. Unbounded, the lookups of a ten-MX domain under a low `ulimit -n`
/// took the last descriptors, and libevent, unable to make its socket pair, called `exit()`:
/// no report, status 1. So lookups run ``slots`` at a time, the run's concurrency is sized
/// with ``budget`` set aside, and a lookup that still finds too few descriptors free is
/// refused as the local limit it is (``SMTPProbeError/Code/localResourceLimit``), never as a
/// DNS answer about the server. The domain checks' validating lookups go instead through one
/// asynchronous context per run (``UnboundAsyncLookups``) whose sockets are capped by
/// ``asynchronousPorts``.
enum LookupDescriptors {
    /// Descriptors one lookup may hold at once (measured: five), with one to spare.
    static let perLookup = 6

    /// How many lookups may run at once: up to eight, fewer when the soft limit is low, so
    /// that the lookups never take more than a fraction of what the process may open.
    static let slots: Int = {
        var limit = rlimit()
        guard getrlimit(resourceNoFile, &limit) == 0, limit.rlim_cur != rlim_t.max else { return 8 }
        let soft = Int(clamping: limit.rlim_cur)
        return max(1, min(8, (soft - 32) / (perLookup * 4)))
    }()

    /// The descriptors all blocking lookups in flight may hold: what a run sets aside for DNS.
    static var budget: Int { slots * perLookup }

    /// UDP sockets the domain checks' asynchronous libunbound context may open at once
    /// (its `outgoing-range`, see ``UnboundAsyncLookups``): that context holds at most
    /// ``budget`` descriptors too, its fixed ones (``asynchronousOverhead``) included.
    static var asynchronousPorts: Int { max(2, budget - asynchronousOverhead) }

    /// What that context holds besides its UDP sockets: its two pipes, its worker's event
    /// base (epoll and libevent's signal socket pair), two TCP sockets, the wake-up pipe.
    static let asynchronousOverhead = 12

    private static let gate = DispatchSemaphore(value: slots)

    /// Runs `lookup` (on a lookup thread) in one of the ``slots``, once ``perLookup``
    /// descriptors are known to be free; throws the local limit when they are not.
    static func withSlot<T>(host: String, _ lookup: () throws -> T) throws -> T {
        gate.wait()
        defer { gate.signal() }
        guard descriptorsFree(perLookup) else {
            throw SMTPProbeError.outOfDescriptors(errno, before: "looking up \(host.echoedInError)")
        }
        return try lookup()
    }

    /// Whether `count` descriptors can be opened now: opened (on /dev/null) and closed again.
    /// A test rather than a count of /proc/self/fd, which costs as much as there are open.
    private static func descriptorsFree(_ count: Int) -> Bool {
        var opened: [Int32] = []
        defer { for descriptor in opened { close(descriptor) } }
        for _ in 0..<count {
            let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return false }
            opened.append(descriptor)
        }
        return true
    }

    #if canImport(Glibc)
    private static let resourceNoFile = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceNoFile = RLIMIT_NOFILE
    #endif
}
