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
    private let path: String?
    private var pending = Data()

    /// `path` nil for standard output. Checks at once that the file can be written, so that a
    /// long run does not end in an error.
    init(path: String?) throws {
        self.path = path
        if let path {
            let directory = Self.directory(of: path)
            guard access(directory, W_OK) == 0 else {
                throw SMTPProbeError(.unwritableFile, "cannot write \(path): \(String(cString: strerror(errno))) (\(directory))")
            }
        }
    }

    var isFile: Bool { path != nil }

    func write(_ text: String) {
        if path == nil {
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
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        // A name left by a crashed run is removed; O_EXCL | O_NOFOLLOW then refuse a link
        // planted in its place in a directory others can write to.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        let written = pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced, rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    private func failure(_ path: String) -> SMTPProbeError {
        SMTPProbeError(.unwritableFile, "cannot write \(path): \(String(cString: strerror(errno)))")
    }

    private static func directory(of path: String) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return directory.isEmpty ? "." : directory
    }
}
