#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SMTPProbeError {
    /// Out of file descriptors `before` doing something ("connecting to 192.0.2.1", "looking up
    /// mx.example.com"): the local limit named as a person sets it, never the server's fault.
    /// One wording for the sockets of connections and the descriptors of DNS lookups.
    static func outOfDescriptors(_ errorNumber: Int32, before: String) -> SMTPProbeError {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        let soft = getrlimit(resource, &limit) == 0 && limit.rlim_cur != rlim_t.max ? "\(limit.rlim_cur)" : "unlimited"
        let which = errorNumber == ENFILE ? "the system-wide limit on open files (fs.file-max)"
                                          : "this process's limit on open files (ulimit -n: \(soft))"
        return SMTPProbeError(.localResourceLimit, """
            ran out of file descriptors on this machine before \(before): \(which) is reached. \
            This is a local limit, not a problem of the server: raise it, or lower --concurrency
            """)
    }
}
