import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// Runs the built `smtp-probe` executable as a user would and checks its output and exit status.
@Suite("The smtp-probe command", .timeLimit(.minutes(2)))
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("smtp-probe")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/smtp-probe")
    }

    /// Runs the built command on a Dispatch thread: waiting for a process blocks its thread,
    /// and blocking Swift's few cooperative threads would stall the tests that run meanwhile
    /// (and the timing of the deadline tests with them).
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments, environment: environment) })
            }
        }
    }

    static func runBlocking(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["LANG"] = "C"
        env["LC_ALL"] = nil
        for (key, value) in environment { env[key] = value }
        let result = try Subprocess.run(executable, arguments, environment: env)
        return Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test(arguments: [
        ["mx.example.com:99999"],
        ["mx.example.com", "--ehlo", "localhost"],
        ["mx.example.com", "--ehlo", "smtp-relay.gmail.com"],
        ["mx.example.com", "--ca-file", "/nonexistent/roots.pem"],
        ["mx.example.com", "--timeout", "-1"],
        ["mx.example.com", "--lang", "fr"],
        ["mx.example.com", "--at", "yesterday"],
        ["mx.example.com", "--at", "2026-12-01T18:30:00"],
        ["mx.example.com", "--output", "/"],
        ["mx.example.com", "--output", ""],
        ["mx.example.com", "--no-such-option"],
        ["example.com", "--mx-lookup", "--connect-to", "127.0.0.1"],
        ["example.com", "--mx-lookup", "--dns-server", "ns.example.com"],
        // One domain with MX lookup, and a route test, take --deadline as every run does.
        ["example.com", "--mx-lookup", "--deadline", "0"],
        ["route", CLITests.repositoryFile("examples/routes.yaml"), "--deadline", "86401"],
        ["route", "/nonexistent/routes.yaml"],
        ["route", CLITests.repositoryFile("Package.swift")],
    ])
    func userErrorsExitThreeWithOneClearLine(arguments: [String]) async throws {
        let run = try await Self.run(arguments)
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("rror"))
        #expect(!run.stderr.contains("Fatal error"))
        #expect(!run.stderr.contains("Backtrac"))
    }

    /// A negative number is a bad value, not a missing one, and an error raised after the
    /// parse is one line, not the root command's usage.
    @Test(arguments: [
        (["mx.example.com", "--timeout", "-1"], "--timeout must be more than 0 and at most 600 seconds"),
        (["mx.example.com", "--warn-days", "-5"], "--warn-days cannot be negative"),
        (["mx.example.com", "--at", "2026-12-01T18:30:00"], "is not an RFC 3339 time with its offset"),
        (["cert", CLITests.repositoryFile("fixtures/certs/good/chain.pem"), "--hostname", "mx.test.example:25"],
         "--hostname takes a host name or address without a port"),
        // RFC 5321 4.1.3: an address in EHLO is written in brackets; no domain ends in digits.
        (["mx.example.com", "--ehlo", "192.0.2.7"], "write [192.0.2.7]"),
        (["mx.example.com", "--ehlo", "127.0.0.1"], "use this machine's own fully qualified name"),
        (["mx.example.com", "--ehlo", "host.123"], "'host.123' ends in an all-numeric label"),
        // Invisible characters are refused and shown escaped, wherever a name is typed.
        (["mx\u{202E}.example.com"], "'mx\\u{202E}.example.com' is not a valid host name: character 3 is U+202E"),
        (["mx.test.example", "--connect-to", "127.0.0.1\u{200F}"], "character 10 is U+200F"),
        (["mx.example.com", "--ehlo", "probe\u{200D}.example.com"], "'probe\\u{200D}.example.com' is not a valid EHLO name: character 6 is U+200D"),
    ])
    func userErrorsSayWhatIsWrongWithTheValue(arguments: [String], expected: String) async throws {
        let run = try await Self.run(arguments)
        #expect(run.status == 3)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing value"))
        #expect(!run.stderr.contains("smtp-probe <subcommand>"))
    }

    static func repositoryFile(_ path: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(path).path
    }

    @Test func aRouteFileWithATypoSaysWhereInOneLine() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("typo-\(getpid()).yaml").path
        try "routes:\n  - name: r\n    host: mx.example.com\n    options: { require_tsl: false }\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try await Self.run(["route", path])
        #expect(run.status == 3)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("routes[0].options (line 4): unknown key \"require_tsl\""))
    }

    /// A route the console refuses fails for that reason, not because of failing hosts.
    @Test func aRouteTheConsoleRefusesSaysSoInItsVerdict() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(getpid()).yaml").path
        try "routes:\n  - name: Relay\n    host: mx.example.com:465\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await Self.run(["route", path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("FAIL: the console would not save route \"Relay\" as it is"), "\(run.stdout)")
        #expect(!run.stdout.contains("mail to the failing hosts would bounce"))
    }

    @Test func theExampleRouteFileIsValid() async throws {
        let routes = try RouteFile(contentsOf: Self.repositoryFile("examples/routes.yaml")).routes
        #expect(routes.map(\.name) == ["Outbound gateway", "Partner domain", "Archive"])
        #expect(routes.flatMap { $0.consoleFindings() }.isEmpty)
    }

    @Test func routeOptionFlagsChangeTheVerdictNotTheFindings() async throws {
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let common = ["other.test.example:\(server.port)", "--connect-to", "127.0.0.1",
                      "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01", "--ehlo", "probe.smtp-probe.test"]
        let strict = try await Self.run(common)
        #expect(strict.status == 2)
        #expect(strict.stdout.contains("1. Turn off \"Validate certificate hostname\""))
        let relaxed = try await Self.run(common + ["--no-verify-hostname"])
        #expect(relaxed.status == 1)
        #expect(relaxed.stdout.contains("WARN  The certificate does not name other.test.example  [cert.hostname_mismatch]"))
        #expect(relaxed.stdout.contains("Passes only because \"Validate certificate hostname\" is off in the route."))
        #expect(relaxed.stdout.contains("Validate certificate hostname off"))
        let json = try await Self.run(common + ["--no-verify-hostname", "--json"])
        #expect(json.stdout.contains("\"waived_by\" : [\n"))
        #expect(json.stdout.contains("\"validate_certificate_hostname\" : false"))
    }

    @Test func caFileThatIsAKeyIsRefused() async throws {
        let run = try await Self.run(["mx.test.example", "--ca-file", FixtureCertificate.good.keyPath])
        #expect(run.status == 3)
        #expect(run.stderr.contains("private key"))
    }

    @Test func port465IsProbedWithImplicitTLSAndTheRouteWarningIsNotADNSStep() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.implicitTLS = true
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        let run = try await Self.run(["mx.test.example:465", "--connect-to", "127.0.0.1:\(server.port)",
                                "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("[route.port_not_allowed]"))
        #expect(!run.stdout.contains("DNS"))
        #expect(run.stdout.contains("✔ Greeting"))
        #expect(run.stdout.contains("✔ Hostname"))
    }

    /// A report that cannot be written (standard output on a full disk) is a run that could
    /// not report: status 3 and one line on standard error, never the verdict's status.
    @Test(arguments: [["demo"], ["demo", "--json"]])
    func outputThatCannotBeWrittenExitsThree(arguments: [String]) async throws {
        let executable = Self.executable.path
        let result = try await ExternalCheckers.offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: "/bin/sh"),
                               ["-c", "exec \"$0\" \"$@\" > /dev/full", executable] + arguments)
        }
        #expect(result.status == 3)
        #expect(result.stderr == "smtp-probe: error: the report could not be written to standard output\n")
    }

    @Test func helpExitsZero() async throws {
        let run = try await Self.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("demo"))
    }

    /// A demo whose certificates are nowhere to be found says where it looked and what to set,
    /// in one line, and exits 3. (The installed copy beside the binary is checked by
    /// scripts/test-package.sh, on a real install with the source tree hidden.)
    @Test func demoWithoutFixturesSaysWhereItLooked() async throws {
        let run = try await Self.run(["demo"], environment: ["SMTP_PROBE_FIXTURES": "/nonexistent/certs"])
        #expect(run.status == 3)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("looked in /nonexistent/certs"))
        #expect(run.stderr.contains("SMTP_PROBE_FIXTURES"))
    }

    @Test(arguments: [(FixtureCertificate.good, Int32(0)), (.wrongHost, 2), (.expiring, 1)])
    func exitStatusFollowsTheVerdict(fixture: FixtureCertificate, status: Int32) async throws {
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: fixture))
        defer { Task { await server.stop() } }
        let at = fixture == .expiring ? "2119-12-20T00:00:00Z" : "2026-06-01T00:00:00Z"
        let run = try await Self.run(["mx.test.example:\(server.port)", "--connect-to", "127.0.0.1",
                                "--ca-file", FixtureCertificate.rootsPath, "--at", at, "--json"])
        #expect(run.status == status)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["schema_version", "target", "verdict", "findings", "tls", "certificates", "smtp", "timings_ms"] {
            #expect(json[key] != nil, "missing top-level key \(key)")
        }
        #expect(json["schema_version"] as? Int == 1)
        let findings = try #require(json["findings"] as? [[String: Any]])
        for finding in findings {
            for key in ["code", "severity", "message", "remedies"] { #expect(finding[key] != nil) }
        }
    }

    @Test(arguments: [(FixtureCertificate.good, Int32(0)), (.selfSigned, 2), (.weakKey, 2)])
    func certCommandExitStatus(fixture: FixtureCertificate, status: Int32) async throws {
        let run = try await Self.run(["cert", fixture.chainPath, "--hostname", "mx.test.example",
                                "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z"])
        #expect(run.status == status)
        #expect(run.stdout.contains(status == 0 ? "PASS" : "FAIL"))
    }

    @Test func certCommandRefusesAKeyFileWithOneLine() async throws {
        let run = try await Self.run(["cert", FixtureCertificate.good.keyPath])
        #expect(run.status == 3)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("private key"))
    }

    /// The demo's text output, pinned in both languages. Ports, timings and fingerprints
    /// change from run to run and are masked. Re-record with SMTP_PROBE_RECORD=1 (which fails
    /// on purpose, so a recording never passes unnoticed).
    @Test(arguments: ["en", "ja"])
    func demoTextMatchesGolden(language: String) async throws {
        let run = try await Self.run(["demo", "--lang", language])
        #expect(run.status == 0)
        let text = Self.normalise(run.stdout)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Goldens/demo.\(language).txt")
        if ProcessInfo.processInfo.environment["SMTP_PROBE_RECORD"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); run again without SMTP_PROBE_RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected)
    }

    static func normalise(_ text: String) -> String {
        var text = text.replacingOccurrences(of: FixtureCertificate.directory.path, with: "FIXTURES")
        let rules: [(String, String)] = [
            (#"127\.0\.0\.1:\d+"#, "127.0.0.1:PORT"),
            (#"port \d+"#, "port PORT"),
            (#"ポート \d+"#, "ポート PORT"),
            (#"\d+\.\d ms"#, "N ms"),
            (#"([0-9A-F]{2}:){31}[0-9A-F]{2}"#, "SHA256"),
        ]
        for (pattern, replacement) in rules {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}

