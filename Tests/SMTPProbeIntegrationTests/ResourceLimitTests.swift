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
        // A targets file has the same limit: giving the hosts as a file is no way round it.
        #expect(!run.stderr.contains("as a file"), "\(run.stderr)")
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

    /// `--mx-lookup` of a domain with ten MX hosts under `ulimit -n 40`: libunbound opens
    /// descriptors of its own for every lookup, and the ten address lookups at once used to
    /// take the last ones, so that libevent printed "Too many open files" and called exit(1)
    /// with nothing on standard output. Lookups are budgeted: every MX host gets its report,
    /// and none is called a DNS failure.
    @Test(arguments: [32, 40, 48, 56])
    func dnsLookupsFitIntoFewDescriptors(limit: Int) async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let run = try await Self.shell(#"exec prlimit --nofile=$1:$1 "$0" "${@:2}""#,
                                       ["\(limit)", "probe", "--mx-lookup", "many.test.example:\(server.port)",
                                        "--dns-server", "127.0.0.1:\(dnsPort)", "--timeout", "5", "--format", "jsonl",
                                        "--ca-file", FixtureCertificate.rootsPath, "--ehlo", "client.test.example",
                                        "--at", "2026-06-01T00:00:00Z"])
        let lines = run.stdout.split(separator: "\n")
        // The domain's line (hosts left out) and one report for each of the ten MX hosts probed.
        #expect(lines.count == 11, "ulimit \(limit): \(run.stderr)")
        #expect(!run.stderr.contains("Too many open files") && !run.stderr.contains("[err]"), "\(run.stderr)")
        #expect(!run.stderr.contains("libunbound error"), "\(run.stderr)")
        let dnsFailure = run.stdout.contains("dns.temporary_failure")
        #expect(!dnsFailure, "\(run.stdout.prefix(2000))")
        #expect(run.status != 1 && run.status != 3, "ulimit \(limit): status \(run.status): \(run.stderr)")
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

    /// `smtp-probe route FILE | true` (and one `--mx-lookup` domain): the report is written only at the end, so the run
    /// must notice by itself that its reader has gone, and stop (status 3) instead of waiting
    /// out a host that stalls for a minute.
    @Test func aRouteRunWhoseReaderGoesAwayEnds() async throws {
        var stalling = FixtureBehaviour()
        stalling.stall = .afterEHLO
        let stalled = try await FixtureSMTPServer.start(stalling)
        defer { Self.stop([stalled]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stall-\(UUID().uuidString).yaml")
        try "routes:\n  - name: stall\n    host: 127.0.0.1:\(stalled.port)\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let started = Date()
        let run = try await Self.shell(#""$0" route "$@" | true; echo "status ${PIPESTATUS[0]}" >&2"#,
                                       [file.path, "--timeout", "60", "--deadline", "90"])
        let elapsed = Date().timeIntervalSince(started)
        // Not a timing test: the stall lasts 60 s, which the old behaviour waited out.
        #expect(elapsed < 30, "the route run went on for \(Int(elapsed)) s after its reader had gone")
        #expect(run.stderr.contains("standard output was closed before the run ended"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("status 3\n"), "\(run.stderr)")

        // One --mx-lookup domain is reported as a route, at the end too: many.test.example's
        // MX hosts all lead to the stalling server.
        let dnsPort = try await UnboundServer.shared.port()
        let mxStarted = Date()
        let mx = try await Self.shell(#""$0" "$@" | true; echo "status ${PIPESTATUS[0]}" >&2"#,
                                      ["--mx-lookup", "many.test.example:\(stalled.port)", "--dns-server", "127.0.0.1:\(dnsPort)",
                                       "--timeout", "60", "--deadline", "90"])
        let mxElapsed = Date().timeIntervalSince(mxStarted)
        #expect(mxElapsed < 30, "the MX-lookup run went on for \(Int(mxElapsed)) s after its reader had gone")
        #expect(mx.stderr.contains("standard output was closed before the run ended"), "\(mx.stderr)")
        #expect(mx.stderr.hasSuffix("status 3\n"), "\(mx.stderr)")
    }

    /// `smtp-probe domain` under few descriptors: its validating lookups go through one
    /// asynchronous libunbound context for the run, whose sockets are capped to what the run
    /// sets aside for DNS. Every domain gets the report it gets without a limit, or the run
    /// stops with status 3 naming the local limit: never a DNS failure blamed on the domain,
    /// never libunbound's or libevent's own error lines.
    @Test(arguments: [32, 40, 56, 1024])
    func domainsFitIntoFewDescriptors(limit: Int) async throws {
        let arguments = try await DomainCommandTests.arguments(
            ["good.test.example", "uncovered.test.example", "shared.test.example", "chunked.test.example",
             "--format", "jsonl"])
        let run = try await Self.shell(#"exec prlimit --nofile=$1:$1 "$0" "${@:2}""#, ["\(limit)"] + arguments)
        #expect(!run.stderr.contains("Too many open files") && !run.stderr.contains("[err]"), "ulimit \(limit): \(run.stderr)")
        #expect(!run.stderr.contains("libunbound"), "ulimit \(limit): \(run.stderr)")
        if run.status == 3 {
            #expect(run.stderr.contains("ran out of file descriptors on this machine"), "\(run.stderr)")
            return
        }
        let reports = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(reports.count == 4, "ulimit \(limit): \(run.stderr)")
        #expect(!run.stdout.contains("dns.temporary_failure"), "ulimit \(limit): \(run.stdout.prefix(3000))")
        let good = reports.first { $0["domain"] as? String == "good.test.example" }
        #expect(good?["verdict"] as? String == "pass", "ulimit \(limit): \(run.stdout.prefix(3000))")
        #expect(run.status == 2, "ulimit \(limit): status \(run.status): \(run.stderr)")
    }
}
