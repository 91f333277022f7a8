import Foundation
import Testing
import SMTPProbeFixtures

/// The command's monitoring side against fixture servers: several targets, the formats, the
/// JSON Schema and promtool on real output, and the user errors of the new options.
// Serialized: each test starts several processes, and a 2-core machine running them all at
// once would upset the timing tests of other suites.
@Suite("Monitoring output of the smtp-probe command", .serialized, .timeLimit(.minutes(2)))
struct MonitoringCLITests {
    static let common = ["--connect-to", "127.0.0.1", "--ca-file", FixtureCertificate.rootsPath,
                         "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z"]

    /// Servers that between them produce most optional fields of the report.
    static func servers() async throws -> [FixtureSMTPServer] {
        var injection = FixtureBehaviour()
        injection.injectAfterSTARTTLS = "MAIL FROM:<x@example.com>\r\n"
        var noESMTP = FixtureBehaviour()
        noESMTP.withoutESMTP = true
        var implicit = FixtureBehaviour()
        implicit.implicitTLS = true
        var stall = FixtureBehaviour()
        stall.stall = .afterEHLO
        var servers: [FixtureSMTPServer] = []
        for behaviour in [FixtureBehaviour(), FixtureBehaviour(certificate: .missingIntermediate),
                          FixtureBehaviour(certificate: .cnOnly), FixtureBehaviour(certificate: .hostileNames),
                          injection, noESMTP, implicit, stall] {
            servers.append(try await FixtureSMTPServer.start(behaviour))
        }
        return servers
    }

    static func stop(_ servers: [FixtureSMTPServer]) {
        Task { for server in servers { await server.stop() } }
    }

    @Test func jsonLinesFromManyKindsOfServerMatchTheSchema() async throws {
        let servers = try await Self.servers()
        defer { Self.stop(servers) }
        let targets = servers.map { "mx.test.example:\($0.port)" } + ["nonexistent.invalid"]
        // nonexistent.invalid is reached without --connect-to: a DNS failure, in the same run.
        let run = try await ExternalCheckers.runCommand(targets.dropLast() + ["--timeout", "1", "--format", "jsonl"] + Self.common)
        let dns = try await ExternalCheckers.runCommand(["nonexistent.invalid", "--format", "jsonl", "--timeout", "2"])
        // A target cut off by the run's deadline: a report with one target-level finding.
        let cutOff = try await ExternalCheckers.runCommand([targets[targets.count - 2], "--deadline", "0.5", "--format", "jsonl"] + Self.common)
        #expect(cutOff.stdout.contains("\"probe.deadline_exceeded\""))
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == servers.count)
        #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") })
        let outcome = try await ExternalCheckers.validateAgainstSchema(jsonLines: run.stdout + dns.stdout + cutOff.stdout)
        #expect(outcome.passed, "\(outcome.output)")
    }

    @Test func demoJSONMatchesTheSchema() async throws {
        let run = try await ExternalCheckers.runCommand(["demo", "--json"])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [Any])
        let lines = try reports.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let outcome = try await ExternalCheckers.validateAgainstSchema(jsonLines: lines.joined(separator: "\n"))
        #expect(outcome.passed, "\(outcome.output)")
    }

    /// `smtp-probe cert --json` for a passing chain with its key and for chains that fail
    /// in different ways, each judged against the schema's `certificateFileReport`.
    @Test(arguments: [FixtureCertificate.good, .wrongHost, .missingIntermediate, .selfSigned, .expired])
    func certJSONMatchesTheSchema(certificate: FixtureCertificate) async throws {
        let roots = FixtureCertificate.directory.appendingPathComponent("roots.pem").path
        let run = try await ExternalCheckers.runCommand([
            "cert", certificate.chainPath, "--hostname", FixtureCertificate.routeHost, "--ca-file", roots,
            "--key", certificate.keyPath, "--at", "2026-11-23T00:00:00Z", "--json",
        ])
        #expect(run.status == (certificate == .good ? 0 : 2), "\(run.stderr)")
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "certificateFileReport")
        #expect(outcome.passed, "\(outcome.output)")
    }

    @Test func severalTargetsGiveOneJSONArrayOrOneTextReportEach() async throws {
        let good = try await FixtureSMTPServer.start()
        let bad = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .wrongHost))
        defer { Self.stop([good, bad]) }
        let targets = ["mx.test.example:\(good.port)", "mx.test.example:\(bad.port)"]
        let json = try await ExternalCheckers.runCommand(targets + Self.common + ["--json"])
        #expect(json.status == 2)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["verdict"] as? String } == ["pass", "fail"])
        let text = try await ExternalCheckers.runCommand(targets + Self.common)
        #expect(text.status == 2)
        #expect(text.stdout.components(separatedBy: "smtp-probe: Test TLS connection").count == 3)
        #expect(text.stdout.contains(String(repeating: "─", count: 72)))
    }

    @Test func nagiosForOneTargetIsOneLineWithPerfdata() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--format", "nagios"] + Self.common)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let line = String(try #require(lines.first))
        #expect(line.hasPrefix("SMTP-PROBE OK - mx.test.example:\(server.port): TLS 1.3, certificate valid for "))
        // 'label'=value[UOM];warn;crit;min;max
        let perfdata = try #require(line.split(separator: "|").last).split(separator: " ")
        let syntax = #/^'[^'=]+'=-?[0-9.]+(ms)?(;[0-9:]*){0,4}$/#
        #expect(!perfdata.isEmpty)
        for item in perfdata { #expect(item.wholeMatch(of: syntax) != nil, "\(item)") }
        #expect(line.contains("'cert_days'=") && line.contains(";30:;;;"))
        #expect(line.contains("'handshake'="))
    }

    @Test func prometheusOutputIsAcceptedByPromtoolAndWrittenWhole() async throws {
        let servers = try await Self.servers()
        defer { Self.stop(servers) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("smtp.prom").path
        let run = try await ExternalCheckers.runCommand(servers.map { "mx.test.example:\($0.port)" }
                                   + ["--timeout", "1", "--format", "prometheus", "--output", file] + Self.common)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["smtp.prom"])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("# TYPE smtp_probe_success gauge"))
        #expect(text.contains("smtp_probe_success{target=\"mx.test.example:\(servers[0].port)\"} 1"))
        #expect(text.contains("smtp_probe_success{target=\"mx.test.example:\(servers[1].port)\"} 0"))
        let outcome = try await ExternalCheckers.promtoolCheck(file)
        #expect(outcome.passed, "\(outcome.output)")
    }

    /// A server's words reach the terminal and the Nagios status line as visible text: an
    /// escape sequence in a reply must not clear the operator's screen.
    @Test(arguments: [["--format", "nagios"], ["--lang", "ja"], []])
    func escapeSequencesFromAServerAreShownNotObeyed(format: [String]) async throws {
        var behaviour = FixtureBehaviour()
        behaviour.greeting = ["554 5.7.1 \u{1B}[2J\u{9B}31m go away"]
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Self.stop([server]) }
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)"] + format + Self.common)
        #expect(run.status == 2)
        #expect(run.stdout.contains("\\x1B[2J\\x9B31m go away"), "\(run.stdout)")
        #expect(!run.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" })
    }

    @Test func targetsFileAndRepeatsAreProbedOnce() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Self.stop([server]) }
        let list = try ExternalCheckers.temporaryFile("targets.txt", contents: """
            # fleet
            mx.test.example:\(server.port)   # the fixture

            mx.test.example:\(server.port)
            """)
        defer { try? FileManager.default.removeItem(atPath: list) }
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--targets", list, "--format", "jsonl"] + Self.common)
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(server.peakConnections == 1)
    }

    @Test func critDaysAlsoJudgeACertificateFile() async throws {
        // The expiring fixture's notAfter is 2120-01-01: 12 days after --at.
        let arguments = ["cert", FixtureCertificate.expiring.chainPath, "--hostname", "mx.test.example",
                         "--ca-file", FixtureCertificate.rootsPath, "--at", "2119-12-20", "--json"]
        let warn = try await ExternalCheckers.runCommand(arguments)
        #expect(warn.status == 1)
        #expect(warn.stdout.contains("\"cert.expiring_soon\""))
        let critical = try await ExternalCheckers.runCommand(arguments + ["--crit-days", "14"])
        #expect(critical.status == 2)
        #expect(critical.stdout.contains("\"cert.expiring_critical\""))
        #expect(!critical.stdout.contains("console_message"))
    }

    /// A failure that is only the operator's --crit-days, or only a refusal of this client,
    /// must not claim that the console's test fails.
    @Test func theVerdictLineSaysWhenTheConsolesTestItselfStillPasses() async throws {
        let expiring = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .expiring))
        var refusing = FixtureBehaviour()
        refusing.greeting = ["554 5.7.1 Not from you"]
        let refused = try await FixtureSMTPServer.start(refusing)
        defer { Self.stop([expiring, refused]) }
        let critical = try await ExternalCheckers.runCommand(["mx.test.example:\(expiring.port)", "--connect-to", "127.0.0.1",
            "--ca-file", FixtureCertificate.rootsPath, "--ehlo", "probe.smtp-probe.test", "--at", "2119-12-20", "--crit-days", "14"])
        #expect(critical.status == 2)
        #expect(critical.stdout.contains("FAIL: a certificate expires within your --crit-days limit"), "\(critical.stdout)")
        #expect(!critical.stdout.contains("would fail"))
        let rejected = try await ExternalCheckers.runCommand(["mx.test.example:\(refused.port)"] + Self.common)
        #expect(rejected.status == 2)
        #expect(rejected.stdout.contains("If it admits Google's servers"), "\(rejected.stdout)")
    }

    /// A WARNING that is a waived failure says why it is only a warning, as the text does.
    @Test func aWaivedFailureSaysSoInItsNagiosLine() async throws {
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .wrongHost))
        defer { Self.stop([server]) }
        let run = try await ExternalCheckers.runCommand(["mx.test.example:\(server.port)", "--no-verify-hostname",
                                                         "--format", "nagios"] + Self.common)
        #expect(run.status == 1)
        #expect(run.stdout.contains("[cert.hostname_mismatch] (passes only because \"Validate certificate hostname\" is off)"),
                "\(run.stdout)")
    }

    @Test func aBadLineInTheTargetsFileNamesItsLine() async throws {
        let list = try ExternalCheckers.temporaryFile("targets.txt", contents: "mx1.example.com\n# ok\nmx2.example.com:0\n")
        defer { try? FileManager.default.removeItem(atPath: list) }
        let run = try await ExternalCheckers.runCommand(["--targets", list])
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("line 3"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ["mx.example.com", "--json", "--format", "jsonl"],
        ["mx.example.com", "--format", "xml"],
        ["mx.example.com", "--crit-days", "40"],
        ["mx.example.com", "--crit-days", "-1"],
        ["mx.example.com", "--concurrency", "0"],
        ["mx.example.com", "--deadline", "0"],
        ["mx.example.com", "--output", "/nonexistent/dir/smtp.prom"],
        ["--targets", "/nonexistent/targets.txt"],
        [],
    ])
    func newOptionsRefuseBadValuesWithStatusThree(arguments: [String]) async throws {
        let run = try await ExternalCheckers.runCommand(arguments)
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("rror"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test(arguments: [["mx.example.com:99999", "--format", "nagios"],
                      ["mx.example.com", "--json", "--format=nagios"]])
    func aUserErrorUnderNagiosIsAnUnknownStatusLine(arguments: [String]) async throws {
        let run = try await ExternalCheckers.runCommand(arguments)
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("SMTP-PROBE UNKNOWN - "))
        #expect(!run.stdout.contains("Error:"))
        #expect(run.stdout.split(separator: "\n").count == 1)
    }

    /// One host in two routes with different options is judged twice, and the two judgements
    /// stay apart: two Nagios lines and Prometheus series that name the options.
    @Test func oneHostUnderTwoRoutesIsTwoJudgementsThatStayApart() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { Task { await server.stop() } }
        // An address as the route host: the fixture certificate names none, a hostname mismatch.
        let file = try ExternalCheckers.temporaryFile("two-routes.yaml", contents: """
            routes:
              - name: Strict
                host: 127.0.0.1:\(server.port)
              - name: Lax
                host: 127.0.0.1:\(server.port)
                options: { validate_certificate_hostname: false }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let common = ["--targets", file, "--ca-file", FixtureCertificate.rootsPath, "--ehlo", "probe.smtp-probe.test",
                      "--at", "2026-06-01T00:00:00Z"]
        let nagios = try await ExternalCheckers.runCommand(common + ["--format", "nagios"])
        let target = "127.0.0.1:\(server.port)"
        #expect(nagios.stdout.contains("CRITICAL - \(target) (all checks): "), "\(nagios.stdout)")
        #expect(nagios.stdout.contains("WARNING - \(target) (--no-verify-hostname): "), "\(nagios.stdout)")
        let prometheus = try await ExternalCheckers.runCommand(common + ["--format", "prometheus"])
        let series = prometheus.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: " ").dropLast().joined(separator: " ") }
        #expect(Set(series).count == series.count, "\(prometheus.stdout)")
        #expect(series.contains("smtp_probe_success{target=\"\(target) (--no-verify-hostname)\"}"), "\(prometheus.stdout)")
    }

    @Test func aRouteFileAsTargetsJudgesEachHostUnderItsRoutesOptions() async throws {
        let strict = try await FixtureSMTPServer.start()
        let relaxed = try await FixtureSMTPServer.start()
        defer { Task { await strict.stop(); await relaxed.stop() } }
        // An address as the route host: the fixture certificate names none, a hostname mismatch.
        let file = try ExternalCheckers.temporaryFile("routes.yaml", contents: """
            routes:
              - name: Strict
                host: 127.0.0.1:\(strict.port)
              - name: No hostname check
                host: 127.0.0.1:\(relaxed.port)
                options: { validate_certificate_hostname: false }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await ExternalCheckers.runCommand(["--targets", file, "--format", "jsonl", "--ca-file",
                                                         FixtureCertificate.rootsPath, "--ehlo", "probe.smtp-probe.test",
                                                         "--at", "2026-06-01T00:00:00Z"])
        #expect(run.status == 2)
        let reports = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let byPort = Dictionary(uniqueKeysWithValues: reports.compactMap { report -> (Int, [String: Any])? in
            guard let target = report["target"] as? [String: Any], let port = target["port"] as? Int else { return nil }
            return (port, report)
        })
        #expect(byPort[strict.port]?["verdict"] as? String == "fail")
        #expect(byPort[relaxed.port]?["verdict"] as? String == "warn")
        let options = byPort[relaxed.port]?["route_options"] as? [String: Any]
        #expect(options?["validate_certificate_hostname"] as? Bool == false)
        let schema = try await ExternalCheckers.validateAgainstSchema(jsonLines: run.stdout)
        #expect(schema.passed, "\(schema.output)")
    }
}
