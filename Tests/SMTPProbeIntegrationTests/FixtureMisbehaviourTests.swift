import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// The misbehaviours mail admins meet in the field, each played by the fixture SMTP server in
/// this process: refusals, temporary failures, stalls, resets, oversized lines, plaintext
/// where TLS belongs, obsolete TLS.
@Suite("Misbehaving servers", .timeLimit(.minutes(1)))
struct FixtureMisbehaviourTests {
    private func probe(_ behaviour: FixtureBehaviour, timeout: Double = 5) async throws -> ProbeReport {
        try await Expectations.probe(behaviour, timeout: timeout)
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

    @Test func aPlaintextAnswerToTheClientHelloSaysWhatItWas() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.lateInjectAfterSTARTTLS = "250 injected"
        let report = try await probe(behaviour)
        // It reached OpenSSL as if it were TLS and broke the handshake: not injected into a
        // session (there is none), but the report says what came instead of only OpenSSL's
        // "wrong version number".
        #expect(report.findings.map(\.code) == [.tlsHandshakeFailed])
        #expect(report.findings.first?.message == "The server answered in plain text, not TLS")
        #expect(report.findings.first?.detail?.contains("After its go-ahead for TLS (a 220 to STARTTLS") == true)
        #expect(report.findings.first?.detail?.contains("\"250 injected\\x0D\\x0A\"") == true)
        #expect(report.smtp?.injectedBytes == nil)
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
}
