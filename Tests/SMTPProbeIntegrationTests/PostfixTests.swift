import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// The same checks against a real Postfix: what `smtp-probe HOST:PORT --connect-to 127.0.0.1
/// --ca-file ROOTS` reports for each kind of certificate problem.
@Suite("Probing a real Postfix on loopback", .serialized, .timeLimit(.minutes(3)))
struct PostfixTests {
    private func probe(_ name: String, host: String = FixtureCertificate.routeHost) async throws -> ProbeReport {
        let ports = try await PostfixServer.shared.ports()
        let port = try #require(ports[name], "postfix-fixture.sh has no listener for \(name)")
        return try await SMTPProber().probe(ProbeTarget(host: host, port: port),
                                            options: Expectations.options(connectTo: "127.0.0.1"))
    }

    @Test(arguments: Expectations.certificateCases)
    func certificateCase(fixture: FixtureCertificate, codes: [FindingCode], verdict: Verdict) async throws {
        let report = try await probe(fixture.rawValue)
        #expect(report.findings.map(\.code) == codes)
        #expect(report.verdict == verdict)
        #expect(report.smtp?.greeting?.lines.first?.contains("mx.test.example") == true)
        #expect(!report.certificates.isEmpty)
    }

    @Test func goodPostfixPassesWithTheChainItServes() async throws {
        let report = try await probe("good")
        #expect(report.verdict == .pass)
        #expect(report.verification?.chainTrusted == true)
        #expect(report.verification?.hostnameMatches == true)
        #expect(report.smtp?.extensionsAfterTLS?.contains("STARTTLS") == false)
    }

    @Test func postfixWithoutSTARTTLS() async throws {
        let report = try await probe("no-starttls")
        #expect(report.findings.map(\.code) == [.starttlsNotOffered])
        #expect(report.findings.first?.remedies.last?.routeOptions == [.requireTLS])
    }

    @Test func postfixRejectingThisClient() async throws {
        let report = try await probe("reject-554")
        #expect(report.findings.map(\.code) == [.smtpGreetingRejected])
        #expect(report.smtp?.greeting?.code == 554)
    }

    @Test func postfixIDNCertificateMatchesTheULabelRouteHost() async throws {
        let report = try await probe("idn", host: "bücher.test.example")
        #expect(report.verdict == .pass)
    }
}
