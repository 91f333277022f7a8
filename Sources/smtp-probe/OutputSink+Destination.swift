#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SMTPProbe

extension OutputSink {
    /// Where `--output PATH` writes, decided before the run.
    static func destination(for path: String?) throws -> Destination {
        guard let path, path != "-" else { return .standardOutput }
        guard !path.isEmpty else { throw SMTPProbeError(.unwritableFile, "--output needs a file name") }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno
            guard reason == ENOENT else { throw failure(path, reason) }
            if lstat(path, &status) == 0 {
                throw SMTPProbeError(.unwritableFile, "cannot write \(path): it is a symbolic link to a file that does not exist")
            }
            return .file(try replaceable(path, named: path))
        }
        if let inherited = try inheritedDescriptor(path, status) { return inherited }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw SMTPProbeError(.unwritableFile, "cannot write \(path): it is a directory")
        case S_IFREG:
            // Through a symbolic link, the file it points to is replaced; the link stays.
            return .file(try replaceable(resolved(path) ?? path, named: path))
        case S_IFCHR, S_IFIFO:
            return try stream(path)
        default:
            throw SMTPProbeError(.unwritableFile, "cannot write \(path): it is not a file, a character device or a FIFO")
        }
    }

    /// A file this process already has open under another name: its standard output or error
    /// (`/dev/stdout`, a file standard error goes to with `2>>log`), whatever the name and
    /// the kind of file (same device and inode), or a descriptor named through `/dev/fd` or
    /// `/proc` (`/dev/fd/3` with `3>>log`). Opening such a name anew would start at offset 0
    /// without `O_APPEND`, and replacing the file would pull it from under the shell's
    /// redirection: either way what `>>` had appended would be lost. It is written through
    /// instead, appended to.
    private static func inheritedDescriptor(_ path: String, _ status: stat) throws -> Destination? {
        for descriptor: Int32 in [1, 2] {
            var inherited = stat()
            guard fstat(descriptor, &inherited) == 0, inherited.st_dev == status.st_dev, inherited.st_ino == status.st_ino
            else { continue }
            if descriptor == 1 { return .standardOutput }
            let copy = dup(descriptor)
            guard copy >= 0 else { throw failure(path, errno) }
            return .stream(descriptor: copy, path: path)
        }
        let lexical = path.split(separator: "/", omittingEmptySubsequences: true)
        guard status.st_mode & S_IFMT == S_IFREG,
              lexical.first == "proc" || (lexical.first == "dev" && lexical.dropFirst().first == "fd") else { return nil }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        return .stream(descriptor: descriptor, path: path)
    }

    /// `path` once it is known that a temporary file can be made beside it and renamed over
    /// it: that needs its directory to be writable, whatever the file's own mode.
    private static func replaceable(_ path: String, named name: String) throws -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(directory.isEmpty ? "." : directory, W_OK) == 0 else {
            throw SMTPProbeError(.unwritableFile, """
                cannot write \(name): \(String(cString: strerror(errno))) in \(directory.isEmpty ? "." : directory) \
                (the file is replaced whole: a temporary file beside it, then a rename)
                """)
        }
        return path
    }

    /// A device or FIFO, opened now. Without a reader, a FIFO would block the open for ever;
    /// non-blocking, it fails at once instead, and writes block again once it is open.
    private static func stream(_ path: String) throws -> Destination {
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENXIO {
                throw SMTPProbeError(.unwritableFile, "cannot write \(path): no process is reading this FIFO")
            }
            throw failure(path, errno)
        }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        return .stream(descriptor: descriptor, path: path)
    }

    /// `path` with every symbolic link resolved (`realpath`).
    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
