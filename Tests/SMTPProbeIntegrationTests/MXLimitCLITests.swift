import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// A domain whose DNS names many MX hosts that all stall (many.test.example: 12 MX hosts, all
/// at a server on 127.0.0.1 that accepts and never speaks). Whoever runs that DNS must not
/// decide how long a run lasts: at most 10 MX hosts are probed, the others are named, and the
/// run ends at `--deadline` with what was cut short reported.
@Suite("MX host limit and the run deadline", .serialized, .timeLimit(.minutes(2)))
struct MXLimitCLITests {
    /// Accepts, and never says a word.
    private static var stalling: FixtureBehaviour {
        var behaviour = FixtureBehaviour()
        behaviour.stall = .beforeGreeting
        return behaviour
    }

    private func common(dnsPort: Int) -> [String] {
        ["--dns-server", "127.0.0.1:\(dnsPort)", "--ca-file", FixtureCertificate.rootsPath,
         "--ehlo", "probe.smtp-probe.test", "--timeout", "2", "--deadline", "3"]
    }

    /// `smtp-probe --mx-lookup DOMAIN --json`: the route report of one domain.
    @Test func oneDomainWithMXLookupEndsAtTheDeadline() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(Self.stalling)
        defer { Task { await server.stop() } }
        let run = try await ExternalCheckers.runCommand(["--mx-lookup", "many.test.example:\(server.port)", "--json"]
                                                        + common(dnsPort: dnsPort))
        #expect(run.status == 2, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let host = try #require((report["hosts"] as? [[String: Any]])?.first)
        try Self.expectLimitAndDeadline(host)
    }

    /// `smtp-probe route FILE` with an MX-lookup entry: the same limit and deadline.
    @Test func aRouteFileEndsAtTheDeadline() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(Self.stalling)
        defer { Task { await server.stop() } }
        let file = try ExternalCheckers.temporaryFile("many.yaml", contents: """
            routes:
              - name: Many
                host: many.test.example:\(server.port)
                options: { mx_lookup: true }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await ExternalCheckers.runCommand(["route", file, "--json"] + common(dnsPort: dnsPort))
        #expect(run.status == 2, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let route = try #require((report["routes"] as? [[String: Any]])?.first)
        let host = try #require((route["hosts"] as? [[String: Any]])?.first)
        try Self.expectLimitAndDeadline(host)
    }

    /// Monitoring the same domain: 10 MX hosts, and the domain's own result naming the others.
    @Test func aBatchProbesTenMXHostsAndNamesTheOthers() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(Self.stalling)
        defer { Task { await server.stop() } }
        let run = try await ExternalCheckers.runCommand(["--mx-lookup", "many.test.example:\(server.port)",
                                                         "--format", "jsonl"] + common(dnsPort: dnsPort))
        #expect(run.status == 2, "\(run.stderr)")
        let reports = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let hosts = reports.compactMap { ($0["target"] as? [String: Any])?["host"] as? String }
        #expect(Set(hosts) == Set(["many.test.example"] + (1...10).map { "stall\($0).test.example" }), "\(run.stdout)")
        let codes = reports.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        #expect(codes.contains("dns.mx_hosts_not_probed"))
        #expect(codes.contains("probe.deadline_exceeded"))

        // Under Nagios the domain's own line says why it is there.
        let nagios = try await ExternalCheckers.runCommand(["--mx-lookup", "many.test.example:\(server.port)",
                                                            "--format", "nagios"] + common(dnsPort: dnsPort))
        #expect(nagios.stdout.split(separator: "\n").contains { $0.hasPrefix("OK - many.test.example:\(server.port)")
            && $0.contains("[dns.mx_hosts_not_probed]") }, "\(nagios.stdout)")
    }

    private static func expectLimitAndDeadline(_ host: [String: Any]) throws {
        #expect((host["mx"] as? [[String: Any]])?.count == 12)
        let probes = try #require(host["probes"] as? [[String: Any]])
        #expect(probes.compactMap { ($0["target"] as? [String: Any])?["host"] as? String }
                == (1...10).map { "stall\($0).test.example" })
        let findings = host["findings"] as? [[String: Any]] ?? []
        let notProbed = try #require(findings.first { $0["code"] as? String == "dns.mx_hosts_not_probed" })
        #expect((notProbed["detail"] as? String)?.contains("stall11.test.example, stall12.test.example") == true)
        // One stalling server, one connection at a time: most hosts were still waiting.
        let cut = probes.filter { probe in
            (probe["findings"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "probe.deadline_exceeded" }
        }
        #expect(!cut.isEmpty)
        #expect(cut.allSatisfy { $0["verdict"] as? String == "fail" })
    }
}
