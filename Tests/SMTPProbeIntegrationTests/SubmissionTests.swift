import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `--protocol submission` and `smtp` against the fixture Postfix's submission listeners, whose
/// SASL goes through the real Dovecot (scripts/postfix-fixture.sh, scripts/dovecot-fixture.sh):
/// AUTH only after TLS, AUTH in clear too, and the login test.
@Suite("SMTP AUTH readiness and login against a real Postfix", .serialized, .timeLimit(.minutes(3)))
struct SubmissionTests {
    static func probe(_ listener: String, _ mailProtocol: MailProtocol = .submission,
                      login password: String? = nil) async throws -> ProbeReport {
        // Postfix's SASL asks Dovecot's auth socket: Dovecot first.
        _ = try await DovecotServer.shared.ports()
        let ports = try await PostfixServer.shared.ports()
        let port = try #require(ports[listener], "postfix-fixture.sh has no listener for \(listener)")
        var options = Expectations.options(connectTo: "127.0.0.1:\(port)")
        options.mailProtocol = mailProtocol
        if let password { options.login = try LoginCredentials(user: DovecotServer.user, password: password) }
        return try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: port), options: options)
    }

    @Test func authOnlyAfterTLSPasses() async throws {
        let report = try await Self.probe("submission")
        #expect(report.findings.map(\.code) == [])
        #expect(report.smtp?.authBeforeTLS == nil)
        #expect(report.smtp?.authAfterTLS == ["PLAIN", "LOGIN"])
        #expect(report.target.mailProtocol == .submission)
    }

    @Test func authInClearFailsForSubmissionAndWarnsForSMTP() async throws {
        let submission = try await Self.probe("submission-clear-auth")
        #expect(submission.findings.map(\.code) == [.authOfferedBeforeTLS])
        #expect(submission.verdict == .fail)
        #expect(submission.smtp?.authBeforeTLS == ["PLAIN", "LOGIN"])
        let smtp = try await Self.probe("submission-clear-auth", .smtp)
        #expect(smtp.findings.map(\.code) == [.authOfferedBeforeTLS])
        #expect(smtp.verdict == .warn)
    }

    @Test func noAuthInsideTLSOnASubmissionPortFails() async throws {
        let report = try await Self.probe("good")
        #expect(report.findings.map(\.code) == [.authNotOffered])
        // The route test itself does not ask for AUTH.
        #expect(try await Self.probe("good", .smtp).findings.map(\.code) == [])
    }

    @Test func loginThroughPostfixAndDovecot() async throws {
        let password = try await DovecotServer.shared.password()
        let good = try await Self.probe("submission", login: password)
        #expect(good.findings.map(\.code) == [.authLoginOK])
        #expect(good.smtp?.login?.mechanism == "AUTH PLAIN")
        #expect(good.smtp?.login?.reply?.hasPrefix("235") == true)
        let wrong = try await Self.probe("submission", login: "not-the-password")
        #expect(wrong.findings.map(\.code) == [.authLoginFailed])
        #expect(wrong.findings.first?.detail?.contains("535") == true)
    }
}
