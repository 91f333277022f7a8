import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `smtp-probe relay`: the SMTP relay's client rules (seed 000) judged with the probe's TLS
/// test, against the real Postfix on loopback standing in for smtp-relay.gmail.com.
@Suite("SMTP relay readiness", .timeLimit(.minutes(2)))
struct RelayTests {
    private func run(_ extra: [String]) async throws -> CLITests.Run {
        let good = try #require(try await PostfixServer.shared.ports()["good"])
        return try await CLITests.run(["relay", "mx.test.example", "--connect-to", "127.0.0.1:\(good)",
                                       "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z",
                                       "--timeout", "5"] + extra)
    }

    @Test func aDeviceOnPort25WithAGenericNameIsWarnedInEveryFormat() async throws {
        let arguments = ["--port", "25", "--ehlo", "localhost", "--require-tls"]
        let text = try await run(arguments)
        #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("WARN  TLS encryption is required, but the client uses port 25 instead of 587  [relay.port_for_required_tls]"))
        #expect(text.stdout.contains("[relay.generic_ehlo]"))
        for format in ["json", "jsonl"] {
            let run = try await run(arguments + ["--format", format])
            #expect(run.status == 1)
            let schema = format == "jsonl" ? try await ExternalCheckers.validateAgainstSchema(jsonLines: run.stdout)
                : try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "probeReport")
            #expect(schema.passed, "\(schema.output)")
            let report = try JSONDecoder.reports.decode(ProbeReport.self, from: Data(run.stdout.utf8))
            #expect(report.findings.map(\.code) == [.relayPortForRequiredTLS, .relayGenericEHLO])
            #expect(report.findings.allSatisfy { $0.address == nil })
            // The generic name is reported, not said: the relay would rate-limit this machine.
            #expect(report.smtp?.ehloName != "localhost")
            #expect(report.addresses.first?.verdict == .pass)
        }
    }

    @Test func aDeviceOn587WithItsOwnNamePasses() async throws {
        let run = try await run(["--port", "587", "--ehlo", "scanner3f.test.example", "--require-tls", "--json"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let report = try JSONDecoder.reports.decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(report.findings.isEmpty)
        #expect(report.smtp?.ehloName == "scanner3f.test.example")
        #expect(report.target.port == 587)
    }

    /// 465 is the relay's own port for TLS from the first byte: no route rule applies to it,
    /// and a STARTTLS server there fails the handshake.
    @Test func port465IsImplicitTLSAndNoRoutePort() async throws {
        let run = try await run(["--port", "465", "--json"])
        let report = try JSONDecoder.reports.decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(run.status == 2)
        #expect(report.smtp?.tlsMode == .implicit)
        #expect(!report.findings.map(\.code).contains(.routePortNotAllowed))
        #expect(report.findings.map(\.code).contains(.tlsHandshakeFailed))
    }

    /// AUTH only after TLS (seed 000: SMTP AUTH needs TLS), judged on the real Postfix
    /// submission listeners, whose SASL goes through Dovecot.
    @Test func authOfferedInClearWarnsAndFailsWhenTheDeviceAuthenticates() async throws {
        _ = try await DovecotServer.shared.ports()
        let ports = try await PostfixServer.shared.ports()
        let clear = try #require(ports["submission-clear-auth"]), onlyTLS = try #require(ports["submission"])
        func relay(_ port: Int, _ extra: [String]) async throws -> (Int32, [FindingCode]) {
            let run = try await CLITests.run(["relay", "mx.test.example", "--connect-to", "127.0.0.1:\(port)",
                                              "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z",
                                              "--ehlo", "scanner3f.test.example", "--json"] + extra)
            let report = try JSONDecoder.reports.decode(ProbeReport.self, from: Data(run.stdout.utf8))
            return (run.status, report.findings.map(\.code))
        }
        let warned = try await relay(clear, [])
        #expect(warned.0 == 1 && warned.1 == [.authOfferedBeforeTLS])
        let failed = try await relay(clear, ["--smtp-auth"])
        #expect(failed.0 == 2 && failed.1 == [.authOfferedBeforeTLS])
        let passed = try await relay(onlyTLS, ["--smtp-auth", "--require-tls"])
        #expect(passed.0 == 0 && passed.1 == [])
        // The fixture's port-25-style listener offers no AUTH at all: a device that must
        // authenticate cannot.
        let good = try #require(ports["good"])
        let missing = try await relay(good, ["--smtp-auth"])
        #expect(missing.0 == 2 && missing.1 == [.authNotOffered])
    }

    /// For monitoring, as the probe command gives one target: a Nagios status line (WARNING,
    /// exit 1, the first warning named) with perfdata, and Prometheus metrics promtool accepts.
    @Test func nagiosAndPrometheusForTheRelay() async throws {
        let arguments = ["--port", "25", "--ehlo", "localhost", "--require-tls"]
        let nagios = try await run(arguments + ["--format", "nagios"])
        #expect(nagios.status == 1, "\(nagios.stdout)\(nagios.stderr)")
        #expect(nagios.stdout.hasPrefix("""
            SMTP-PROBE WARNING - mx.test.example:25: TLS encryption is required, but the client uses port 25 instead of 587 \
            [relay.port_for_required_tls] (+1 more) | 'dns'=
            """), "\(nagios.stdout)")
        #expect(nagios.stdout.split(separator: "\n").count == 1 && nagios.stdout.contains("'cert_days'="), "\(nagios.stdout)")
        let prometheus = try await run(arguments + ["--format", "prometheus"])
        #expect(prometheus.status == 1)
        for sample in ["smtp_probe_success{target=\"mx.test.example:25\"} 1",
                       "smtp_probe_verdict{target=\"mx.test.example:25\",verdict=\"warn\"} 1",
                       "smtp_probe_findings{target=\"mx.test.example:25\",code=\"relay.generic_ehlo\",severity=\"warn\"} 1"] {
            #expect(prometheus.stdout.contains(sample + "\n"), "\(sample) in \(prometheus.stdout)")
        }
        let path = try ExternalCheckers.temporaryFile("relay.prom", contents: prometheus.stdout)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = try await ExternalCheckers.promtoolCheck(path)
        #expect(check.passed, "\(check.output)")
    }

    /// AUTH in clear on the real submission listener, for a device that authenticates: CRITICAL.
    @Test func authInClearIsCriticalForNagios() async throws {
        _ = try await DovecotServer.shared.ports()
        let clear = try #require(try await PostfixServer.shared.ports()["submission-clear-auth"])
        let run = try await CLITests.run(["relay", "mx.test.example", "--connect-to", "127.0.0.1:\(clear)", "--smtp-auth",
                                          "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z",
                                          "--ehlo", "scanner3f.test.example", "--format", "nagios"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("SMTP-PROBE CRITICAL - mx.test.example:587: "), "\(run.stdout)")
        #expect(run.stdout.contains("[auth.offered_before_tls] | "), "\(run.stdout)")
    }

    /// Nagios shows standard output only: a user error is an UNKNOWN status line, exit 3.
    @Test func aUserErrorIsUnknownForNagios() async throws {
        let run = try await CLITests.run(["relay", "--connect-to", "127.0.0.1:1", "--port", "2525", "--format", "nagios"])
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("SMTP-PROBE UNKNOWN - ") && run.stdout.contains("--port must be 587, 465 or 25"), "\(run.stdout)")
    }

    @Test(arguments: [["--port", "2525"], ["--ehlo", "not a name"]])
    func userErrorsExitThree(extra: [String]) async throws {
        let run = try await CLITests.run(["relay", "--connect-to", "127.0.0.1:1"] + extra)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
