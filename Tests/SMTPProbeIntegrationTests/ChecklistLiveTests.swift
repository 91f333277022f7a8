import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `smtp-probe checklist` live: the plan's inbound routes tested under their
/// own options against real Postfix listeners, their names answered by a real DNS server
/// (unbound), all on loopback. The outbound gateway's test is in GatewayTests, whose tests
/// count the open-relay listener's sessions one test at a time.
@Suite("The checklist of a migration plan, live against Postfix", .serialized, .timeLimit(.minutes(3)))
struct ChecklistLiveTests {
    private func run(_ extra: [String]) async throws -> CLITests.Run {
        let ports = try await PostfixServer.shared.ports()
        let good = try #require(ports["good"]), expired = try #require(ports["expired"])
        let wrongHost = try #require(ports["wrong-host"])
        let dns = try await UnboundServer.shared.port()
        let plan = """
            domain: test.example
            routes:
              - name: Good
                host: mx.test.example:\(good)
              - name: Expired
                host: mx.test.example:\(expired)
              - name: Archive
                host: mx.test.example:\(wrongHost)
                options: { validate_certificate_hostname: false }
            relay:
              allowed_ranges: [8.8.8.0/28]
              devices:
                - { name: printer, address: 8.8.8.1, port: 587 }
            fetch:
              - { address: user@isp.example, pop3: "pop.isp.example:995" }

            """
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: plan)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await CLITests.run(["checklist", path, "--dns-server", "127.0.0.1:\(dns)",
                                       "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z",
                                       "--ehlo", "probe.smtp-probe.test", "--timeout", "5"] + extra)
    }

    @Test func eachRouteHostIsTestedUnderItsRoutesOptions() async throws {
        let run = try await run(["--json"])
        #expect(run.status == 2, "the expired certificate fails: \(run.stderr)")
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "checklistReport")
        #expect(outcome.passed, "\(outcome.output)")
        let report = try JSONDecoder().decode(ChecklistReport.self, from: Data(run.stdout.utf8))
        #expect(!report.offline)
        let live = report.checks.filter(\.live)
        let routes = live.filter { $0.area == .inboundRoutes }
        #expect(routes.map(\.location.line) == [3, 5, 7], "\(routes.map(\.message))")
        #expect(routes.map(\.code) == ["checklist.route_tls", "cert.expired", "cert.hostname_mismatch"])
        // Hostname validation off: the mismatch is waived, a warning that stays visible.
        #expect(routes.map(\.status) == [.pass, .fail, .warn])
        #expect(routes[1].message.hasPrefix("mx.test.example:") && !routes[1].remedies.isEmpty)
        // The fetched mailbox's POP3 server is probed too (ChecklistFetchTests tests it against
        // Dovecot); unbound has no answer for pop.isp.example, and the line says so.
        let fetch = live.filter { $0.area == .fetchedMailboxes }
        #expect(fetch.map(\.code) == ["dns.temporary_failure"] && fetch[0].status == .fail && fetch[0].location.line == 15,
                "\(fetch.map(\.message))")
        // The domain and relay checks are made (ChecklistDomainRelayTests tests them against nsd
        // and a relay stand-in); here unbound has no anchor for test.example and no answer for
        // smtp-relay.gmail.com. A domain whose answers do not validate passes no family.
        let dns = live.filter { $0.area == .dns }, relay = live.filter { $0.area == .relay }
        #expect(dns.map(\.code) == ["dnssec.bogus"] && dns[0].status == .fail, "\(dns.map(\.message))")
        #expect(relay.map(\.code) == ["dns.temporary_failure"] && relay[0].location.line == 13, "\(relay.map(\.message))")
    }

    @Test func theTextSaysWhatPassedAndWhatFailed() async throws {
        let run = try await run(["--lang", "en"])
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  ✔ mx.test.example:") && $0.contains("the TLS test passes under the route's options") })
        #expect(lines.contains { $0.hasPrefix("  ✘ mx.test.example:") && $0.contains("expired") })
        #expect(lines.last == "The cut-over cannot go ahead: 4 checks fail.")
    }
}
