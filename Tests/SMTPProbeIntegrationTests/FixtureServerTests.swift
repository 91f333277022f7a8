import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// Probes the project's own fixture SMTP server, in this process, on 127.0.0.1.
@Suite("Probing the fixture SMTP server", .timeLimit(.minutes(1)))
struct FixtureServerTests {
    private func probe(_ behaviour: FixtureBehaviour, host: String = FixtureCertificate.routeHost,
                       timeout: Double = 5, at time: Date = Expectations.validationTime) async throws -> ProbeReport {
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        return try await SMTPProber().probe(
            ProbeTarget(host: host, port: server.port),
            options: Expectations.options(connectTo: "127.0.0.1:\(server.port)", timeout: timeout, at: time))
    }

    @Test(arguments: Expectations.certificateCases)
    func certificateCase(fixture: FixtureCertificate, codes: [FindingCode], verdict: Verdict) async throws {
        let report = try await probe(FixtureBehaviour(certificate: fixture))
        #expect(report.findings.map(\.code) == codes)
        #expect(report.verdict == verdict)
        // The handshake completes whatever is wrong with the certificate, so the chain is shown.
        #expect(!report.certificates.isEmpty)
        #expect(report.tls?.serverName == FixtureCertificate.routeHost)
    }

    @Test func goodServerRecordsTheWholeConversation() async throws {
        let report = try await probe(FixtureBehaviour(certificate: .good))
        let smtp = try #require(report.smtp)
        #expect(smtp.greeting?.code == 220)
        #expect(smtp.ehloName == "probe.smtp-probe.test")
        #expect(smtp.extensionsBeforeTLS.contains("STARTTLS"))
        #expect(smtp.extensionsAfterTLS == ["PIPELINING", "SIZE 10240000", "8BITMIME"])
        #expect(smtp.quitReply?.code == 221)
        #expect(report.tls?.version == "TLS 1.3")
        #expect(report.certificates.count == 2)
        #expect(report.certificates[0].dnsNames == ["mx.test.example", "mail.test.example"])
        #expect(report.certificates[0].key.algorithm == .rsa)
        #expect(report.certificates[0].key.bits == 2048)
        #expect(report.verification?.chainTrusted == true)
        #expect(report.verification?.builtChain.count == 3)
        for phase in ["connect", "greeting", "ehlo", "starttls", "handshake", "ehlo_after_tls", "total", "dns"] {
            #expect(report.timingsMS[phase] != nil, "no timing for \(phase)")
        }
    }

    @Test func hostnameMismatchNamesTheCertificatesNamesAndTheConsoleWording() async throws {
        let report = try await probe(FixtureBehaviour(certificate: .good), host: "smtp.test.example")
        let finding = try #require(report.findings.first)
        #expect(finding.code == .certHostnameMismatch)
        #expect(finding.consoleMessage == "could not verify certificate")
        #expect(finding.remedies.first?.kind == "use_certificate_hostname")
        #expect(finding.remedies.first?.text.contains("mx.test.example, mail.test.example") == true)
        #expect(finding.remedies.last?.routeOptions == [.validateHostname])
    }

    @Test func internationalRouteHostGoesOnTheWireAsALabels() async throws {
        let report = try await probe(FixtureBehaviour(certificate: .idn), host: "bücher.test.example")
        #expect(report.verdict == .pass)
        #expect(report.tls?.serverName == "xn--bcher-kva.test.example")
    }

    @Test func ipRouteHostSendsNoSNIAndMatchesIPAddressSAN() async throws {
        let report = try await probe(FixtureBehaviour(certificate: .ipSAN), host: "127.0.0.1")
        #expect(report.verdict == .pass)
        #expect(report.tls?.serverName == nil)
        #expect(report.verification?.matchedName == "127.0.0.1")
    }

    @Test func implicitTLSServerPasses() async throws {
        var behaviour = FixtureBehaviour(certificate: .goodECDSA)
        behaviour.implicitTLS = true
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(server.port)")
        options.tlsMode = TLSMode.implicit
        let report = try await SMTPProber().probe(ProbeTarget(host: "mx.test.example", port: server.port), options: options)
        #expect(report.findings.map(\.code) == [])
        #expect(report.smtp?.tlsMode == .implicit)
        #expect(report.smtp?.greeting?.code == 220)
        #expect(report.smtp?.starttlsReply == nil)
        #expect(report.smtp?.extensionsAfterTLS == ["PIPELINING", "SIZE 10240000", "8BITMIME"])
        #expect(report.tls?.version == "TLS 1.3")
    }

    @Test func port465SpeaksImplicitTLSAndSaysRoutesCannotUseIt() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.implicitTLS = true
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        let report = try await SMTPProber().probe(ProbeTarget(host: "mx.test.example", port: 465),
                                                  options: Expectations.options(connectTo: "127.0.0.1:\(server.port)"))
        #expect(report.findings.map(\.code) == [.routePortNotAllowed])
        #expect(report.verdict == .warn)
        #expect(report.smtp?.tlsMode == .implicit)
        #expect(report.findings.first?.remedies.first?.kind == "use_route_port")
    }

    @Test func starttlsAgainstAnImplicitTLSServerTimesOutWaitingForTheGreeting() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.implicitTLS = true
        let report = try await probe(behaviour, timeout: 0.5)
        #expect(report.findings.map(\.code) == [.smtpTimeout])
    }

    @Test func expiringSoonWarns() async throws {
        let late2119 = ISO8601DateFormatter().date(from: "2119-12-20T00:00:00Z")!
        let report = try await probe(FixtureBehaviour(certificate: .expiring), at: late2119)
        #expect(report.findings.map(\.code) == [.certExpiringSoon])
        #expect(report.verdict == .warn)
    }

    @Test func noSTARTTLS() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.offersSTARTTLS = false
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.starttlsNotOffered])
        #expect(report.tls == nil)
        #expect(report.smtp?.quitReply?.code == 221)
    }

    @Test func noSTARTTLSPassesWithAWarningWhenTheRouteDoesNotRequireTLS() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.offersSTARTTLS = false
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(server.port)")
        options.route.requireTLS = false
        let report = try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: server.port),
                                                  options: options)
        #expect(report.verdict == .warn)
        #expect(report.findings.map(\.code) == [.starttlsNotOffered])
        #expect(report.findings.first?.waivedBy == [.requireTLS])
        #expect(report.relaxations.isEmpty)
        #expect(report.routeOptions.requireTLS == false)
    }

    @Test func selfSignedPassesWithAWarningWhenTheRouteDoesNotRequireACASignedCertificate() async throws {
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .selfSigned))
        defer { Task { await server.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(server.port)")
        options.route.requireCASigned = false
        let report = try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: server.port),
                                                  options: options)
        #expect(report.verdict == .warn)
        #expect(report.findings.map(\.severity) == [.warn])
        #expect(report.findings.first?.waivedBy == [.requireCASigned])
    }

    @Test func starttlsRefused() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.starttlsReply = "454 4.7.0 TLS not available due to local problem"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.starttlsRejected])
    }

    @Test(arguments: [
        ("554 5.7.1 Access denied", FindingCode.smtpGreetingRejected),
        ("421 4.3.2 Too many connections", FindingCode.smtpUnavailable),
        ("599 nonsense", FindingCode.smtpProtocolError),
    ])
    func greetingProblems(greeting: String, code: FindingCode) async throws {
        var behaviour = FixtureBehaviour()
        behaviour.greeting = [greeting]
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [code])
        #expect(report.verdict == .fail)
    }

    @Test func multiLineGreetingIsReadWhole() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.greeting = ["220 mx.test.example ESMTP", "220 second line", "220 third line"]
        let report = try await probe(behaviour)
        #expect(report.smtp?.greeting?.lines.count == 3)
        #expect(report.verdict == .pass)
    }

    @Test func serverWithoutESMTP() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.withoutESMTP = true
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpNoESMTP])
        #expect(report.smtp?.heloReply?.code == 250)
    }

    @Test func aTemporaryReplyToEHLOIsUnavailabilityNotRefusal() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.ehloReply = "450 4.7.1 Try again later"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpUnavailable])
        #expect(report.findings.first?.remedies.map(\.kind) == ["retry_later"])
        #expect(report.findings.first?.detail?.contains("450") == true)
        // HELO is only for telling a server without ESMTP from one that refuses us.
        #expect(report.smtp?.heloReply == nil)
    }

    @Test func aPermanentReplyToEHLOAndHELOIsARefusal() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.ehloReply = "550 5.7.1 Not you"
        behaviour.heloReply = "550 5.7.1 Not you either"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpGreetingRejected])
        #expect(report.smtp?.heloReply?.code == 550)
    }

    @Test func aTemporaryReplyToHELOAfterARefusedEHLOIsUnavailability() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.ehloReply = "500 5.5.1 Unknown command"
        behaviour.heloReply = "451 4.3.0 Local error"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpUnavailable])
        #expect(report.findings.first?.message.contains("451") == true)
    }

    @Test(arguments: [FixtureBehaviour.Stall.beforeGreeting, .afterEHLO, .afterSTARTTLS, .duringHandshake])
    func stallsEndInTimeoutWithinTheDeadline(stall: FixtureBehaviour.Stall) async throws {
        var behaviour = FixtureBehaviour()
        behaviour.stall = stall
        let started = ContinuousClock.now
        let report = try await probe(behaviour, timeout: 0.5)
        #expect(report.findings.map(\.code) == [.smtpTimeout])
        // The probe's own clock: it gave up after the 0.5 s step, well before 5 s. The wall
        // clock only shows it did not hang; on two cores the tests that run meanwhile can delay
        // this test's own code by seconds.
        #expect(report.addresses.first.map { ($0.timingsMS["total"] ?? .infinity) < 5000 } == true)
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    /// However early the reset reaches the client, before or after the connect is reported,
    /// it is the same finding, so that monitoring does not flap between two codes.
    @Test func aServerThatResetsAtOnceClosedTheConnection() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.resetOnAccept = true
        for _ in 0..<20 {
            let report = try await probe(behaviour)
            #expect(report.findings.map(\.code) == [.smtpConnectionClosed])
            #expect(report.findings.first?.detail?.contains("Connection reset by peer") == true)
        }
    }

    @Test func oversizedLineIsAProtocolError() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.oversizedGreeting = 100_000
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpProtocolError])
    }

    @Test func bytesAfterReadyToStartTLSAreReportedAndNeverUsed() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.injectAfterSTARTTLS = "250 injected"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code).contains(.starttlsInjection))
        #expect(report.smtp?.injectedBytes == "250 injected\r\n".utf8.count)
        // The injected bytes were discarded, not fed to TLS: the handshake still worked.
        #expect(report.tls != nil)
    }

    @Test func bytesAfterReadyToStartTLSThatComeLateAreStillReported() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.lateInjectAfterSTARTTLS = "250 injected"
        let report = try await probe(behaviour)
        // They reached OpenSSL as if they were TLS, so the handshake failed as well; the
        // report says what they were instead of only "wrong version number".
        #expect(report.findings.map(\.code) == [.starttlsInjection, .tlsHandshakeFailed])
        #expect(report.smtp?.injectedBytes == "250 injected\r\n".utf8.count)
        #expect(report.smtp?.injectedPreview == "250 injected\\x0D\\x0A")
        #expect(report.tls == nil)
    }

    @Test func implicitTLSAgainstAPlaintextServerSaysWhatItSent() async throws {
        let server = try await FixtureSMTPServer.start(FixtureBehaviour())
        defer { Task { await server.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(server.port)")
        options.tlsMode = TLSMode.implicit
        let report = try await SMTPProber().probe(ProbeTarget(host: "mx.test.example", port: server.port), options: options)
        #expect(report.findings.map(\.code) == [.tlsHandshakeFailed])
        #expect(report.findings.first?.message == "The server answered in plain text, not TLS")
        #expect(report.findings.first?.detail?.contains("220 mx.test.example ESMTP") == true)
        #expect(report.findings.first?.detail?.contains("--tls starttls") == true)
    }

    @Test func oldProtocolIsNamed() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.maximumTLSVersion = .tlsv1
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.tlsProtocolTooOld])
        #expect(report.findings.first?.message.contains("TLS 1.0") == true)
        #expect(report.tls?.version == "TLS 1.0")
    }

    @Test func closedPortIsRefused() async throws {
        let server = try await FixtureSMTPServer.start()
        let port = server.port
        await server.stop()
        let report = try await SMTPProber().probe(ProbeTarget(host: "mx.test.example", port: port),
                                                  options: Expectations.options(connectTo: "127.0.0.1:\(port)"))
        #expect(report.findings.map(\.code) == [.connectRefused])
        #expect(report.verdict == .fail)
    }

    @Test func japaneseReport() async throws {
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .selfSigned))
        defer { Task { await server.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(server.port)")
        options.language = .ja
        let report = try await SMTPProber().probe(ProbeTarget(host: "mx.test.example", port: server.port), options: options)
        #expect(report.findings.first?.message == "サーバー証明書が自己署名です")
        #expect(report.findings.first?.consoleMessage == "証明書を検証できませんでした")
    }
}
