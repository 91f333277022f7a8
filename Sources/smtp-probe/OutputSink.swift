#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SMTPProbe

/// Where output goes: standard output or a device or FIFO as it comes, or a file that appears
/// whole or not at all (node_exporter's textfile collector may read it at any moment).
final class OutputSink {
    enum Destination {
        case standardOutput
        /// A regular file, new or replaced whole: a temporary file beside it, renamed over it.
        case file(String)
        /// A character device or FIFO, open since the start and written as results come:
        /// renaming over it would replace the device node itself.
        case stream(descriptor: Int32, path: String)
    }

    private let destination: Destination
    private var pending = Data()
    private var streamError: Int32?

    /// `path` nil (or `-`) for standard output. Everything that can be checked is checked
    /// here, before the run, so that a long run does not end in an error and lose its results.
    init(path: String?) throws {
        destination = try Self.destination(for: path)
    }

    deinit {
        if case .stream(let descriptor, _) = destination { close(descriptor) }
    }

    /// Whether the output goes somewhere other than standard output (then text has no colour).
    var isRedirected: Bool {
        if case .standardOutput = destination { return false }
        return true
    }

    /// The output's name in messages.
    var name: String {
        switch destination {
        case .standardOutput: "standard output"
        case .stream(_, let path), .file(let path): path
        }
    }

    /// The descriptor of a pipe that output goes to as it comes (standard output into
    /// `| head`, a FIFO): a reader that goes away shows on it before the next write.
    var pipeDescriptor: Int32? {
        let descriptor: Int32
        switch destination {
        case .standardOutput: descriptor = STDOUT_FILENO
        case .stream(let stream, _): descriptor = stream
        case .file: return nil
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        // Pipes only: what a socket reports once its peer half-closes depends on its kind.
        return status.st_mode & S_IFMT == S_IFIFO ? descriptor : nil
    }

    /// Writes `text`, or keeps it for a file written whole at the end. False when it could
    /// not be written (the reader of a pipe has gone, a full disk): the caller stops there.
    @discardableResult
    func write(_ text: String) -> Bool {
        switch destination {
        case .standardOutput:
            // print(), like the rest of the output, so that the two never overtake each other.
            print(text, terminator: "")
            // Standard output is block-buffered into a pipe: flush so that each result
            // reaches a reader (jq, a log shipper) as soon as it is written.
            return StandardOutput.flushAll()
        case .stream(let descriptor, _):
            guard streamError == nil else { return false }
            if !Self.writeAll(Data(text.utf8), to: descriptor) { streamError = errno }
            return streamError == nil
        case .file:
            pending.append(Data(text.utf8))
            return true
        }
    }

    /// Ends the output: for a file, a temporary file beside it, flushed to disk, then renamed
    /// over it. The temporary name does not end in `.prom`, so the collector never reads it.
    func finish() throws {
        switch destination {
        case .standardOutput:
            return
        case .stream(_, let path):
            if let streamError { throw Self.failure(path, streamError) }
        case .file(let path):
            try replace(path)
        }
    }

    private func replace(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        // A name left by a crashed run is removed; O_EXCL | O_NOFOLLOW then refuse a link
        // planted in its place in a directory others can write to.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure(path, errno) }
        let written = Self.writeAll(pending, to: descriptor)
        let synced = fsync(descriptor) == 0
        let reason = errno
        close(descriptor)
        guard written, synced, rename(temporary, path) == 0 else {
            let error = Self.failure(path, written && synced ? errno : reason)
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
    }

    static func failure(_ path: String, _ code: Int32) -> SMTPProbeError {
        SMTPProbeError(.unwritableFile, "cannot write \(path): \(String(cString: strerror(code)))")
    }
}
