import Foundation
import Testing
import SMTPProbeFixtures

/// docs/report.schema.json must hold what docs/json-schema.md promises about the tool's
/// output, not only accept it: real `cert --json` output passes, and the same output bent in
/// one documented way at a time is refused.
@Suite("The JSON Schema is as strict as the documentation", .serialized, .timeLimit(.minutes(2)))
struct SchemaStrictnessTests {
    /// `cert --json` for the wrong-host fixture: a failing cert.* finding with the console's
    /// message and a relax_route_option remedy, and a verification object.
    static func wrongHostReport() async throws -> [String: Any] {
        let run = try await ExternalCheckers.runCommand([
            "cert", FixtureCertificate.wrongHost.chainPath, "--hostname", FixtureCertificate.routeHost,
            "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-11-23T00:00:00Z", "--json",
        ])
        #expect(run.status == 2, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func outcome(_ report: [String: Any]) async throws -> ExternalCheckers.Outcome {
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        return try await ExternalCheckers.validateAgainstSchema(document: String(decoding: data, as: UTF8.self),
                                                              definition: "certificateFileReport")
    }

    /// Applies `change` to the report's first finding.
    static func withFirstFinding(_ report: [String: Any], _ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
        var report = report
        var findings = try #require(report["findings"] as? [[String: Any]])
        change(&findings[0])
        report["findings"] = findings
        return report
    }

    @Test func theUnbentReportPasses() async throws {
        let outcome = try await Self.outcome(try await Self.wrongHostReport())
        #expect(outcome.passed, "\(outcome.output)")
    }

    @Test func eachDocumentedRuleIsEnforced() async throws {
        let report = try await Self.wrongHostReport()
        var bent: [(String, [String: Any])] = []

        var noVerification = report
        noVerification["verification"] = nil
        bent.append(("cert report without verification (always printed)", noVerification))

        var otherTool = report
        otherTool["tool"] = "other-tool 1.0"
        bent.append(("tool that is not smtp-probe", otherTool))

        var verification = try #require(report["verification"] as? [String: Any])
        verification["matched_name"] = "mx.test.example"
        var matchedWithoutMatch = report
        matchedWithoutMatch["verification"] = verification
        bent.append(("matched_name while hostname_matches is false", matchedWithoutMatch))

        bent.append(("waived finding still failing with the console's message", try Self.withFirstFinding(report) {
            $0["waived_by"] = ["validate_certificate_hostname"]
        }))
        bent.append(("console message on a warning", try Self.withFirstFinding(report) { $0["severity"] = "warn" }))
        bent.append(("relax remedy without its options", try Self.withFirstFinding(report) { finding in
            var remedies = finding["remedies"] as? [[String: Any]] ?? []
            for index in remedies.indices where remedies[index]["kind"] as? String == "relax_route_option" {
                remedies[index]["route_options"] = nil
            }
            finding["remedies"] = remedies
        }))
        bent.append(("route options on a remedy that relaxes nothing", try Self.withFirstFinding(report) { finding in
            var remedies = finding["remedies"] as? [[String: Any]] ?? []
            remedies[0]["route_options"] = ["require_tls"]
            finding["remedies"] = remedies
        }))

        for (what, document) in bent {
            let outcome = try await Self.outcome(document)
            #expect(!outcome.passed, "the schema accepts a \(what)")
        }
    }

    /// The long chain given as file + --untrusted: the report lists all 102 certificates the
    /// server would send, and the finding's `certificate` points among them.
    @Test func longChainWithUntrustedMatchesTheSchema() async throws {
        let run = try await ExternalCheckers.runCommand([
            "cert", FixtureCertificate.longChain.chainPath, "--untrusted", FixtureCertificate.longChainRestPath,
            "--ca-file", FixtureCertificate.rootsPath, "--at", "2026-11-23T00:00:00Z", "--json",
        ])
        #expect(run.status == 2, "\(run.stderr)")
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "certificateFileReport")
        #expect(outcome.passed, "\(outcome.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let certificates = try #require(report["certificates"] as? [[String: Any]])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(certificates.count == 102)
        #expect(findings.compactMap { $0["certificate"] as? Int } == [101])
    }
}
