import Foundation
import Testing
import SMTPProbeFixtures

/// The monitoring outputs of one run over a mixed set of real Postfix targets: one that
/// passes, one whose certificate is about to expire (judged as of December 2119, a month before
/// its notAfter of 2120-01-01), and two that fail.
@Suite("Monitoring real Postfix targets", .serialized, .timeLimit(.minutes(3)))
struct PostfixMonitoringTests {
    static let cases = ["good", "expiring", "wrong-host", "self-signed"]
    static let common = ["--connect-to", "127.0.0.1", "--ca-file", FixtureCertificate.rootsPath,
                         "--ehlo", "probe.smtp-probe.test", "--at", "2119-12-01T00:00:00Z", "--warn-days", "60"]

    private func targets() async throws -> [String: String] {
        let ports = try await PostfixServer.shared.ports()
        var targets: [String: String] = [:]
        for name in Self.cases {
            targets[name] = "mx.test.example:\(try #require(ports[name], "postfix-fixture.sh has no listener for \(name)"))"
        }
        return targets
    }

    @Test func nagiosStatusLineLongOutputAndExitStatus() async throws {
        let targets = try await targets()
        let run = try await ExternalCheckers.runCommand(Self.cases.map { targets[$0]! } + Self.common + ["--format", "nagios"])
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("SMTP-PROBE CRITICAL - 4 targets: 2 critical, 1 warning, 1 ok | 'targets'=4;;;0") == true)
        func line(_ name: String) -> String? { lines.dropFirst().first { $0.contains(" - \(targets[name]!): ") } }
        #expect(line("wrong-host")?.hasPrefix("CRITICAL - ") == true)
        #expect(line("wrong-host")?.contains("[cert.hostname_mismatch]") == true)
        #expect(line("self-signed")?.hasPrefix("CRITICAL - ") == true)
        #expect(line("self-signed")?.contains("[cert.self_signed]") == true)
        #expect(line("expiring")?.hasPrefix("WARNING - ") == true)
        #expect(line("expiring")?.contains("expires in 31 days") == true)
        #expect(line("expiring")?.contains("[cert.expiring_soon]") == true)
        #expect(line("good")?.hasPrefix("OK - \(targets["good"]!): TLS 1.3, certificate valid for 1858 more days") == true)
        // Worst first: the two failures, then the warning, then the pass.
        #expect(lines.dropFirst().prefix(4).map { $0.split(separator: " ").first.map(String.init) ?? "" }
                == ["CRITICAL", "CRITICAL", "WARNING", "OK"])
        #expect(run.stdout.contains("'\(targets["expiring"]!) cert_days'=31;60:;;;"))
        #expect(run.stdout.contains("'\(targets["good"]!) cert_days'=1858;60:;;;"))
        #expect(run.stdout.contains("'\(targets["good"]!) handshake'="))
    }

    @Test func critDaysMakeTheExpiringOneCritical() async throws {
        let targets = try await targets()
        let run = try await ExternalCheckers.runCommand([targets["good"]!, targets["expiring"]!] + Self.common
                                   + ["--crit-days", "45", "--format", "nagios"])
        #expect(run.status == 2)
        #expect(run.stdout.hasPrefix("SMTP-PROBE CRITICAL - 2 targets: 1 critical, 1 ok"))
        #expect(run.stdout.contains("CRITICAL - \(targets["expiring"]!): "))
        #expect(run.stdout.contains("[cert.expiring_critical]"))
        #expect(run.stdout.contains("'\(targets["expiring"]!) cert_days'=31;60:;45:;;"))
    }

    @Test func prometheusTextfileDescribesEachTarget() async throws {
        let targets = try await targets()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-postfix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("smtp_probe.prom").path
        let run = try await ExternalCheckers.runCommand(Self.cases.map { targets[$0]! } + Self.common
                                   + ["--format", "prometheus", "--output", file])
        #expect(run.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["smtp_probe.prom"])
        let samples = Set(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init))
        func has(_ sample: String) { #expect(samples.contains(sample), "missing: \(sample)") }
        let good = targets["good"]!, expiring = targets["expiring"]!
        let wrongHost = targets["wrong-host"]!, selfSigned = targets["self-signed"]!
        has("smtp_probe_success{target=\"\(good)\"} 1")
        has("smtp_probe_success{target=\"\(expiring)\"} 1")
        has("smtp_probe_success{target=\"\(wrongHost)\"} 0")
        has("smtp_probe_success{target=\"\(selfSigned)\"} 0")
        has("smtp_probe_verdict{target=\"\(good)\",verdict=\"pass\"} 1")
        has("smtp_probe_verdict{target=\"\(expiring)\",verdict=\"warn\"} 1")
        has("smtp_probe_verdict{target=\"\(wrongHost)\",verdict=\"fail\"} 1")
        has("smtp_probe_findings{target=\"\(expiring)\",code=\"cert.expiring_soon\",severity=\"warn\"} 1")
        has("smtp_probe_findings{target=\"\(wrongHost)\",code=\"cert.hostname_mismatch\",severity=\"fail\"} 1")
        has("smtp_probe_findings{target=\"\(selfSigned)\",code=\"cert.self_signed\",severity=\"fail\"} 1")
        // 2120-01-01T00:00:00Z and 2125-01-01T00:00:00Z
        has("smtp_probe_cert_not_after_seconds{target=\"\(expiring)\",address=\"127.0.0.1\"} 4733510400")
        has("smtp_probe_cert_not_after_seconds{target=\"\(good)\",address=\"127.0.0.1\"} 4891363200")
        has("smtp_probe_cert_hostname_match{target=\"\(wrongHost)\",address=\"127.0.0.1\"} 0")
        has("smtp_probe_cert_chain_trusted{target=\"\(selfSigned)\",address=\"127.0.0.1\"} 0")
        #expect(samples.contains { $0.hasPrefix("smtp_probe_tls_version_info{target=\"\(good)\",address=\"127.0.0.1\",version=\"TLS 1.") })
        #expect(samples.contains { $0.hasPrefix("smtp_probe_phase_duration_seconds{target=\"\(good)\",address=\"127.0.0.1\",phase=\"handshake\"} ") })
        let outcome = try await ExternalCheckers.promtoolCheck(file)
        #expect(outcome.passed, "\(outcome.output)")
    }

    @Test func jsonLinesOfEveryPostfixCaseMatchTheSchema() async throws {
        let ports = try await PostfixServer.shared.ports()
        // Not the two relay-test listeners: GatewayTests counts their sessions, one test at a
        // time, and a probe from this suite beside it made that count flaky.
        let targets = ports.filter { !["open-relay", "relay-refused"].contains($0.key) }.values.sorted().map { "mx.test.example:\($0)" }
        #expect(targets.count >= 18)
        let run = try await ExternalCheckers.runCommand(targets + Self.common + ["--format", "jsonl", "--concurrency", "4"])
        #expect(run.status == 2)
        #expect(run.stdout.split(separator: "\n").count == targets.count)
        let outcome = try await ExternalCheckers.validateAgainstSchema(jsonLines: run.stdout)
        #expect(outcome.passed, "\(outcome.output)")
    }
}
