import Foundation
import Testing
@testable import SMTPProbe

/// MTA-STS policies fetched over HTTPS from a real nginx on loopback (``NginxServer``), with
/// the fixture CA as trust anchor: each way a policy host can fail a sender, and the checks'
/// judgement of what it serves.
@Suite("MTA-STS policies from a real nginx", .timeLimit(.minutes(1)))
struct MTASTSFetchTests {
    static let roots = ExternalCheckers.repository.appendingPathComponent("fixtures/certs/roots.pem").path
    static let record = ["v=STSv1; id=20261201000000;"]
    static let changeTime = Date(timeIntervalSince1970: 1_796_256_000)

    private func options(port: Int? = nil, trust: TrustSource = .file(roots)) async throws -> MTASTSFetchOptions {
        var options = MTASTSFetchOptions()
        options.trust = trust
        options.connectHost = "127.0.0.1"
        if let port {
            options.connectPort = port
        } else {
            options.connectPort = try await NginxServer.shared.port()
        }
        options.timeout = 5
        return options
    }

    private func check(_ site: String, mx: [String] = ["mx.test.example"], options given: MTASTSFetchOptions? = nil) async throws -> MTASTSCheck.Outcome {
        var options = given
        if options == nil { options = try await self.options() }
        guard let options else { throw Unexpected(outcome: "no options") }
        return try await MTASTSCheck.run(domain: "\(site).test.example", recordTexts: Self.record, mxHosts: mx,
                                         options: options, changeTime: Self.changeTime)
    }

    private func unreachable(_ outcome: MTASTSCheck.Outcome) throws -> MTASTSPolicyFetch.Failure {
        #expect(outcome.problems.map(\.code) == [.mtaSTSPolicyUnreachable])
        guard case .policyUnreachable(_, _, let reason)? = outcome.problems.first?.base as? MTASTSProblem else {
            throw Unexpected(outcome: "\(outcome.problems)")
        }
        return reason
    }

    struct Unexpected: Error { var outcome: String }

    @Test func aGoodPolicyIsFetchedOverVerifiedTLSAndCoversItsMXHosts() async throws {
        let outcome = try await check("good", mx: ["mx.test.example", "relay.backup.test.example."])
        #expect(outcome.problems.isEmpty)
        let policy = try #require(outcome.policy)
        #expect(policy.mode == .enforce)
        #expect(policy.mxPatterns.map(\.description) == ["mx.test.example", "*.backup.test.example"])
        #expect(policy.maxAge == 604_800)
        let https = try #require(outcome.fetch?.https)
        #expect(https.url == "https://mta-sts.good.test.example/.well-known/mta-sts.txt")
        #expect(https.address == "127.0.0.1")
        #expect(https.verification?.isTrusted == true)
        #expect(https.hostname == .matched(presented: "mta-sts.good.test.example"))
        #expect(https.response?.value(of: "content-type") == "text/plain")
        #expect(https.response?.body == Array(NginxServer.goodPolicy.utf8))
    }

    @Test func aChunkedPolicyIsReadWhole() async throws {
        let outcome = try await check("chunked")
        #expect(outcome.problems.isEmpty)
        let response = try #require(outcome.fetch?.https.response)
        #expect(response.value(of: "Transfer-Encoding") == "chunked")
        #expect(response.value(of: "Content-Length") == nil)
        #expect(response.body == Array(NginxServer.goodPolicy.utf8))
    }

    @Test func aRedirectIsNotFollowedAndItsLocationIsNamed() async throws {
        let outcome = try await check("redirect")
        #expect(try unreachable(outcome) == .redirect(status: 301, location: "https://www.redirect.test.example/policy.txt"))
        let finding = FindingCatalog(language: .en).finding(for: outcome.problems[0], routeHost: "", address: nil)
        #expect(finding.detail?.contains("301, a redirect to https://www.redirect.test.example/policy.txt") == true)
        #expect(finding.remedies.map(\.kind) == ["serve_mta_sts_policy", "remove_mta_sts_record"])
    }

    @Test func theWrongContentTypeIsRefused() async throws {
        #expect(try unreachable(await check("wrongtype")) == .contentType("text/html"))
    }

    @Test func aMissingPolicyIsTheServersStatus() async throws {
        #expect(try unreachable(await check("notfound")) == .status(404, reason: "Not Found"))
    }

    @Test func anOversizedPolicyIsRefusedOnItsAnnouncedLength() async throws {
        let outcome = try await check("oversized")
        #expect(try unreachable(outcome) == .https(.bodyTooLarge(limit: 65_536)))
        // Content-Length said it all: not a byte of the body was read.
        #expect(outcome.fetch?.https.response?.body.isEmpty == true)
    }

    @Test func anOversizedChunkedPolicyStopsBeingReadAtTheLimit() async throws {
        let outcome = try await check("bigchunked")
        #expect(try unreachable(outcome) == .https(.bodyTooLarge(limit: 65_536)))
        let response = try #require(outcome.fetch?.https.response)
        #expect(response.value(of: "Transfer-Encoding") == "chunked")
        #expect(response.body.count == 65_536)
    }

    @Test func anMXHostNoPatternMatchesFailsUnderEnforce() async throws {
        let outcome = try await check("uncovered", mx: ["mx1.test.example", "mx2.test.example"])
        #expect(outcome.problems.map(\.code) == [.mtaSTSMXNotCovered])
        #expect(outcome.problems.map(\.severity) == [.fail])
        let finding = FindingCatalog(language: .en).finding(for: outcome.problems[0], routeHost: "", address: nil)
        #expect(finding.message.contains("mx2.test.example"))
        #expect(finding.remedies.first?.text.contains("\"mx: mx1.test.example\", \"mx: mx2.test.example\"") == true)
        // A new id, from the time of the change, so that senders fetch the policy again.
        #expect(finding.remedies.first?.text.contains("_mta-sts.uncovered.test.example. 3600 IN TXT \"v=STSv1; id=20261203000000;\"") == true)
    }

    @Test func testingModeIsAnInfo() async throws {
        let outcome = try await check("testing")
        #expect(outcome.problems.map(\.code) == [.mtaSTSTestingMode])
        #expect(outcome.problems.map(\.severity) == [.info])
    }

    @Test func invalidFieldsAreEachNamed() async throws {
        let outcome = try await check("invalid")
        guard case .policyInvalid(_, let faults, _)? = outcome.problems.first?.base as? MTASTSProblem else {
            throw Unexpected(outcome: "\(outcome.problems)")
        }
        #expect(faults == [.invalidMode("strict"), .invalidMaxAge("99999999")])
        #expect(outcome.policy == nil)
    }

    @Test func aCertificateForAnotherNameIsRefusedBeforeAnyRequest() async throws {
        let outcome = try await check("badcert")
        #expect(try unreachable(outcome) == .https(.certificateNameMismatch(presented: ["mx.test.example", "mail.test.example"])))
        #expect(outcome.fetch?.https.response == nil)
    }

    @Test func aChainLongerThanOpenSSLFollowsIsRefused() async throws {
        let outcome = try await check("longchain")
        guard case .https(.certificateChainTooLong(let excess)) = try unreachable(outcome) else {
            throw Unexpected(outcome: "\(outcome.problems)")
        }
        #expect(excess.certificates == 103)
        let finding = FindingCatalog(language: .en).finding(for: outcome.problems[0], routeHost: "", address: nil)
        #expect(finding.detail?.contains("its certificate chain is too long: 103 certificates") == true)
    }

    @Test func aCertificateFromAnUntrustedCAIsRefused() async throws {
        let outcome = try await check("good", options: options(trust: .file(ExternalCheckers.repository
            .appendingPathComponent("fixtures/certs/other-root-ca.pem").path)))
        guard case .https(.certificateNotTrusted(let issues)) = try unreachable(outcome) else {
            throw Unexpected(outcome: "\(outcome.problems)")
        }
        #expect(!issues.isEmpty)
        #expect(outcome.fetch?.https.response == nil)
    }
}
