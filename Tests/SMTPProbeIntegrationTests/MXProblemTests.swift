import Testing
@testable import SMTPProbe

/// The MX family's judgement of a domain's MX set when mail should reach Google, and its words.
@Suite("MX checks of a mail domain")
struct MXProblemTests {
    @Test func googleSetsAndOtherHosts() {
        #expect(MXProblem.google(domain: "example.com", hosts: ["smtp.google.com"]).isEmpty)
        #expect(MXProblem.google(domain: "example.com", hosts: MXProvider.googleFiveHosts).isEmpty)
        #expect(MXProblem.google(domain: "example.com", hosts: ["smtp.google.com", "mx.example.com"])
            == [.notGoogle(domain: "example.com", hosts: ["mx.example.com"])])
        #expect(MXProblem.google(domain: "example.com", hosts: ["smtp.google.com", "aspmx.l.google.com"])
            == [.mixedGoogleSets(domain: "example.com", single: ["smtp.google.com"], five: ["aspmx.l.google.com"])])
        #expect(MXProvider.of(hosts: ["smtp.google.com"]) == .google)
        #expect(MXProvider.of(hosts: ["example-com.mail.protection.outlook.com"]) == .microsoft)
        #expect(MXProvider.of(hosts: ["smtp.google.com", "mx.example.com"]) == .mixed)
        #expect(MXProvider.of(hosts: ["mx.example.com"]) == .other)
        #expect(MXProvider.of(hosts: []) == nil)
    }

    @Test func aHostWithoutAddressFailsOnlyWhenNoneHasOne() {
        #expect(MXProblem.noAddress(domain: "example.com", exchange: "mx1.example.com", allHosts: true).severity == .fail)
        #expect(MXProblem.noAddress(domain: "example.com", exchange: "mx1.example.com", allHosts: false).severity == .warn)
    }

    @Test func everyMXProblemSpeaksEnglishAndJapanese() {
        let problems: [MXProblem] = [
            .ipLiteral(domain: "example.com", exchange: "192.0.2.1"),
            .noAddress(domain: "example.com", exchange: "mx1.example.com", allHosts: false),
            .notGoogle(domain: "example.com", hosts: ["mx.example.com"]),
            .mixedGoogleSets(domain: "example.com", single: ["smtp.google.com"], five: ["aspmx.l.google.com"]),
        ]
        #expect(Set(problems.map(\.code)) == Set(MXProblem.codes))
        for problem in problems {
            #expect(!problem.remedies.isEmpty)
            #expect(problem.message(.en) != problem.message(.ja))
            #expect(problem.detail(.en) != nil && problem.detail(.ja) != nil)
            for remedy in problem.remedies {
                #expect(remedy.text(.en, routeHost: "") != remedy.text(.ja, routeHost: ""))
            }
        }
    }
}
