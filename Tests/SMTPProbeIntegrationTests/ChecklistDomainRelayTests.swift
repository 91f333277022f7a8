import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `smtp-probe checklist` live, for the plan's domains and relay devices: the domain checks
/// against nsd's signed `test.example` zones with the fixture Postfix's port-25 listeners as MX
/// hosts (as DomainCommandTests run them), and the relay's reachability against the fixture
/// Postfix standing in for smtp-relay.gmail.com (`--relay-connect-to`, as RelayTests do).
@Suite("The checklist's domain and relay checks, live", .serialized, .timeLimit(.minutes(3)))
struct ChecklistDomainRelayTests {
    private func report(_ plan: String) async throws -> (status: Int32, report: ChecklistReport) {
        let ports = try await PostfixServer.shared.ports()
        let good = try #require(ports["good"])
        let dns = try await NSDServer.shared.endpoint()
        let nginx = try await NginxServer.shared.port()
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: plan)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await CLITests.run(["checklist", path, "--dns-server", "127.0.0.1:\(dns.port)", "--trust-anchor", dns.anchorFile,
                                          "--mta-sts-connect-to", "127.0.0.1:\(nginx)", "--relay-connect-to", "127.0.0.1:\(good)",
                                          "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z",
                                          "--ehlo", "probe.smtp-probe.test", "--timeout", "5", "--json"])
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "checklistReport")
        #expect(outcome.passed, "\(outcome.output)")
        return (run.status, try JSONDecoder().decode(ChecklistReport.self, from: Data(run.stdout.utf8)))
    }

    /// A domain publishing everything right: one passed line per family, DKIM for the plan's
    /// selector, the MX host's TLS test included.
    @Test func aCleanDomainPassesFamilyByFamily() async throws {
        let (status, report) = try await report("""
            domain: good.test.example
            mail_to_google: false
            dkim_selectors: [google]

            """)
        let dns = report.checks.filter { $0.area == .dns }
        #expect(status == 0, "\(dns.map(\.message))")
        #expect(dns.allSatisfy { $0.status == .pass && $0.live && $0.code == "checklist.domain" && $0.location.line == 1 })
        #expect(dns.map(\.message) == ["MX", "DNSSEC", "DANE", "SPF", "DKIM", "DMARC", "MTA-STS", "TLS-RPT"].map {
            "good.test.example: the \($0) checks pass"
        } + ["good.test.example: the MX hosts pass the TLS test"])
    }

    /// `mail_to_google` is the domain checks' expectation, and each `dkim_selectors` entry is
    /// looked up: their findings are checklist lines with the finding's code and remedies.
    @Test func thePlansExpectationAndSelectorsAreChecked() async throws {
        let (status, report) = try await report("""
            domains: [good.test.example]
            mail_to_google: true
            dkim_selectors: [google, s2026]

            """)
        let dns = report.checks.filter { $0.area == .dns }
        #expect(status == 2)
        let notable = dns.filter { $0.status != .pass }
        // Mail to Google: the MX and SPF must name Google, which good.test.example's do not.
        #expect(notable.map(\.code) == ["mx.not_google", "spf.no_google_include", "dkim.missing"], "\(notable.map(\.message))")
        #expect(notable.allSatisfy { $0.message.hasPrefix("good.test.example: ") && !$0.remedies.isEmpty })
        #expect(!dns.contains { $0.message.contains("the MX checks pass") || $0.message.contains("the DKIM checks pass") })
        #expect(dns.contains { $0.message == "good.test.example: the DMARC checks pass" })
    }

    /// A family whose lookup failed is not said to pass: stsbogus.test.example's `_mta-sts`
    /// does not validate, so its MTA-STS line is the warning, with no passed line beside it.
    @Test func aFailedLookupIsNoPassedFamily() async throws {
        let (status, report) = try await report("""
            domain: stsbogus.test.example
            mail_to_google: false
            dkim_selectors: [google]

            """)
        let dns = report.checks.filter { $0.area == .dns }
        #expect(status == 1, "\(dns.map(\.message))")
        let notable = dns.filter { $0.status != .pass }
        #expect(notable.map(\.code) == ["mta_sts.lookup_failed"], "\(dns.map(\.message))")
        #expect(notable.first?.status == .warn)
        #expect(notable.first?.message.hasPrefix("stsbogus.test.example: The DNS lookup of _mta-sts.stsbogus.test.example failed") == true)
        #expect(!dns.contains { $0.message.contains("the MTA-STS checks pass") }, "\(dns.map(\.message))")
        #expect(dns.contains { $0.message == "stsbogus.test.example: the TLS-RPT checks pass" })
    }

    /// Each device is tested on its own port with its EHLO name and TLS: a device on 587 with
    /// STARTTLS reaches the relay; one set for TLS from the first byte fails the handshake
    /// against a STARTTLS server. The port and EHLO rules stay the plan's own lines, not
    /// repeated by the live test.
    @Test func eachDeviceIsTestedAsItConnects() async throws {
        let (status, report) = try await report("""
            relay:
              server: mx.test.example
              require_tls: true
              devices:
                - { name: scanner, ehlo: scanner3f.test.example, port: 587 }
                - { name: copier, ehlo: scanner3f.test.example, port: 587 }
                - { name: legacy, ehlo: legacy.test.example, port: 465, tls: implicit }

            """)
        let live = report.checks.filter { $0.area == .relay && $0.live }
        #expect(status == 2)
        #expect(live.map(\.location.line) == [5, 6, 7], "\(live.map(\.message))")
        #expect(live[0].status == .pass && live[0].message == "The relay answers scanner's port 587")
        #expect(live[1].status == .pass && live[1].message == "The relay answers copier's port 587")
        #expect(live[2].code == "tls.handshake_failed" && live[2].status == .fail)
        #expect(live[2].message.hasPrefix("mx.test.example:465: "))
        #expect(!live.contains { $0.code.hasPrefix("relay.") && $0.status != .pass })
    }
}
