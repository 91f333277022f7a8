import Testing
@testable import SMTPProbe

@Suite("Findings in words, in each language")
struct FindingTextsTests {
    /// `--lang ja` leaves in English only what others said (a server, OpenSSL, the resolver):
    /// what smtp-probe itself found is said in Japanese.
    @Test func japaneseDetailsHaveNoEnglishOfTheirOwn() {
        let issues: [Problem] = [
            .protocolError(.greeting, fault: .unexpectedGreeting("250 hi")),
            .protocolError(.ehlo, fault: .reply(.lineTooLong(limit: 2048))),
            .protocolError(.ehlo, fault: .reply(.tooManyLines(limit: 100))),
            .protocolError(.ehlo, fault: .reply(.malformedLine("bad"))),
            .protocolError(.ehlo, fault: .reply(.inconsistentCode(expected: 250, got: 251))),
            .chainOrder(.leafAt(2)), .chainOrder(.notIssuer(position: 1)),
            .dnsTemporaryFailure(host: "h", reason: .serverAnswered("SERVFAIL")),
            .dnsTemporaryFailure(host: "h", reason: .noAnswer(seconds: 5)),
            .dnsTemporaryFailure(host: "h", reason: .malformedMX),
            .routeInvalidHost(entry: "127.0.0.1", reason: .mxLookupOfAddress("127.0.0.1")),
            .routeInvalidHost(entry: "h:2525", reason: .portTwice(inEntry: 2525, inKey: 25)),
        ]
        let english = ["the ", " is ", " not ", " an ", "reply", "answered", "within", "lookup", "port key"]
        for issue in issues {
            let detail = FindingCatalog(language: .ja).finding(for: issue, routeHost: "h", address: nil).detail ?? ""
            #expect(!detail.isEmpty)
            #expect(!english.contains { detail.contains($0) }, "\(detail)")
        }
    }
}
