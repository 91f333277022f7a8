import Testing
@testable import SMTPProbe

/// The findings about DNS records that cannot be right, and the MX hosts left out by the
/// limit: which addresses count as unusable, and what each finding says in each language.
struct DNSSanityFindingTests {
    @Test func unusableAddressesAreThoseNoRemoteServerCanHave() {
        let never = ["0.0.0.0", "0.1.2.3", "::", "::ffff:0.0.0.0"]
        // Loopback stays usable: test and split-horizon zones put mail servers there.
        let fine = ["127.0.0.1", "192.0.2.1", "1.0.0.0", "::1", "2001:db8::1", "::ffff:192.0.2.1"]
        #expect(never.allSatisfy { IPAddress($0)?.neverADestination == true })
        #expect(fine.allSatisfy { IPAddress($0)?.neverADestination == false })
    }

    @Test func hostsBeyondTheLimitAreNamedAndTheNullMXBesideThemIsReported() {
        let records = [MXRecord(preference: 0, exchange: ".")]
            + (1...12).map { MXRecord(preference: $0 * 10, exchange: "mx\($0).example") }
        let selection = MXSelection(domain: "example", records: records)
        #expect(selection.probed.map(\.exchange) == (1...10).map { "mx\($0).example" })
        #expect(selection.leftOut.map(\.exchange) == ["mx11.example", "mx12.example"])
        #expect(selection.problems.map(\.code) == [.dnsNullMXNotAlone, .dnsMXHostsNotProbed])
        let notProbed = FindingCatalog(language: .en).finding(for: selection.problems[1], routeHost: "example", address: nil)
        #expect(notProbed.severity == .info)
        #expect(notProbed.message.contains("12 MX hosts"))
        #expect(notProbed.detail?.contains("mx11.example, mx12.example") == true)
    }

    @Test(arguments: Language.allCases)
    func everyNewFindingHasTextInEveryLanguage(language: Language) {
        let issues: [DNSProblem] = [
            .dnsNullMXNotAlone(domain: "d", hosts: ["mx.d"]), .dnsUnusableAddress(host: "h", address: "0.0.0.0"),
            .dnsMXHostsNotProbed(domain: "d", probed: 10, leftOut: ["mx11.d"]),
        ]
        for issue in issues {
            let finding = FindingCatalog(language: language).finding(for: issue, routeHost: "h", address: nil)
            #expect(!finding.message.isEmpty)
            #expect(finding.detail?.isEmpty == false)
            #expect(finding.remedies.allSatisfy { !$0.text.isEmpty })
        }
    }
}
