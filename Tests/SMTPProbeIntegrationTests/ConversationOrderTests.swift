import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// Servers that knock the conversation out of step: a reply that is not one the command can
/// have, a reply sent before its command, STARTTLS offered again inside TLS, and reply lines
/// at the length limit, however TCP cuts them up.
@Suite("Conversation kept in step", .timeLimit(.minutes(1)))
struct ConversationOrderTests {
    private func probe(_ behaviour: FixtureBehaviour) async throws -> ProbeReport {
        try await Expectations.probe(behaviour)
    }

    /// Answering EHLO with a greeting code used to pass as an EHLO reply without STARTTLS.
    @Test func aGreetingCodeInReplyToEHLOIsAProtocolError() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.ehloReply = "220 mx.test.example ESMTP"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpProtocolError])
        #expect(report.findings.first?.detail?.contains("220 mx.test.example ESMTP") == true)
        #expect(report.findings.first?.detail?.contains("EHLO") == true)
        #expect(report.verdict == .fail)
    }

    /// A second banner after TLS used to be stored as the EHLO reply, and the EHLO reply as the
    /// reply to QUIT: a pass. In TLS 1.2 the server finishes the handshake last, so the banner
    /// usually comes with its Finished, before EHLO is sent; in TLS 1.3 it answers EHLO.
    @Test(arguments: [FixtureTLSVersion?.none, .tlsv1_2])
    func aSecondBannerAfterTLSIsAProtocolError(maximum: FixtureTLSVersion?) async throws {
        var behaviour = FixtureBehaviour()
        behaviour.greetsAgainAfterTLS = true
        behaviour.maximumTLSVersion = maximum
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpProtocolError])
        #expect(report.findings.first?.detail?.contains("220 mx.test.example ESMTP") == true)
        #expect(report.findings.first?.detail?.contains("EHLO after TLS") == true)
        #expect(report.smtp?.quitReply == nil)
        #expect(report.verdict == .fail)
    }

    /// A reply sent with the greeting, before EHLO, is not the reply to EHLO.
    @Test func aReplySentBeforeItsCommandIsNotTakenAsItsReply() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.unpromptedAfterGreeting = "250 mx.test.example"
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpProtocolError])
        #expect(report.findings.first?.detail?.contains("250 mx.test.example") == true)
        #expect(report.smtp?.ehloReply == nil)
    }

    @Test func starttlsOfferedAgainAfterTLSIsAWarning() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.offersSTARTTLSAfterTLS = true
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.starttlsOfferedAfterTLS])
        #expect(report.findings.first?.severity == .warn)
        #expect(report.findings.first?.remedies.map(\.kind) == ["remove_starttls_after_tls"])
        #expect(report.verdict == .warn)
    }

    /// The same line, once with its CR and LF in different segments and once in one write.
    @Test(arguments: [true, false])
    func aReplyLineOfExactlyTheLimitIsAcceptedHoweverItArrives(splitAtCRLF: Bool) async throws {
        let line = "220 " + String(repeating: "x", count: 2048 - 4)
        var behaviour = FixtureBehaviour()
        behaviour.greetingChunks = splitAtCRLF ? [line + "\r", "\n"] : [line + "\r\n"]
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [])
        #expect(report.smtp?.greeting?.lines.first?.count == 2044)
    }

    @Test(arguments: [true, false])
    func aReplyLineOneByteOverTheLimitIsRefusedHoweverItArrives(splitAtCRLF: Bool) async throws {
        let line = "220 " + String(repeating: "x", count: 2049 - 4)
        var behaviour = FixtureBehaviour()
        behaviour.greetingChunks = splitAtCRLF ? [line + "\r", "\n"] : [line + "\r\n"]
        let report = try await probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpProtocolError])
        #expect(report.findings.first?.detail?.contains("longer than 2048 bytes") == true)
    }
}
