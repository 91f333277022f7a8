import Foundation
import Testing
import SMTPProbeFixtures

/// `smtp-probe domain` against real servers: nsd serving signed zones (scripts/dns-fixture.sh,
/// zone `test.example`), the fixture Postfix's port-25 listeners on 127.0.0.11–13 as MX hosts,
/// and nginx serving the MTA-STS policies. Each planted problem gives its code, severity and
/// remedy; a clean domain passes.
@Suite("The domain command", .serialized, .timeLimit(.minutes(3)))
struct DomainCommandTests {
    /// The command line every test runs: the test DNS server and its anchors, the fixture CA,
    /// nginx for every MTA-STS policy, and a moment inside the fixture certificates' validity.
    static func arguments(_ extra: [String]) async throws -> [String] {
        _ = try await PostfixServer.shared.ports()
        let dns = try await NSDServer.shared.endpoint()
        let nginx = try await NginxServer.shared.port()
        return ["domain", "--dns-server", "127.0.0.1:\(dns.port)", "--trust-anchor", dns.anchorFile,
                "--ca-file", FixtureCertificate.rootsPath, "--mta-sts-connect-to", "127.0.0.1:\(nginx)",
                "--at", "2026-06-01T00:00:00Z", "--ehlo", "probe.smtp-probe.test", "--timeout", "5"] + extra
    }

    static func run(_ extra: [String]) async throws -> CLITests.Run {
        try await ExternalCheckers.runCommand(try await arguments(extra))
    }

    /// The JSON report of one domain, checked against docs/report.schema.json first.
    static func report(_ extra: [String]) async throws -> (status: Int32, json: [String: Any]) {
        let run = try await run(extra + ["--format", "json"])
        let schema = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "domainReport")
        #expect(schema.passed, "\(schema.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return (run.status, json)
    }

    /// The domain's findings and its MX probes' findings: code → (severity, remedy kinds).
    static func findings(_ json: [String: Any]) -> [String: (severity: String, remedies: [String])] {
        var all = json["findings"] as? [[String: Any]] ?? []
        for host in json["mx"] as? [[String: Any]] ?? [] {
            all += (host["probe"] as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        }
        var out: [String: (String, [String])] = [:]
        for finding in all {
            let remedies = (finding["remedies"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            out[finding["code"] as! String] = (finding["severity"] as! String, remedies)
        }
        return out
    }

    /// A domain that publishes everything right passes, and says that DANE matched.
    @Test func aCleanDomainPasses() async throws {
        let (status, json) = try await Self.report(["good.test.example"])
        let findings = Self.findings(json)
        #expect(status == 0, "\(findings)")
        #expect(json["verdict"] as? String == "pass")
        #expect(findings.keys.sorted() == ["dane.tlsa_ok"], "\(findings)")
        #expect(findings["dane.tlsa_ok"]?.severity == "info")
        let records = try #require(json["records"] as? [String: Any])
        #expect(records["dnssec"] as? String == "secure")
        #expect(records["spf"] as? String == "v=spf1 mx -all")
        #expect(records["mta_sts_mode"] as? String == "enforce")
        let mx = try #require((json["mx"] as? [[String: Any]])?.first)
        #expect(mx["exchange"] as? String == "mx.test.example")
        let tlsa = try #require(mx["tlsa"] as? [String: Any])
        #expect(tlsa["dnssec"] as? String == "secure")
        #expect((tlsa["records"] as? [String])?.first?.hasPrefix("3 1 1 ") == true)
        #expect(((mx["probe"] as? [String: Any])?["verdict"] as? String) == "pass")
    }

    /// Every planted problem of uncovered.test.example, with its severity and first remedy.
    @Test func eachPlantedProblemGivesItsCode() async throws {
        let (status, json) = try await Self.report(["uncovered.test.example", "--expect-google"])
        let findings = Self.findings(json)
        #expect(status == 2)
        let expected: [(String, String, String)] = [
            ("mx.ip_literal", "fail", "name_mx_host"),
            ("mx.no_address", "warn", "publish_mx_address"),
            ("mx.not_google", "fail", "publish_google_mx"),
            ("dane.tlsa_mismatch", "fail", "publish_matching_tlsa"),
            ("mta_sts.mx_not_covered", "fail", "add_mta_sts_mx_pattern"),
            ("spf.permissive_all", "fail", "publish_spf"),
            ("spf.no_google_include", "fail", "publish_spf"),
            ("dmarc.policy_none", "warn", "publish_dmarc"),
            ("dkim.missing", "warn", "publish_dkim_key"),
            ("tls_rpt.missing", "warn", "publish_tls_rpt"),
            ("cert.self_signed", "fail", "install_trusted_certificate"),
        ]
        for (code, severity, remedy) in expected {
            #expect(findings[code]?.severity == severity, "\(code): \(String(describing: findings[code]))")
            #expect(findings[code]?.remedies.first == remedy, "\(code): \(String(describing: findings[code]))")
        }
        #expect(json["provider"] as? String == "other")
    }

    /// Under an enforce policy, an MX host it covers whose certificate fails is refused by
    /// MTA-STS senders: a finding of its own, beside the probe's cert.* failure.
    @Test func anEnforcedPolicyFailsAnMXHostWithABadCertificate() async throws {
        let (status, json) = try await Self.report(["chunked.test.example"])
        let findings = Self.findings(json)
        #expect(status == 2)
        #expect(findings["mta_sts.mx_certificate_invalid"]?.severity == "fail", "\(findings)")
        #expect(findings["mta_sts.mx_certificate_invalid"]?.remedies == ["install_mx_certificate"])
        #expect(findings["mta_sts.mx_not_covered"] == nil)
        #expect(findings["cert.self_signed"]?.severity == "fail")
        // A clean MX host under the same policy gives no such finding.
        #expect(Self.findings(try await Self.report(["good.test.example"]).json)["mta_sts.mx_certificate_invalid"] == nil)
    }

    /// A `_mta-sts` lookup that fails (a CNAME into bogus.test, whose signatures expired) is
    /// reported, not taken for "no MTA-STS": the one warning of a domain otherwise clean.
    @Test func aFailedMTASTSLookupIsReportedNotSkipped() async throws {
        let (status, json) = try await Self.report(["stsbogus.test.example"])
        let findings = Self.findings(json)
        #expect(status == 1, "\(findings)")
        #expect(json["verdict"] as? String == "warn")
        #expect(findings.keys.sorted() == ["dane.tlsa_ok", "mta_sts.lookup_failed"], "\(findings)")
        #expect(findings["mta_sts.lookup_failed"]?.severity == "warn")
        #expect(findings["mta_sts.lookup_failed"]?.remedies == ["check_name_servers"])
        let finding = (json["findings"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "mta_sts.lookup_failed" }
        #expect((finding?["detail"] as? String)?.contains("DNSSEC validation failed") == true, "\(String(describing: finding))")
        #expect((json["records"] as? [String: Any])?["mta_sts"] == nil)
        // The text report's record line agrees with the finding: not "(none)".
        let text = try await Self.run(["stsbogus.test.example"])
        #expect(text.stdout.contains("MTA-STS        (lookup failed)"), "\(text.stdout)")
        #expect(text.stdout.contains("WARN  The DNS lookup of _mta-sts.stsbogus.test.example failed"), "\(text.stdout)")
    }

    /// Both of Google's MX sets at once, with mail expected at Google.
    @Test func bothGoogleSetsAreAWarning() async throws {
        let (_, json) = try await Self.report(["google.test.example", "--expect-google"])
        let findings = Self.findings(json)
        #expect(findings["mx.mixed_google_sets"]?.severity == "warn", "\(findings)")
        #expect(findings["mx.not_google"] == nil)
        #expect(findings["spf.no_google_include"] == nil)
        #expect(json["provider"] as? String == "google")
    }

    /// A bogus zone fails with libunbound's reason; TLSA records in an unsigned zone warn.
    @Test func dnssecStatesOfTheDomains() async throws {
        let (bogusStatus, bogus) = try await Self.report(["bogus.test"])
        #expect(bogusStatus == 2)
        #expect(Self.findings(bogus)["dnssec.bogus"]?.severity == "fail", "\(Self.findings(bogus))")
        let (_, insecure) = try await Self.report(["insecure.test"])
        #expect(Self.findings(insecure)["dane.tlsa_insecure"]?.severity == "warn", "\(Self.findings(insecure))")
    }

    /// Several domains for monitoring: Nagios sums them up worst first, and Prometheus'
    /// exposition passes promtool.
    @Test func nagiosAndPrometheusForSeveralDomains() async throws {
        let nagios = try await Self.run(["good.test.example", "uncovered.test.example", "--format", "nagios"])
        let lines = nagios.stdout.split(separator: "\n").map(String.init)
        #expect(nagios.status == 2, "\(nagios.stderr)")
        #expect(lines.first?.hasPrefix("SMTP-PROBE DOMAIN CRITICAL - 2 domains: 1 critical, 1 ok") == true, "\(nagios.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("CRITICAL - uncovered.test.example: ") == true, "\(nagios.stdout)")
        #expect(lines.contains { $0.hasPrefix("OK - good.test.example: ") }, "\(nagios.stdout)")

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-domain-\(UUID().uuidString).prom").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let prometheus = try await Self.run(["good.test.example", "uncovered.test.example", "--format", "prometheus", "--output", path])
        #expect(prometheus.status == 2, "\(prometheus.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("smtp_probe_domain_success{domain=\"good.test.example\"} 1"), "\(text)")
        #expect(text.contains("smtp_probe_domain_success{domain=\"uncovered.test.example\"} 0"), "\(text)")
        let check = try await ExternalCheckers.promtoolCheck(path)
        #expect(check.passed, "\(check.output)")

        // JSON Lines: one domain report a line, each valid.
        let jsonl = try await Self.run(["good.test.example", "uncovered.test.example", "--format", "jsonl"])
        #expect(jsonl.stdout.split(separator: "\n").count == 2)
        for line in jsonl.stdout.split(separator: "\n") {
            let schema = try await ExternalCheckers.validateAgainstSchema(document: String(line), definition: "domainReport")
            #expect(schema.passed, "\(schema.output)")
        }
    }

    /// Two tenants sharing an MX host: one probe in the run, its report given to both (the
    /// same timings to the tenth of a millisecond, which two probes would not have).
    @Test func anMXHostSharedByTwoDomainsIsProbedOnce() async throws {
        let run = try await Self.run(["good.test.example", "shared.test.example", "--format", "json"])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stderr)")
        #expect(reports.map { $0["domain"] as? String } == ["good.test.example", "shared.test.example"])
        let probes = reports.map { (($0["mx"] as? [[String: Any]])?.first?["probe"] as? [String: Any]) ?? [:] }
        let timings = probes.map { ($0["timings_ms"] as? [String: Double]) ?? [:] }
        #expect(timings[0]["total"] != nil)
        #expect(timings[0] == timings[1], "\(timings)")
    }

    /// The text report of a clean domain, pinned in English and Japanese (ports and times masked).
    @Test(arguments: ["en", "ja"])
    func cleanDomainTextMatchesGolden(language: String) async throws {
        let run = try await Self.run(["good.test.example", "--lang", language])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        var text = CLITests.normalise(run.stdout)
        text = text.replacingOccurrences(of: #"3 1 1 [0-9a-f]{64}"#, with: "3 1 1 SHA256", options: .regularExpression)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Goldens/domain.\(language).txt")
        if ProcessInfo.processInfo.environment["SMTP_PROBE_RECORD"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); run again without SMTP_PROBE_RECORD")
            return
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
    }
}
