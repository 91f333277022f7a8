internal import CSMTPProbeOpenSSL

/// One entry of OpenSSL's per-thread error queue, copied out as plain values.
public struct OpenSSLErrorEntry: Hashable, Sendable, CustomStringConvertible {
    /// The packed error code (`ERR_get_error`).
    public let code: UInt
    /// The library that raised it, e.g. `SSL routines`.
    public let library: String
    /// OpenSSL's reason text, e.g. `unsupported protocol`.
    public let reason: String
    /// The numeric reason (`ERR_GET_REASON`), stable across OpenSSL releases.
    public let reasonCode: Int32

    public var description: String { "\(library): \(reason)" }
}

enum OpenSSLErrorQueue {
    /// Empties the calling thread's error queue into values (`ERR_get_error`), so that a later
    /// call on the same event loop never sees a stale error.
    static func drain() -> [OpenSSLErrorEntry] {
        var entries: [OpenSSLErrorEntry] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let library = ERR_lib_error_string(code).map { String(cString: $0) } ?? "OpenSSL"
            let reason = ERR_reason_error_string(code).map { String(cString: $0) } ?? "error \(code)"
            entries.append(OpenSSLErrorEntry(
                code: code, library: library, reason: reason, reasonCode: ERR_GET_REASON(code)))
        }
        return entries
    }

    /// Forgets whatever an earlier call left behind (`ERR_clear_error`).
    static func clear() { ERR_clear_error() }
}
