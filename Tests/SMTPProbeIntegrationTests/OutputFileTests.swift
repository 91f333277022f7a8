import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `--output FILE` with what operators point it at: a textfile collector's file, a symbolic
/// link, standard output by another name, a FIFO, a directory by mistake.
@Suite("Where --output writes", .serialized, .timeLimit(.minutes(1)))
struct OutputFileTests {
    private static let common = MonitoringCLITests.common

    private static func stop(_ servers: [FixtureSMTPServer]) { MonitoringCLITests.stop(servers) }

    @Test func anOutputThatIsADirectoryIsRefusedBeforeAnyConnection() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let directory = FileManager.default.temporaryDirectory.path
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--format", "prometheus",
                                                         "--output", directory] + Self.common)
        #expect(run.status == 3)
        #expect(run.stderr.contains("it is a directory"))
        #expect(server.peakConnections == 0)
    }

    @Test func anOutputThroughASymbolicLinkReplacesTheFileAndKeepsTheLink() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real.prom").path
        let link = directory.appendingPathComponent("smtp.prom").path
        try "old\n".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--format", "prometheus",
                                                         "--output", link] + Self.common)
        #expect(run.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("smtp_probe_success"))
    }

    /// A device is written through: renaming over it would replace the device node itself
    /// (as root, /dev/null with a regular file).
    @Test func anOutputThatIsADeviceIsWrittenThrough() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--format", "prometheus",
                                                         "--output", "/dev/null"] + Self.common)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    /// `/dev/stdout` (or another name of a descriptor this process holds) when that
    /// descriptor is a file opened with `>>`: the report is appended to what is there, not
    /// written over it from offset 0, and the file is not replaced under the redirection.
    @Test(arguments: [("/dev/stdout", ">>"), ("//dev/stdout", ">>"), ("/dev/stderr", "2>>"), ("/dev/fd/3", "3>>"),
                      ("/proc/self/fd/3", "3>>")])
    func aDescriptorByNameAppendsToARedirectedLog(name: String, redirection: String) async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let log = try ExternalCheckers.temporaryFile("log.txt", contents: "line 1\nline 2\n")
        defer { try? FileManager.default.removeItem(atPath: log) }
        let before = try FileManager.default.attributesOfItem(atPath: log)[.systemFileNumber] as? Int
        let arguments = (["mx.test.example:\(server.port)", "--format", "nagios", "--output", name] + Self.common)
            .map { "'\($0)'" }.joined(separator: " ")
        let run = try await ExternalCheckers.offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(CLITests.executable.path)' \(arguments) \(redirection) '\(log)'"])
        }
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasPrefix("line 1\nline 2\nSMTP-PROBE OK - "), "\(text)")
        #expect(try FileManager.default.attributesOfItem(atPath: log)[.systemFileNumber] as? Int == before)
    }

    /// A FIFO nobody reads would block the run for ever; it is refused before probing.
    @Test func aFIFOWithoutAReaderIsRefusedAtOnce() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--output", fifo] + Self.common)
        #expect(run.status == 3)
        #expect(run.stderr.contains("no process is reading this FIFO"), "\(run.stderr)")
        #expect(server.peakConnections == 0)
    }
}
