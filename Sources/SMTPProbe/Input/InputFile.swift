#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file the user named (a certificate, a key, a route file, a targets list), read with
/// its size checked first, so that a mistaken `/dev/zero`, a directory or a 50 MB log ends in
/// one clear line instead of a long read.
///
/// It stands for `open(2)`, `fstat(2)` and `read(2)` rather than `FileManager`: the size must be
/// known before reading, and `FileManager.attributesOfItem` also looks up the owner's name in
/// /etc/passwd and /etc/group, which costs a probe a millisecond for nothing.
enum InputFile {
    /// The bytes of `path`, a regular file of at most `limit` bytes.
    ///
    /// - Parameters:
    ///   - what: the file's role in messages, e.g. "the key file".
    ///   - tooLarge: the error code for a file over `limit`; the caller's reason follows the size.
    static func read(_ path: String, limit: Int, what: String,
                     tooLarge code: SMTPProbeError.Code, because reason: String) throws -> [UInt8] {
        // Non-blocking, so that a FIFO cannot hold the open; only regular files are read.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw unreadable(path, what, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(path, what, errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
            throw SMTPProbeError(.unreadableFile, "cannot read \(what) \(path): \(kind)")
        }
        guard Int(status.st_size) <= limit else {
            throw SMTPProbeError(code, "\(what) \(path) is \(describe(Int(status.st_size))): \(reason)")
        }
        // Read to the end, not to the size fstat gave: the file may grow meanwhile, and some
        // files (under /proc) report less than they hold. Never take more than the limit.
        var bytes = [UInt8](repeating: 0, count: min(max(Int(status.st_size), 4096), limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else {
                    throw SMTPProbeError(code, "\(what) \(path) is over \(describe(limit)): \(reason)")
                }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { readSome(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw unreadable(path, what, errno)
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else {
            throw SMTPProbeError(code, "\(what) \(path) is over \(describe(limit)): \(reason)")
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// The bytes of an open descriptor such as standard input, read to its end but never
    /// past `limit`: the limit holds however the input is split (one line of 600 MB, or no
    /// newline at all), and reading stops as soon as it is passed, whatever is still coming.
    ///
    /// - Parameters:
    ///   - what: the input's role in messages, e.g. "the targets on standard input".
    ///   - tooLarge: the error for input over `limit`.
    static func read(descriptor: Int32, limit: Int, what: String,
                     tooLarge error: SMTPProbeError) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let got = chunk.withUnsafeMutableBytes { readSome(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw SMTPProbeError(.unreadableFile, "cannot read \(what): \(String(cString: strerror(errno)))")
            }
            if got == 0 { return bytes }
            guard bytes.count + got <= limit else { throw error }
            bytes.append(contentsOf: chunk[..<got])
        }
    }

    private static func unreadable(_ path: String, _ what: String, _ number: Int32) -> SMTPProbeError {
        SMTPProbeError(.unreadableFile, "cannot read \(what) \(path): \(String(cString: strerror(number)))")
    }

    /// A size as a person reads it: bytes, or KiB or MiB to one decimal, rounded up, so that a
    /// file just over a limit never reads as the limit itself.
    static func describe(_ size: Int) -> String {
        func tenths(_ unit: Int) -> String {
            let tenths = (size * 10 + unit - 1) / unit
            return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        }
        if size >= 1 << 20 { return "\(tenths(1 << 20)) MiB" }
        if size >= 1 << 10 { return "\(tenths(1 << 10)) KiB" }
        return "\(size) bytes"
    }
}

/// `read(2)`, named apart from ``InputFile/read(_:limit:what:tooLarge:because:)``.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
