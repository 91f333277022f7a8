import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// Probes the project's own fixture SMTP server, in this process, on 127.0.0.1.
@Suite("Probing the fixture SMTP server", .timeLimit(.minutes(1)))
struct FixtureServerTests {
    private func probe(_ behaviour: FixtureBehaviour, host: String = FixtureCertificate.routeHost,
                       timeout: Double = 5, at time: Date = Expectations.validationTime) async throws -> ProbeReport {
        try await Expectations.probe(behaviour, host: host, timeout: timeout, at: time)
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
