import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// A server closing the channel unprompted, and a server answering QUIT wrongly. RFC 5321 §3.8
/// lets a server send 421 at any time: that is the server being unavailable, never a broken
/// protocol, and once the EHLO after TLS is answered the test is done, so neither a 421 then
/// nor a wrong reply to QUIT fails it.
@Suite("Closing replies", .timeLimit(.minutes(1)))
struct ClosingReplyTests {
    /// A 421 that came with the greeting used to be "the server broke the SMTP protocol during
    /// the greeting", its preview ending in a literal `\x0D\x0A`.
    @Test func a421SentWithTheGreetingIsUnavailableNotAProtocolError() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.unpromptedAfterGreeting = "421 4.3.2 shutting down"
        let report = try await Expectations.probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpUnavailable])
        #expect(report.findings.first?.message.contains("421 4.3.2 shutting down") == true)
        #expect(report.smtp?.ehloReply == nil)
        #expect(report.verdict == .fail)
    }

    /// TLS and EHLO both done: the 421 is the end of the conversation, and the test passes.
    @Test func a421AfterTheEHLOAfterTLSIsTheClosingReply() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.unpromptedAfterTLSEHLO = "421 4.3.2 shutting down"
        let report = try await Expectations.probe(behaviour)
        #expect(report.findings.map(\.code) == [])
        #expect(report.smtp?.extensionsAfterTLS?.isEmpty == false)
        #expect(report.smtp?.quitReply?.code == 421)
        #expect(report.verdict == .pass)
    }

    /// Any other line before QUIT is still a reply to nothing; its preview shows the line
    /// without a literal line ending.
    @Test func anotherUnpromptedLineAfterTheEHLOAfterTLSStaysAProtocolError() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.unpromptedAfterTLSEHLO = "250 extra"
        let report = try await Expectations.probe(behaviour)
        #expect(report.findings.map(\.code) == [.smtpProtocolError])
        let detail = report.findings.first?.detail ?? ""
        #expect(detail.contains("250 extra"))
        #expect(!detail.contains("\\x0D") && !detail.contains("\\x0A"))
    }

    /// "250 bye" to QUIT used to fail the test with "a sending server would give up here too".
    @Test func aWrongReplyToQUITDoesNotFailTheTest() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.quitReply = "250 bye"
        let report = try await Expectations.probe(behaviour)
        #expect(report.findings.map(\.code) == [])
        #expect(report.verdict == .pass)
    }
}
