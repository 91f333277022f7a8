import Testing
@testable import SMTPProbe

/// DMARC records looked up on a real DNS server (unbound on loopback), one planted problem per
/// name under dmarc.test.example.
@Suite("DMARC checks against a real DNS server", .timeLimit(.minutes(1)))
struct DMARCTests {
    static func name(_ label: String) -> String { "\(label).dmarc.test.example" }

    static let records: [String] = [
        "_dmarc.good.dmarc.test.example. TXT \"v=DMARC1; p=reject; rua=mailto:d@good.dmarc.test.example,mailto:r@reports.example.net\"",
        "_dmarc.none.dmarc.test.example. TXT \"v=DMARC1; p=none; rua=mailto:d@none.dmarc.test.example\"",
        "_dmarc.other.dmarc.test.example. TXT \"some-verification=1\"",
        "_dmarc.multiple.dmarc.test.example. TXT \"v=DMARC1; p=reject\"",
        "_dmarc.multiple.dmarc.test.example. TXT \"v=DMARC1; p=none\"",
        "_dmarc.syntax.dmarc.test.example. TXT \"v=DMARC1; p=block\"",
        "_dmarc.nop.dmarc.test.example. TXT \"v=DMARC1; rua=mailto:d@nop.dmarc.test.example\"",
        "_dmarc.noprua.dmarc.test.example. TXT \"v=DMARC1; sp=reject\"",
        "_dmarc.nopbadrua.dmarc.test.example. TXT \"v=DMARC1; rua=reports\"",
        "_dmarc.rua.dmarc.test.example. TXT \"v=DMARC1; p=quarantine; rua=mailto:d@unauthorised.example.net\"",
        "_dmarc.refused.dmarc.test.example. TXT \"v=DMARC1; p=reject; rua=mailto:d@mail.refused.example\"",
    ]

    private func problems(_ label: String) async throws -> [DMARCProblem] {
        let port = try await UnboundServer.shared.port()
        let resolver = try DNSResolver(server: DNSServer(parsing: "127.0.0.1:\(port)"))
        let evaluation = await DMARCEvaluator(txt: { await resolver.txt(of: $0, timeout: 5) }).evaluate(domain: Self.name(label))
        return DMARCCheck.problems(of: evaluation)
    }

    @Test func anEnforcedPolicyWithAuthorisedReportsPasses() async throws {
        #expect(try await problems("good").isEmpty)
    }

    @Test func noRecordAndOtherTXTRecordsAreMissing() async throws {
        for label in ["absent", "other"] {
            let found = try await problems(label)
            #expect(found.map(\.code) == [.dmarcMissing])
            #expect(found.first?.remedies.first?.enText.contains(
                "_dmarc.\(Self.name(label)). 3600 IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@\(Self.name(label))\"") == true)
        }
    }

    @Test func policyNoneWarnsAndTheRemedyRaisesIt() async throws {
        let found = try await problems("none")
        #expect(found.map(\.code) == [.dmarcPolicyNone])
        #expect(found.first?.severity == .warn)
        #expect(found.first?.remedies.first?.enText.contains("\"v=DMARC1; p=quarantine; rua=mailto:d@none.dmarc.test.example\"") == true)
    }

    @Test func twoRecordsAndUnreadableOnesFail() async throws {
        #expect(try await problems("multiple").map(\.code) == [.dmarcMultipleRecords])
        let syntax = try await problems("syntax")
        #expect(syntax.map(\.code) == [.dmarcSyntaxError])
        #expect(syntax.first?.message(.en).hasSuffix("at p=block") == true)
        // Without p= and without a valid rua, receivers apply no DMARC (RFC 7489 §6.6.3).
        for label in ["noprua", "nopbadrua"] {
            let found = try await problems(label)
            #expect(found.map(\.code) == [.dmarcSyntaxError], "\(label)")
            #expect(found.first?.message(.en).hasSuffix("at p=") == true, "\(label)")
        }
    }

    /// RFC 7489 §6.6.3: a record without p= but with a valid rua is applied as p=none. Both
    /// are said (the missing tag, and that nothing is enforced), each remedy writing p= out.
    @Test func noPolicyWithAValidRuaIsPolicyNone() async throws {
        let found = try await problems("nop")
        #expect(found.map(\.code) == [.dmarcPolicyMissing, .dmarcPolicyNone])
        #expect(found.map(\.severity) == [.warn, .warn])
        try #require(found.count == 2)
        #expect(found[0].message(.en) == "The DMARC record of nop.dmarc.test.example has no p= tag: receivers apply it as p=none")
        #expect(found[0].remedies.first?.enText.contains("\"v=DMARC1; p=none; rua=mailto:d@nop.dmarc.test.example\"") == true)
        #expect(found[1].remedies.first?.enText.contains("\"v=DMARC1; p=quarantine; rua=mailto:d@nop.dmarc.test.example\"") == true)
    }

    @Test func reportsToAnotherDomainNeedItsAuthorisation() async throws {
        let found = try await problems("rua")
        #expect(found.map(\.code) == [.dmarcRuaNotAuthorized])
        #expect(found.first?.remedies.first?.enText.contains(
            "rua.dmarc.test.example._report._dmarc.unauthorised.example.net. 3600 IN TXT \"v=DMARC1\"") == true)
    }

    @Test func aFailedAuthorisationLookupIsNotReportedAsUnauthorised() async throws {
        let found = try await problems("refused")
        #expect(found.map(\.code) == [.dmarcLookupFailed])
    }

    @Test func everyProblemHasWordsInBothLanguages() async throws {
        for label in ["absent", "none", "multiple", "syntax", "nop", "noprua", "rua", "refused"] {
            for problem in try await problems(label) {
                for language in [Language.en, .ja] {
                    #expect(!problem.message(language).isEmpty && problem.detail(language)?.isEmpty == false)
                    #expect(problem.remedies.allSatisfy { !$0.text(language, routeHost: "").isEmpty })
                }
            }
        }
    }
}
