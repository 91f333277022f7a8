#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SMTPProbe

/// Where output goes: straight to standard output as it comes, or into a file that appears
/// whole or not at all (node_exporter's textfile collector may read it at any moment).
final class OutputSink {
    private enum Destination {
        case standardOutput
        /// A regular file, new or replaced whole: a temporary file beside it, renamed over it.
        case file(String)
        /// A device, FIFO or socket (`/dev/stdout`, a named pipe): written straight through,
        /// since renaming over it would replace the device node itself.
        case special(String)
    }

    private let destination: Destination
    private var pending = Data()

    /// `path` nil (or `-`) for standard output. Checks at once that the file can be written,
    /// so that a long run does not end in an error.
    init(path: String?) throws {
        guard let path, path != "-" else {
            destination = .standardOutput
            return
        }
        guard !path.isEmpty else { throw SMTPProbeError(.unwritableFile, "--output needs a file name") }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                throw SMTPProbeError(.unwritableFile, "cannot write \(path): it is a directory")
            case S_IFREG:
                // Through a symbolic link, the file it points to is replaced; the link stays.
                let target = Self.resolved(path) ?? path
                guard access(target, W_OK) == 0 || access(Self.directory(of: target), W_OK) == 0 else {
                    throw Self.failure(path)
                }
                destination = .file(target)
            default:
                guard access(path, W_OK) == 0 else { throw Self.failure(path) }
                destination = .special(path)
            }
        } else if lstat(path, &status) == 0 {
            throw SMTPProbeError(.unwritableFile, "cannot write \(path): it is a symbolic link to a file that does not exist")
        } else {
            let directory = Self.directory(of: path)
            guard access(directory, W_OK) == 0 else {
                throw SMTPProbeError(.unwritableFile, "cannot write \(path): \(String(cString: strerror(errno))) (\(directory))")
            }
            destination = .file(path)
        }
    }

    var isFile: Bool {
        if case .standardOutput = destination { return false }
        return true
    }

    func write(_ text: String) {
        if case .standardOutput = destination {
            // print(), like the rest of the output, so that the two never overtake each other.
            print(text, terminator: "")
            // Standard output is block-buffered into a pipe: flush so that each result
            // reaches a reader (jq, a log shipper) as soon as it is written.
            fflush(nil)
        } else {
            pending.append(Data(text.utf8))
        }
    }

    /// Writes the file, if any: a temporary file beside it, flushed to disk, then renamed
    /// over it. The temporary name does not end in `.prom`, so the collector never reads it.
    func finish() throws {
        switch destination {
        case .standardOutput:
            return
        case .special(let path):
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.failure(path) }
            defer { close(descriptor) }
            guard writeAll(to: descriptor) else { throw Self.failure(path) }
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
        guard descriptor >= 0 else { throw Self.failure(path) }
        let written = writeAll(to: descriptor)
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced, rename(temporary, path) == 0 else {
            let error = Self.failure(path)
            unlink(temporary)
            throw error
        }
    }

    private func writeAll(to descriptor: Int32) -> Bool {
        pending.withUnsafeBytes { bytes in
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

    /// `path` with every symbolic link resolved (`realpath`).
    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func failure(_ path: String) -> SMTPProbeError {
        SMTPProbeError(.unwritableFile, "cannot write \(path): \(String(cString: strerror(errno)))")
    }

    private static func directory(of path: String) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return directory.isEmpty ? "." : directory
    }
}
