import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// Issue 4's end-to-end check: a route file tested with `smtp-probe route` against real
/// Postfix listeners and a real DNS server (unbound), both on loopback.
@Suite("Route files against Postfix and unbound", .serialized, .timeLimit(.minutes(3)))
struct PostfixRouteTests {
    private func routeFile(good: Int, ecdsa: Int) -> String {
        """
        routes:
          - name: Outbound gateway
            primary:
              - { host: mx.test.example, port: \(good), load: 50 }
              - { host: other.test.example, port: \(good), load: 50 }
            secondary:
              - { host: "mx.test.example:\(ecdsa)", load: 100 }
          - name: Gateway without hostname validation
            options: { validate_certificate_hostname: false }
            primary:
              - { host: mx.test.example, port: \(good), load: 50 }
              - { host: other.test.example, port: \(good), load: 50 }
          - name: Partner domain
            host: good.test.example:\(good)
            options: { mx_lookup: true }
          - name: Domain with a null MX
            host: nullmx.test.example:\(good)
            options: { mx_lookup: true }
          - name: Relay port
            host: mx.test.example:465
          - name: ""
            host: mx.test.example:\(good)
          - name: Loads
            primary:
              - { host: mx.test.example:\(good), load: 60 }
              - { host: mail.test.example:\(good), load: 30 }

        """
    }

    private func run(_ extra: [String] = []) async throws -> (CLITests.Run, String) {
        let ports = try await PostfixServer.shared.ports()
        let good = try #require(ports["good"]), ecdsa = try #require(ports["good-ecdsa"])
        let dns = try await UnboundServer.shared.port()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("routes-\(getpid()).yaml").path
        try routeFile(good: good, ecdsa: ecdsa).write(toFile: path, atomically: true, encoding: .utf8)
        let run = try await CLITests.run(["route", path, "--dns-server", "127.0.0.1:\(dns)",
                                    "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z",
                                    "--ehlo", "probe.smtp-probe.test", "--timeout", "5"] + extra)
        return (run, path)
    }

    @Test func theRouteFileIsJudgedHostByHostUnderEachRoutesOptions() async throws {
        let (run, _) = try await run(["--json"])
        #expect(run.status == 2, "fail: some routes fail")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let report = try decoder.decode(RouteFileReport.self, from: Data(run.stdout.utf8))
        let schema = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "routeFileReport")
        #expect(schema.passed, "\(schema.output)")
        #expect(report.verdict == .fail)
        #expect(report.routes.count == 7)
        let r = report.routes

        // Two primaries, one with a name its certificate does not carry, and a secondary.
        #expect(r[0].verdict == .fail)
        #expect(r[0].hosts.map(\.verdict) == [.pass, .fail, .pass])
        #expect(r[0].hosts.map(\.table) == [.primary, .primary, .secondary])
        #expect(r[0].hosts[1].probes.first?.findings.map(\.code) == [.certHostnameMismatch])
        #expect(r[0].hosts[2].probes.first?.addresses.first?.address == "127.0.0.1")
        #expect(r[0].consequences.contains { $0.contains("other.test.example") && $0.contains("half of this route's mail would bounce") })
        #expect(r[0].relaxations.map(\.turnOff) == [[.validateHostname], [.requireTLS]])
        #expect(r[0].relaxations.first?.costs.first?.contains("any CA-signed certificate") == true)

        // The same hosts with hostname validation off: the mismatch stays, as a warning.
        #expect(r[1].verdict == .warn)
        #expect(r[1].hosts.map(\.verdict) == [.pass, .warn])
        let waived = try #require(r[1].hosts[1].probes.first?.findings.first)
        #expect(waived.code == .certHostnameMismatch && waived.severity == .warn && waived.waivedBy == [.validateHostname])
        #expect(r[1].relaxations.isEmpty)

        // MX lookup: each MX host in preference order, checked against its own name.
        #expect(r[2].verdict == .pass)
        #expect(r[2].hosts.first?.probes.map(\.target.host) == ["mx.test.example", "mail.test.example"])
        #expect(r[2].hosts.first?.mx?.map(\.preference) == [10, 20])

        #expect(r[3].hosts.first?.findings.map(\.code) == [.dnsNullMX])
        #expect(r[3].verdict == .fail)

        // What the console refuses to save.
        #expect(r[4].hosts.first?.findings.map(\.code) == [.routePortNotAllowed])
        #expect(r[4].hosts.first?.probes.isEmpty == true)
        #expect(r[4].verdict == .fail)
        #expect(r[5].findings.map(\.code) == [.routeNameMissing])
        #expect(r[5].hosts.first?.verdict == .pass, "the hosts of a route with errors are still probed")
        #expect(r[6].findings.map(\.code) == [.routeLoadsNot100])
        #expect(r[6].verdict == .fail)
    }

    @Test func mxLookupFromTheCommandLine() async throws {
        let ports = try await PostfixServer.shared.ports()
        let good = try #require(ports["good"])
        let dns = try await UnboundServer.shared.port()
        let run = try await CLITests.run(["--mx-lookup", "good.test.example:\(good)", "--dns-server", "127.0.0.1:\(dns)",
                                    "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01",
                                    "--ehlo", "probe.smtp-probe.test", "--json"])
        #expect(run.status == 0)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let report = try decoder.decode(RouteReport.self, from: Data(run.stdout.utf8))
        let schema = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "routeReport")
        #expect(schema.passed, "\(schema.output)")
        #expect(report.options.mxLookup)
        #expect(report.hosts.first?.probes.map(\.target.host) == ["mx.test.example", "mail.test.example"])
        #expect(report.hosts.first?.probes.allSatisfy { $0.target.port == good } == true)
        #expect(report.verdict == .pass)
    }

    @Test func theTextReportSaysWhatHappensToTheMail() async throws {
        let (run, _) = try await run()
        #expect(run.status == 2)
        #expect(run.stdout.contains("smtp-probe route: Outbound gateway"))
        #expect(run.stdout.contains("── primary · other.test.example · load 50 % ── FAIL"))
        #expect(run.stdout.contains("half of this route's mail would bounce"))
        #expect(run.stdout.contains("1. Turn off \"Validate certificate hostname\""))
        #expect(run.stdout.contains("Passes only because \"Validate certificate hostname\" is off in the route."))
        #expect(run.stdout.contains("Port 465 cannot be used in a Google Workspace route"))
        #expect(run.stdout.contains("Route #6 has no name"))
        #expect(run.stdout.contains("add up to 90 %, not 100 %"))
        #expect(run.stderr.isEmpty)
    }
}
