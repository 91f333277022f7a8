import Testing
@testable import SMTPProbe

@Suite("Findings in words, in each language")
struct FindingTextsTests {
    /// `--lang ja` leaves in English only what others said (a server, OpenSSL, the resolver):
    /// what smtp-probe itself found is said in Japanese.
    @Test func japaneseDetailsHaveNoEnglishOfTheirOwn() {
        let issues: [any CheckProblem] = [
            ConversationProblem.protocolError(.greeting, fault: .unexpectedGreeting("250 hi")),
            ConversationProblem.protocolError(.ehlo, fault: .reply(.lineTooLong(limit: 2048))),
            ConversationProblem.protocolError(.ehlo, fault: .reply(.tooManyLines(limit: 100))),
            ConversationProblem.protocolError(.ehlo, fault: .reply(.malformedLine("bad"))),
            ConversationProblem.protocolError(.ehlo, fault: .reply(.inconsistentCode(expected: 250, got: 251))),
            CertificateProblem.chainOrder(.leafAt(2)), CertificateProblem.chainOrder(.notIssuer(position: 1)),
            DNSProblem.dnsTemporaryFailure(host: "h", reason: .serverAnswered("SERVFAIL")),
            DNSProblem.dnsTemporaryFailure(host: "h", reason: .noAnswer(seconds: 5)),
            DNSProblem.dnsTemporaryFailure(host: "h", reason: .malformedMX),
            RouteProblem.routeInvalidHost(entry: "127.0.0.1", reason: .mxLookupOfAddress("127.0.0.1")),
            RouteProblem.routeInvalidHost(entry: "h:2525", reason: .portTwice(inEntry: 2525, inKey: 25)),
        ]
        let english = ["the ", " is ", " not ", " an ", "reply", "answered", "within", "lookup", "port key"]
        for issue in issues {
            let detail = FindingCatalog(language: .ja).finding(for: issue, routeHost: "h", address: nil).detail ?? ""
            #expect(!detail.isEmpty)
            #expect(!english.contains { detail.contains($0) }, "\(detail)")
        }
    }
}
