import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `smtp-probe gateway` against two real Postfix listeners on loopback: one that relays for
/// loopback clients (an open relay, whose accepted mail would be discarded) and one that
/// refuses to relay. Postfix's own log proves what was sent: MAIL and one RCPT, never DATA.
@Suite("Outbound gateway open-relay check", .serialized, .timeLimit(.minutes(3)))
struct GatewayTests {
    static let logFile = "/var/log/postfix-fixture.log"

    private func run(_ listener: String, _ extra: [String] = []) async throws -> CLITests.Run {
        let port = try #require(try await PostfixServer.shared.ports()[listener], "no \(listener) listener")
        return try await CLITests.run(["gateway", "mx.test.example:\(port)", "--connect-to", "127.0.0.1:\(port)",
                                       "--ca-file", FixtureCertificate.rootsPath, "--ehlo", "probe.smtp-probe.test",
                                       "--at", "2026-06-01T00:00:00Z", "--timeout", "5"] + extra)
    }

    /// The session lines (`disconnect from ... mail=1 rcpt=1 ...`) of one listener, of the
    /// clients that said EHLO (postfix-fixture.sh's port checks connect and say nothing).
    private static func sessions(of listener: String) throws -> [String] {
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map(String.init)
            .filter { $0.contains("postfix/fixture-\(listener)/smtpd[") && $0.contains("disconnect from") && $0.contains(" ehlo=") }
    }

    /// The session lines that `body` adds; Postfix logs each one when the session ends, through
    /// its log daemon, so they are waited for (without asserting how long that takes).
    private func newSessions(of listener: String, count: Int, _ body: () async throws -> Void) async throws -> [String] {
        let before = try Self.sessions(of: listener).count
        try await body()
        for _ in 0..<100 {
            let now = try Self.sessions(of: listener)
            if now.count >= before + count { return Array(now.dropFirst(before)) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return Array(try Self.sessions(of: listener).dropFirst(before))
    }

    @Test func anOpenRelayFailsInEveryFormatAndNoDataIsSent() async throws {
        var runs: [CLITests.Run] = []
        let sessions = try await newSessions(of: "open-relay", count: 3) {
            for format in ["text", "json", "jsonl"] { runs.append(try await run("open-relay", ["--format", format])) }
        }
        #expect(runs.map(\.status) == [2, 2, 2])
        let text = runs[0].stdout
        #expect(text.contains("[gateway.open_relay]"))
        #expect(text.contains("Open relay: the gateway accepted RCPT TO:<smtp-probe-relay-test@example.net>"))
        #expect(text.contains("meaningful only from an address outside Google's mail server ranges"))
        #expect(text.contains("_spf.google.com"))
        #expect(text.hasSuffix("FAIL: gateway \"mx.test.example:\(try #require(try await PostfixServer.shared.ports()["open-relay"]))\" is an open relay: it relays mail for clients that are not Google. Its route test itself passes.\n"))
        #expect(!text.contains("bounce"))
        for (run, definition) in [(runs[1], "routeReport")] {
            let schema = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: definition)
            #expect(schema.passed, "\(schema.output)")
        }
        for output in [runs[1].stdout, runs[2].stdout] {
            let report = try JSONDecoder.reports.decode(RouteReport.self, from: Data(output.utf8))
            #expect(report.verdict == .fail)
            // Its TLS test passes: the route's mail would not bounce, it is relaying that fails.
            #expect(report.consequences.isEmpty, "\(report.consequences)")
            let address = try #require(report.hosts.first?.probes.first?.addresses.first)
            #expect(address.findings.map(\.code).contains(.gatewayOpenRelay))
            #expect(address.findings.map(\.code).contains(.gatewayAcceptsNonGoogle))
            #expect(address.smtp?.relayTest?.mailFrom == "postmaster@test.example")
            #expect(address.smtp?.relayTest?.rcptReply?.code == 250)
            #expect(address.smtp?.relayTest?.rsetReply?.code == 250)
        }
        // Postfix counts the commands of each session: one MAIL, one RCPT, RSET, never DATA.
        #expect(sessions.count == 3, "\(sessions)")
        for session in sessions {
            #expect(session.contains(" mail=1 rcpt=1 rset=1 quit=1 "), "\(session)")
            #expect(!session.contains("data"), "\(session)")
        }
    }

    @Test func aGatewayThatRefusesToRelayPasses() async throws {
        var runs: [CLITests.Run] = []
        let sessions = try await newSessions(of: "relay-refused", count: 2) {
            runs.append(try await run("relay-refused"))
            runs.append(try await run("relay-refused", ["--json", "--lang", "ja"]))
        }
        #expect(runs.map(\.status) == [0, 0], "\(runs.map(\.stdout))")
        #expect(runs[0].stdout.contains("[gateway.relay_refused]"))
        let report = try JSONDecoder.reports.decode(RouteReport.self, from: Data(runs[1].stdout.utf8))
        let address = try #require(report.hosts.first?.probes.first?.addresses.first)
        #expect(address.findings.map(\.code) == [.gatewayRelayRefused, .gatewayAcceptsNonGoogle])
        #expect(address.findings.first?.message.contains("転送を拒否しました") == true)
        #expect(address.smtp?.relayTest?.rcptReply?.code == 554)
        for session in sessions {
            #expect(session.contains(" mail=1 rcpt=0/1 rset=1 quit=1 "), "\(session)")
            #expect(!session.contains("data"), "\(session)")
        }
    }

    /// For monitoring: Nagios' one status line names the gateway and the open relay, CRITICAL
    /// (exit 2), with the probe's perfdata and `open_relay`; Prometheus says it in
    /// `smtp_probe_gateway_open_relay` and passes promtool. Still never DATA.
    @Test func anOpenRelayIsCriticalForNagiosAndPrometheus() async throws {
        let port = try #require(try await PostfixServer.shared.ports()["open-relay"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-gateway-\(UUID().uuidString).prom").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var runs: [CLITests.Run] = []
        let sessions = try await newSessions(of: "open-relay", count: 2) {
            runs.append(try await run("open-relay", ["--format", "nagios"]))
            runs.append(try await run("open-relay", ["--format", "prometheus", "--output", path]))
        }
        #expect(runs.map(\.status) == [2, 2], "\(runs.map(\.stderr))")
        let lines = runs[0].stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "one status line: \(runs[0].stdout)")
        #expect(runs[0].stdout.hasPrefix("""
            SMTP-PROBE GATEWAY CRITICAL - mx.test.example:\(port): Open relay: the gateway accepted \
            RCPT TO:<smtp-probe-relay-test@example.net>
            """), "\(runs[0].stdout)")
        #expect(runs[0].stdout.contains("[gateway.open_relay] | 'dns'="), "\(runs[0].stdout)")
        #expect(runs[0].stdout.contains("'cert_days'="), "\(runs[0].stdout)")
        #expect(runs[0].stdout.hasSuffix(" 'open_relay'=1;;;0;1\n"), "\(runs[0].stdout)")
        #expect(runs[1].stdout.isEmpty)
        let metrics = try String(contentsOfFile: path, encoding: .utf8)
        let gateway = "gateway=\"mx.test.example:\(port)\""
        for sample in ["smtp_probe_gateway_open_relay{\(gateway)} 1", "smtp_probe_gateway_relay_tested{\(gateway)} 1",
                       "smtp_probe_gateway_success{\(gateway)} 0", "smtp_probe_gateway_verdict{\(gateway),verdict=\"fail\"} 1",
                       "smtp_probe_gateway_findings{\(gateway),code=\"gateway.open_relay\",severity=\"fail\"} 1",
                       "smtp_probe_cert_chain_trusted{target=\"mx.test.example:\(port)\",address=\"127.0.0.1\"} 1"] {
            #expect(metrics.contains(sample + "\n"), "\(sample) in \(metrics)")
        }
        let check = try await ExternalCheckers.promtoolCheck(path)
        #expect(check.passed, "\(check.output)")
        #expect(sessions.count == 2, "\(sessions)")
        #expect(sessions.allSatisfy { $0.contains(" mail=1 rcpt=1 rset=1 quit=1 ") && !$0.contains("data") }, "\(sessions)")
    }

    /// A gateway that refuses to relay is OK for Nagios (exit 0), its line saying so, and
    /// `smtp_probe_gateway_open_relay` is 0.
    @Test func aGatewayThatRefusesToRelayIsOKForNagiosAndPrometheus() async throws {
        let port = try #require(try await PostfixServer.shared.ports()["relay-refused"])
        let nagios = try await run("relay-refused", ["--format", "nagios"])
        #expect(nagios.status == 0, "\(nagios.stdout)\(nagios.stderr)")
        #expect(nagios.stdout.hasPrefix("SMTP-PROBE GATEWAY OK - mx.test.example:\(port): TLS"), "\(nagios.stdout)")
        #expect(nagios.stdout.contains("[gateway.relay_refused] | "), "\(nagios.stdout)")
        #expect(nagios.stdout.hasSuffix(" 'open_relay'=0;;;0;1\n"), "\(nagios.stdout)")
        let prometheus = try await run("relay-refused", ["--format", "prometheus"])
        #expect(prometheus.status == 0)
        #expect(prometheus.stdout.contains("smtp_probe_gateway_open_relay{gateway=\"mx.test.example:\(port)\"} 0\n"), "\(prometheus.stdout)")
        #expect(prometheus.stdout.contains("smtp_probe_gateway_success{gateway=\"mx.test.example:\(port)\"} 1\n"))
        let path = try ExternalCheckers.temporaryFile("gateway.prom", contents: prometheus.stdout)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = try await ExternalCheckers.promtoolCheck(path)
        #expect(check.passed, "\(check.output)")
    }

    /// A gateway that refuses this client at the greeting: relaying was not tested, so there
    /// is no `open_relay` perfdata or sample, and Nagios says CRITICAL for the greeting.
    @Test func anUntestedGatewayHasNoOpenRelaySample() async throws {
        let nagios = try await run("reject-554", ["--format", "nagios"])
        #expect(nagios.status == 2, "\(nagios.stdout)")
        #expect(nagios.stdout.hasPrefix("SMTP-PROBE GATEWAY CRITICAL - "), "\(nagios.stdout)")
        #expect(nagios.stdout.contains("[smtp.greeting_rejected]") && !nagios.stdout.contains("open_relay"), "\(nagios.stdout)")
        let prometheus = try await run("reject-554", ["--format", "prometheus"])
        #expect(prometheus.stdout.contains("smtp_probe_gateway_relay_tested{gateway=") && !prometheus.stdout.contains("smtp_probe_gateway_open_relay{"),
                "\(prometheus.stdout)")
    }

    /// MAIL and RCPT belong to the gateway command alone: a probe of the same open relay says
    /// EHLO, STARTTLS, EHLO and QUIT, as Postfix's log shows.
    @Test func theProbeNeverSendsMailOrRcpt() async throws {
        let port = try #require(try await PostfixServer.shared.ports()["open-relay"])
        var status: Int32 = -1
        let sessions = try await newSessions(of: "open-relay", count: 1) {
            status = try await CLITests.run(["mx.test.example:\(port)", "--connect-to", "127.0.0.1:\(port)",
                                             "--ca-file", FixtureCertificate.rootsPath, "--ehlo", "probe.smtp-probe.test",
                                             "--at", "2026-06-01T00:00:00Z"]).status
        }
        #expect(status == 0)
        #expect(sessions.count == 1)
        #expect(sessions.allSatisfy { $0.hasSuffix(" ehlo=2 starttls=1 quit=1 commands=4") }, "\(sessions)")
    }

    /// A gateway that refuses this non-Google client outright (Postfix's 554 greeting): said as
    /// such, and relaying is not tested.
    @Test func aGatewayThatRefusesThisClientIsSaidSo() async throws {
        let run = try await run("reject-554", ["--json"])
        let report = try JSONDecoder.reports.decode(RouteReport.self, from: Data(run.stdout.utf8))
        let address = try #require(report.hosts.first?.probes.first?.addresses.first)
        #expect(address.findings.map(\.code) == [.smtpGreetingRejected, .gatewayRejectsNonGoogle])
        #expect(address.smtp?.relayTest == nil)
    }

    @Test(arguments: [
        ["--relay-to", "someone@example.net>\r\nDATA"],
        ["--relay-to", "not-an-address"],
        ["--from-domain", "bad domain"],
    ])
    func addressesThatCannotStandInAnEnvelopeAreRefused(extra: [String]) async throws {
        let run = try await CLITests.run(["gateway", "mx.test.example:25", "--connect-to", "127.0.0.1:1"] + extra)
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
    }

    @Test func anIPAddressNeedsAFromDomain() async throws {
        let run = try await CLITests.run(["gateway", "127.0.0.1:1"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("--from-domain"))
    }
}

/// A migration plan's outbound gateway, tested by `smtp-probe checklist` as `smtp-probe
/// gateway` tests it. In this suite, which runs one test at a time, because the tests above
/// count the open-relay listener's sessions.
extension GatewayTests {
    @Test func aChecklistsGatewayIsTestedInOneConnectionAndNeverSendsData() async throws {
        let port = try #require(try await PostfixServer.shared.ports()["open-relay"])
        let dns = try await UnboundServer.shared.port()
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: """
            domain: test.example
            outbound_gateway:
              host: mx.test.example:\(port)

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var run: CLITests.Run?
        let sessions = try await newSessions(of: "open-relay", count: 1) {
            run = try await CLITests.run(["checklist", path, "--dns-server", "127.0.0.1:\(dns)", "--ca-file", FixtureCertificate.rootsPath,
                                          "--at", "2026-06-01T00:00:00Z", "--ehlo", "probe.smtp-probe.test", "--timeout", "5", "--json"])
        }
        let output = try #require(run)
        #expect(output.status == 2, "the gateway relays for anyone: \(output.stderr)")
        let report = try JSONDecoder().decode(ChecklistReport.self, from: Data(output.stdout.utf8))
        let gateway = report.checks.filter { $0.area == .outboundGateway && $0.live }
        #expect(gateway.map(\.code) == ["checklist.gateway_tls", "gateway.open_relay"])
        #expect(gateway.map(\.status) == [.pass, .fail])
        #expect(gateway.allSatisfy { $0.location.line == 3 })
        #expect(gateway[1].message.hasPrefix("mx.test.example:\(port): ") && !gateway[1].remedies.isEmpty)
        // The TLS test and the relay test are one session: one MAIL, one RCPT, never DATA.
        #expect(sessions.count == 1, "\(sessions)")
        #expect(sessions.allSatisfy { $0.contains(" mail=1 rcpt=1 rset=1 quit=1 ") && !$0.contains("data") }, "\(sessions)")
    }
}
