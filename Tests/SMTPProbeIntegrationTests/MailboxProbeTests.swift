import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `--protocol pop3|imap` against Debian's real Dovecot on loopback (scripts/dovecot-fixture.sh):
/// implicit TLS and STLS/STARTTLS, the login test with the right password, a wrong one, and
/// the right one refused by address (allow_nets), and the certificate gate before any password.
@Suite("POP3 and IMAP against a real Dovecot", .serialized, .timeLimit(.minutes(3)))
struct MailboxProbeTests {
    static func probe(_ mailProtocol: MailProtocol, _ listener: String, host: String = FixtureCertificate.routeHost,
                      login password: String? = nil, route: RouteOptions = RouteOptions()) async throws -> ProbeReport {
        let ports = try await DovecotServer.shared.ports()
        let port = try #require(ports[listener], "dovecot-fixture.sh has no listener \(listener)")
        var options = Expectations.options(connectTo: "127.0.0.1:\(port)")
        options.mailProtocol = mailProtocol
        options.route = route
        // The target's port decides implicit TLS, as a user's 995 or 993 would.
        options.tlsMode = listener.hasSuffix("s") ? .implicit : .starttls
        if let password { options.login = try LoginCredentials(user: DovecotServer.user, password: password) }
        return try await SMTPProber().probe(ProbeTarget(host: host, port: port), options: options)
    }

    /// The ports of POP3 and IMAP (995, 993, 110, 143) are not a route's: a mailbox server on
    /// them gets no `route.port_not_allowed`, and no remedy speaks of a route's settings.
    @Test(arguments: [(MailProtocol.pop3, 995), (.imap, 993), (.submission, 465)])
    func aMailboxPortIsNoRoutePort(mailProtocol: MailProtocol, port: Int) async throws {
        let ports = try await DovecotServer.shared.ports()
        var options = Expectations.options(connectTo: "127.0.0.1:\(try #require(ports["pop3s"]))")
        options.mailProtocol = mailProtocol
        options.trust = .system
        let report = try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: port), options: options)
        let findings = report.findings + report.addresses.flatMap(\.findings)
        #expect(!findings.contains { $0.code == .routePortNotAllowed }, "\(findings.map(\.code))")
        // The fixture's CA is not in the system store: a certificate failure, remedied without routes.
        #expect(findings.contains { $0.code.area == .cert })
        #expect(!findings.flatMap(\.remedies).contains { $0.kind == "relax_route_option" || $0.kind == "ask_relay_provider" })
    }

    @Test(arguments: [(MailProtocol.pop3, "pop3s"), (.pop3, "pop3"), (.imap, "imaps"), (.imap, "imap")])
    func dovecotPassesWithItsGoodCertificate(mailProtocol: MailProtocol, listener: String) async throws {
        let report = try await Self.probe(mailProtocol, listener)
        #expect(report.findings.map(\.code) == [])
        #expect(report.verdict == .pass)
        #expect(report.target.mailProtocol == mailProtocol)
        let session = try #require(mailProtocol == .pop3 ? report.pop3 : report.imap)
        #expect(report.smtp == nil)
        #expect(session.greetingAccepted)
        #expect(session.greeting?.contains("Dovecot") == true)
        #expect(session.tlsMode == (listener.hasSuffix("s") ? .implicit : .starttls))
        #expect(session.tlsOffered == !listener.hasSuffix("s"))
        let capabilities = try #require(session.capabilitiesAfterTLS)
        #expect(capabilities.contains(mailProtocol == .pop3 ? "USER" : "IMAP4REV1"))
        #expect(report.verification?.chainTrusted == true)
        #expect(report.verification?.hostnameMatches == true)
        #expect(session.login == nil)
    }

    @Test(arguments: [(MailProtocol.pop3, "pop3s"), (.pop3, "pop3"), (.imap, "imaps"), (.imap, "imap")])
    func loginWithTheRightPasswordReadsTheMailboxSize(mailProtocol: MailProtocol, listener: String) async throws {
        let password = try await DovecotServer.shared.password()
        let report = try await Self.probe(mailProtocol, listener, login: password)
        #expect(report.findings.map(\.code) == [.authLoginOK])
        #expect(report.findings.first?.severity == .info)
        #expect(report.verdict == .pass)
        let login = try #require((mailProtocol == .pop3 ? report.pop3 : report.imap)?.login)
        #expect(login.succeeded)
        #expect(login.user == DovecotServer.user)
        // The fixture's INBOX holds one message, still there after every test (nothing is deleted).
        #expect(login.messages == 1)
        #expect(login.mechanism == (mailProtocol == .pop3 ? "USER/PASS" : "LOGIN"))
    }

    @Test(arguments: [(MailProtocol.pop3, "pop3s"), (.imap, "imaps")])
    func loginWithAWrongPasswordFails(mailProtocol: MailProtocol, listener: String) async throws {
        let report = try await Self.probe(mailProtocol, listener, login: "not-the-password")
        #expect(report.findings.map(\.code) == [.authLoginFailed])
        #expect(report.verdict == .fail)
        let finding = try #require(report.findings.first)
        #expect(finding.detail?.contains(mailProtocol == .pop3 ? "-ERR" : "NO") == true)
        #expect(finding.remedies.map(\.kind).contains("allow_login_from_google"))
    }

    @Test(arguments: [(MailProtocol.pop3, "restricted-pop3s"), (.imap, "restricted-imaps")])
    func theRightPasswordRefusedByAddressFailsWithTheIPRemedy(mailProtocol: MailProtocol, listener: String) async throws {
        let password = try await DovecotServer.shared.password()
        let report = try await Self.probe(mailProtocol, listener, login: password)
        #expect(report.findings.map(\.code) == [.authLoginFailed])
        let remedy = try #require(report.findings.first?.remedies.first { $0.kind == "allow_login_from_google" })
        #expect(remedy.text.contains("IP address or country"))
    }

    /// A certificate that does not name the host: no password leaves, unless the route's
    /// hostname option is off (`--no-verify-hostname`).
    @Test func noPasswordGoesToAServerWhoseCertificateFailed() async throws {
        let password = try await DovecotServer.shared.password()
        let refused = try await Self.probe(.imap, "imaps", host: "other.test.example", login: password)
        #expect(refused.findings.map(\.code) == [.certHostnameMismatch])
        #expect(refused.imap?.login == nil)
        #expect(refused.imap?.loginSkipped == .certificateNotVerified)

        var relaxed = RouteOptions()
        relaxed.validateHostname = false
        let allowed = try await Self.probe(.imap, "imaps", host: "other.test.example", login: password, route: relaxed)
        #expect(allowed.imap?.login?.succeeded == true)
        #expect(allowed.findings.map(\.code) == [.certHostnameMismatch, .authLoginOK])
    }

    @Test func pop3GreetingRejectedAndSTLSNotOffered() async throws {
        let refusing = try await POP3StyleServer.start(.init(greeting: ["-ERR not you\r\n"]))
        defer { Task { await refusing.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(refusing.port)")
        options.mailProtocol = .pop3
        options.tlsMode = .starttls
        let rejected = try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: refusing.port),
                                                    options: options)
        #expect(rejected.findings.map(\.code) == [.pop3GreetingRejected])

        let plain = try await POP3StyleServer.start(.init(offerSTLS: false))
        defer { Task { await plain.stop() } }
        options.connectTo = "127.0.0.1:\(plain.port)"
        let report = try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: plain.port),
                                                  options: options)
        #expect(report.findings.map(\.code) == [.pop3STLSNotOffered])
        #expect(report.pop3?.capabilitiesBeforeTLS == ["USER"])
    }

    @Test func pop3SpokenToAnIMAPServerIsAProtocolError() async throws {
        let report = try await Self.probe(.pop3, "imap")
        #expect(report.findings.map(\.code) == [.pop3ProtocolError])
        #expect(report.findings.first?.detail?.contains("* OK") == true)
    }
}
