import Foundation
import Testing
import SMTPProbeFixtures

/// The command under local limits: a huge standard input, few file descriptors, a reader that
/// goes away. Whatever the machine lacks is said as the machine's limit, with status 3, and
/// never as a server's finding, a crash or a run that goes on for nobody.
// Serialized: the runs hold many connections and processes at once.
@Suite("The smtp-probe command under local limits", .serialized, .timeLimit(.minutes(2)))
struct ResourceLimitTests {
    private static let common = MonitoringCLITests.common

    /// Runs `script` with bash, `$0` the built command, as a user's shell would.
    private static func shell(_ script: String, _ arguments: [String] = []) async throws -> Subprocess.Result {
        let executable = CLITests.executable.path
        return try await ExternalCheckers.offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: "/bin/bash"), ["-c", script, executable] + arguments,
                               environment: ["LANG": "C", "NO_COLOR": "1", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"])
        }
    }

    private static func stop(_ servers: [FixtureSMTPServer]) {
        Task { for server in servers { await server.stop() } }
    }

    /// `--targets -` fed 200 MB without a newline: refused once 16 MiB have come, without
    /// reading the rest (the writer finds the pipe closed).
    @Test func standardInputWithoutNewlinesStopsAtTheTargetsLimit() async throws {
        let run = try await Self.shell("""
            head -c 200000000 /dev/zero | tr '\\0' a | "$0" --targets -
            echo "statuses ${PIPESTATUS[*]}" >&2
            """)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("smtp-probe: error: the targets on standard input are over 16 MiB"), "\(run.stderr)")
        // The command's status is 3; the writer was cut off (141 by SIGPIPE, or 1 where the
        // test runner ignores SIGPIPE) instead of delivering every byte (0).
        let statuses = run.stderr.split(separator: "\n").last { $0.hasPrefix("statuses ") }?.split(separator: " ") ?? []
        #expect(statuses.count == 4 && statuses[3] == "3", "\(run.stderr)")
        #expect(statuses.count == 4 && statuses[2] != "0", "the writer was never cut off: \(run.stderr)")
    }

    /// Forty stalling servers under `ulimit -n 40` with --concurrency 64: the run fits itself
    /// into the descriptors it has (and says so) instead of calling servers unreachable.
    @Test func fewDescriptorsLowerTheConcurrencyInsteadOfFailingServers() async throws {
        var stalling = FixtureBehaviour()
        stalling.stall = .beforeGreeting
        var servers: [FixtureSMTPServer] = []
        for _ in 0..<40 { servers.append(try await FixtureSMTPServer.start(stalling)) }
        defer { Self.stop(servers) }
        let targets = servers.map { "mx.test.example:\($0.port)" }
        let run = try await Self.shell(#"exec prlimit --nofile=40:40 "$0" "$@""#,
                                       targets + ["--concurrency", "64", "--max-per-address", "64", "--timeout", "1",
                                                  "--format", "jsonl"] + Self.common)
        #expect(run.stderr.contains("smtp-probe: note: --concurrency lowered from 64 to "), "\(run.stderr)")
        #expect(run.stderr.contains("(ulimit -n)"))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == servers.count)
        let unreachable = run.stdout.contains("connect.unreachable"), tooMany = run.stdout.contains("Too many open files")
        #expect(!unreachable && !tooMany, "\(run.stdout.prefix(2000))")
        // Every server stalled before its greeting: a fail, judged on what the server did.
        #expect(run.status == 2, "\(run.stderr)")
    }

    /// One name with forty addresses, each a server that holds its connection: more sockets
    /// at once than `ulimit -n 40` allows. The run stops with status 3 and names the local
    /// limit; no address is reported unreachable.
    @Test func runningOutOfDescriptorsStopsTheRunAndNamesTheLimit() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        var stalling = FixtureBehaviour()
        stalling.stall = .beforeGreeting
        let first = try await FixtureSMTPServer.start(stalling, host: "127.0.1.1")
        var servers = [first]
        for host in 2...40 { servers.append(try await FixtureSMTPServer.start(stalling, host: "127.0.1.\(host)", port: first.port)) }
        defer { Self.stop(servers) }
        let run = try await Self.shell(#"exec prlimit --nofile=40:40 "$0" "$@""#,
                                       ["wide.test.example:\(first.port)", "--dns-server", "127.0.0.1:\(dnsPort)",
                                        "--timeout", "5", "--format", "jsonl", "--ca-file", FixtureCertificate.rootsPath])
        #expect(run.status == 3, "\(run.stdout.prefix(2000))")
        let unreachable = run.stdout.contains("connect.unreachable")
        #expect(!unreachable)
        #expect(run.stderr.contains("ran out of file descriptors on this machine"), "\(run.stderr)")
        #expect(run.stderr.contains("ulimit -n: 40"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    /// `smtp-probe ... --format jsonl | head -1` over targets that all stall for a minute:
    /// once head has its line and goes, the run ends (status 3, it could not report), rather
    /// than probing on for nobody until every stall has timed out.
    @Test func aReaderThatGoesAwayEndsTheRun() async throws {
        var stalling = FixtureBehaviour()
        stalling.stall = .afterEHLO
        let stalled = try await FixtureSMTPServer.start(stalling)
        let good = try await FixtureSMTPServer.start()
        defer { Self.stop([stalled, good]) }
        // Distinct names, so that each is a target of its own; --connect-to sends all to one server.
        let targets = ["mx.test.example:\(good.port)"] + (1...20).map { "s\($0).test.example:\(stalled.port)" }
        let started = Date()
        let arguments = targets + ["--format", "jsonl", "--timeout", "60", "--deadline", "90", "--concurrency", "64",
                                   "--max-per-address", "64"] + Self.common
        let run = try await Self.shell(#""$0" "$@" | head -1; echo "status ${PIPESTATUS[0]}" >&2"#, arguments)
        let elapsed = Date().timeIntervalSince(started)
        // Not a timing test: every stall lasts 60 s, so the old behaviour could not end before
        // a minute had passed; a generous 30 s tells the two apart on any machine.
        #expect(elapsed < 30, "the run went on for \(Int(elapsed)) s after its reader had gone")
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("smtp-probe: error: standard output was closed before the run ended"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("status 3\n"), "\(run.stderr)")
    }
}
