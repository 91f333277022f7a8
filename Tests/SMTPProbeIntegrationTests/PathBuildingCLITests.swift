import Foundation
import Testing
import SMTPProbeFixtures

/// Path building (issue 15) as a user meets it: `smtp-probe cert` on the fixture chains, its
/// text pinned in both languages and its JSON checked against the schema, and `smtp-probe
/// probe` against the real Postfix serving Let's Encrypt's 2021 chain.
@Suite("Path building from the command line", .serialized, .timeLimit(.minutes(3)))
struct PathBuildingCLITests {
    private static let judgement = ["--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z"]

    private func cert(_ fixture: FixtureCertificate, _ more: [String] = []) async throws -> CLITests.Run {
        try await CLITests.run(["cert", fixture.chainPath, "--hostname", FixtureCertificate.routeHost] + Self.judgement + more)
    }

    /// The 2021 chain's text, pinned in both languages (fingerprints masked). Re-record with
    /// SMTP_PROBE_RECORD=1, which fails on purpose so that a recording never passes unnoticed.
    @Test(arguments: ["en", "ja"])
    func expiredCrossSignTextMatchesGolden(language: String) async throws {
        let run = try await cert(.crossSigned2021, ["--lang", language])
        #expect(run.status == 1, "\(run.stderr)")
        let text = CLITests.normalise(run.stdout)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Goldens/cert-cross-signed-2021.\(language).txt")
        if ProcessInfo.processInfo.environment["SMTP_PROBE_RECORD"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); run again without SMTP_PROBE_RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected)
    }

    /// Each path-building fixture: the exit status, the codes, the path used, and a JSON report
    /// that the schema accepts.
    @Test(arguments: [
        (FixtureCertificate.crossSigned2021, Int32(1), ["cert.alternative_path"], true),
        (.crossSignedTwin, 1, ["cert.chain_order", "cert.alternative_path"], true),
        (.extraOutOfOrder, 1, ["cert.chain_order"], true),
        (.sentRoot, 0, [], true),
        (.sha1Twin, 1, ["cert.chain_order"], true),
        (.hostileMesh, 2, ["cert.chain_order", "cert.expired"], false),
        (.decoyIssuers, 1, ["cert.chain_order", "cert.alternative_path"], true),
        (.reissuedRoot, 0, [], true),
    ])
    func certJSON(fixture: FixtureCertificate, status: Int32, codes: [String], trusted: Bool) async throws {
        let run = try await cert(fixture, ["--json"])
        #expect(run.status == status, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.compactMap { $0["code"] as? String } == codes)
        let verification = report["verification"] as? [String: Any]
        #expect(verification?["chain_trusted"] as? Bool == trusted)
        let built = verification?["built_chain"] as? [String] ?? []
        #expect(built.last == "CN=smtp-probe Test Root CA,O=smtp-probe test fixtures")
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "certificateFileReport")
        #expect(outcome.passed, "\(outcome.output)")
    }

    /// The real Postfix sends the 2021 chain: `smtp-probe probe` passes it with the warning,
    /// exit status 1, and says where a client that does not build paths fails.
    @Test func postfixServingTheExpiredCrossSignPassesWithTheWarning() async throws {
        let ports = try await PostfixServer.shared.ports()
        let port = try #require(ports["cross-signed-2021"], "postfix-fixture.sh has no listener for cross-signed-2021")
        let run = try await CLITests.run(["probe", "\(FixtureCertificate.routeHost):\(port)", "--connect-to", "127.0.0.1",
                                          "--ehlo", "probe.smtp-probe.test", "--format", "jsonl"] + Self.judgement)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["verdict"] as? String == "warn")
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.compactMap { $0["code"] as? String } == ["cert.alternative_path"])
        #expect((findings.first?["detail"] as? String)?.contains("unable to get local issuer certificate") == true)
        #expect(findings.first?["certificate"] as? Int == 2)
        let verification = report["verification"] as? [String: Any]
        #expect(verification?["chain_trusted"] as? Bool == true)
        #expect((verification?["built_chain"] as? [String])?.count == 3)
        let certificates = report["certificates"] as? [[String: Any]] ?? []
        #expect(certificates.count == 3)
        let outcome = try await ExternalCheckers.validateAgainstSchema(jsonLines: run.stdout)
        #expect(outcome.passed, "\(outcome.output)")
    }
}
