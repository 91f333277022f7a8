import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures
import NIOCore
import NIOPosix

/// The command line with MX lookup, against a real DNS server (unbound) on loopback: route
/// files in `--targets`, `--mx-lookup` with one domain or several, in each output format.
@Suite("MX lookup on the command line", .serialized, .timeLimit(.minutes(2)))
struct MXLookupCLITests {
    /// An MSP's list of tenants' domains with MX lookup, checked by Nagios: one status for the
    /// run, a line per MX host found, and the domain whose null MX accepts no mail.
    @Test func aRouteFileWithMXLookupChecksEachMXHostUnderNagios() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start()
        defer { Task { await server.stop() } }
        let file = try ExternalCheckers.temporaryFile("tenants.yaml", contents: """
            routes:
              - name: Tenants
                port: \(server.port)
                options: { mx_lookup: true }
                primary:
                  - { host: good.test.example, load: 50 }
                  - { host: nullmx.test.example, load: 50 }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await ExternalCheckers.runCommand(["--targets", file, "--format", "nagios",
                                                         "--dns-server", "127.0.0.1:\(dnsPort)",
                                                         "--ca-file", FixtureCertificate.rootsPath,
                                                         "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z"])
        #expect(run.status == 2, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("SMTP-PROBE CRITICAL") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("OK - mx.test.example:\(server.port) (MX of good.test.example): ") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("OK - mail.test.example:\(server.port) (MX of good.test.example): ") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("CRITICAL - nullmx.test.example:\(server.port): ") && $0.contains("[dns.null_mx]") },
                "\(run.stdout)")
    }

    /// One domain with `--format json` (not only `--json`) and `--output`: the route report,
    /// with every MX host, in the file.
    @Test func mxLookupOfOneDomainAsJSONIntoAFile() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start()
        defer { Task { await server.stop() } }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-route-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await ExternalCheckers.runCommand([
            "--mx-lookup", "good.test.example:\(server.port)", "--format", "json", "--output", file,
            "--dns-server", "127.0.0.1:\(dnsPort)", "--ca-file", FixtureCertificate.rootsPath,
            "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z",
        ])
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let hosts = try #require(report["hosts"] as? [[String: Any]])
        let probed = (hosts.first?["probes"] as? [[String: Any]] ?? []).compactMap { ($0["target"] as? [String: Any])?["host"] as? String }
        #expect(probed == ["mx.test.example", "mail.test.example"])
    }

    @Test(arguments: ["text", "json", "jsonl", "nagios", "prometheus"])
    func mxLookupOfAnAddressIsAnInvalidRouteHostInEveryFormat(format: String) async throws {
        let run = try await ExternalCheckers.runCommand(["--mx-lookup", "127.0.0.1:25", "--format", format])
        #expect(run.status == 2)
        #expect(run.stdout.contains("route.invalid_host"), "\(run.stdout)")
    }

    /// `--mx-lookup` with several domains and a monitoring format: each MX host is a target of
    /// its own, as with a route file in `--targets`.
    @Test func mxLookupOfSeveralDomainsUnderNagios() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start()
        defer { Task { await server.stop() } }
        let run = try await ExternalCheckers.runCommand([
            "--mx-lookup", "good.test.example:\(server.port)", "nullmx.test.example:\(server.port)", "--format", "nagios",
            "--dns-server", "127.0.0.1:\(dnsPort)", "--ca-file", FixtureCertificate.rootsPath,
            "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z",
        ])
        #expect(run.status == 2, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("SMTP-PROBE CRITICAL - 3 targets: 1 critical, 2 ok") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("OK - mx.test.example:\(server.port) (MX of good.test.example): ") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("OK - mail.test.example:\(server.port) (MX of good.test.example): ") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("CRITICAL - nullmx.test.example:\(server.port): ") }, "\(run.stdout)")

        // The same run as JSON Lines: each MX host says whose MX it is, and the schema holds.
        let jsonl = try await ExternalCheckers.runCommand([
            "--mx-lookup", "good.test.example:\(server.port)", "alias.test.example:\(server.port)",
            "--format", "jsonl", "--dns-server", "127.0.0.1:\(dnsPort)", "--ca-file", FixtureCertificate.rootsPath,
            "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z",
        ])
        let reports = jsonl.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let mxOf = Dictionary(uniqueKeysWithValues: reports.compactMap { report -> (String, [String])? in
            guard let target = report["target"] as? [String: Any], let host = target["host"] as? String else { return nil }
            return (host, target["mx_of"] as? [String] ?? [])
        })
        #expect(mxOf == ["mx.test.example": ["good.test.example"], "mail.test.example": ["good.test.example"],
                         "cname.test.example": ["alias.test.example"]], "\(jsonl.stdout)")
        let schema = try await ExternalCheckers.validateAgainstSchema(jsonLines: jsonl.stdout)
        #expect(schema.passed, "\(schema.output)")
        let text = try await ExternalCheckers.runCommand([
            "--mx-lookup", "good.test.example:\(server.port)", "alias.test.example:\(server.port)",
            "--dns-server", "127.0.0.1:\(dnsPort)", "--ca-file", FixtureCertificate.rootsPath,
            "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z",
        ])
        #expect(text.stdout.contains("MX host of alias.test.example · "), "\(text.stdout)")

        // Prometheus: the MX relation as an info metric, accepted by promtool.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-mx-\(UUID().uuidString).prom").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let prometheus = try await ExternalCheckers.runCommand([
            "--mx-lookup", "good.test.example:\(server.port)", "alias.test.example:\(server.port)",
            "--format", "prometheus", "--output", file, "--dns-server", "127.0.0.1:\(dnsPort)",
            "--ca-file", FixtureCertificate.rootsPath, "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z",
        ])
        let metrics = try String(contentsOfFile: file, encoding: .utf8)
        #expect(metrics.contains("smtp_probe_mx_of_info{target=\"cname.test.example:\(server.port)\",domain=\"alias.test.example\"} 1"),
                "\(metrics)\(prometheus.stderr)")
        let promtool = try await ExternalCheckers.promtoolCheck(file)
        #expect(promtool.passed, "\(promtool.output)")
    }

    /// A domain's null MX and the MX host of the same name found for another domain are two
    /// results: their Nagios lines and Prometheus series must not look the same.
    @Test func aDomainAndAHostOfTheSameNameHaveDistinctLinesAndSeries() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start()
        defer { Task { await server.stop() } }
        let common = ["--mx-lookup", "nullhost.test.example:\(server.port)", "tenant.test.example:\(server.port)",
                      "--dns-server", "127.0.0.1:\(dnsPort)", "--ca-file", FixtureCertificate.rootsPath,
                      "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z"]
        let nagios = try await ExternalCheckers.runCommand(common + ["--format", "nagios"])
        let lines = nagios.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(nagios.stdout.contains("nullhost.test.example:\(server.port) (MX lookup, all checks)"), "\(nagios.stdout)")
        #expect(nagios.stdout.contains("[dns.null_mx]"))
        #expect(Set(lines).count == lines.count, "\(nagios.stdout)")
        let prometheus = try await ExternalCheckers.runCommand(common + ["--format", "prometheus"])
        let series = prometheus.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in line[..<(line.lastIndex(of: " ") ?? line.endIndex)] }
        #expect(Set(series).count == series.count, "\(prometheus.stdout)")
        #expect(prometheus.stdout.contains("smtp_probe_success{target=\"nullhost.test.example:\(server.port) (MX lookup, all checks)\"} 0"))
    }

    /// The deadline's stand-ins for a host listed twice, once as a mail domain: two distinct
    /// series, as for finished results (DNS here is a socket that never answers).
    @Test func deadlineStandInsForADomainAndAHostOfTheSameNameStayDistinct() async throws {
        // A UDP socket that reads every query and answers none.
        let silent = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { silent.close(promise: nil) }
        let port = try #require(silent.localAddress?.port)
        let routes = try ExternalCheckers.temporaryFile("routes.yaml", contents: """
            routes:
              - name: plain
                host: t1.tenant.example:25
              - name: domain
                host: t1.tenant.example:25
                options: { mx_lookup: true }
            """)
        defer { try? FileManager.default.removeItem(atPath: routes) }
        let run = try await ExternalCheckers.runCommand(["--targets", routes, "--dns-server", "127.0.0.1:\(port)",
                                                         "--timeout", "5", "--deadline", "1", "--format", "prometheus"])
        let series = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { line in line[..<(line.lastIndex(of: " ") ?? line.endIndex)] }
        #expect(!series.isEmpty, "\(run.stderr)")
        #expect(Set(series).count == series.count, "\(run.stdout)")
        #expect(run.stdout.contains("code=\"probe.deadline_exceeded\""))
    }
}
