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

    /// `MX 10 .` beside `MX 20 mx.test.example` is no null MX (RFC 7505's is `0 .`): it is an
    /// MX naming the root, which has no address, and the finding says so; one host "is" probed.
    @Test func anMXNamingTheRootAtAnotherPreferenceIsNotCalledANullMX() throws {
        let records = [MXRecord(preference: 10, exchange: "."), MXRecord(preference: 20, exchange: "mx.test.example")]
        let problem = try #require(MXSelection(domain: "mixed10.test.example", records: records).problems.first)
        let finding = FindingCatalog(language: .en).finding(for: problem, routeHost: "mixed10.test.example", address: nil)
        #expect(finding.code == .dnsNullMXNotAlone)
        #expect(!finding.message.contains("null MX (\"0 .\")"), "\(finding.message)")
        #expect(finding.message == "mixed10.test.example has an MX record naming the root (\"10 .\") beside 1 other MX host")
        #expect(finding.detail?.contains("goes on to mx.test.example, which is probed") == true
                || finding.detail?.contains("go on to mx.test.example, which is probed") == true, "\(finding.detail ?? "")")
        #expect(finding.remedies.first?.text.contains("remove its \"10 .\" MX record") == true)
        let japanese = FindingCatalog(language: .ja).finding(for: problem, routeHost: "mixed10.test.example", address: nil)
        #expect(!japanese.message.contains("Null MX (「0 .」)"), "\(japanese.message)")
        #expect(japanese.message.contains("「10 .」") || japanese.message.contains("\"10 .\""))
        // A real null MX beside one host: "which is probed", in agreement with one host.
        let null = try #require(MXSelection(domain: "mixed.test.example", records: [MXRecord(preference: 0, exchange: "."),
                                                                                  MXRecord(preference: 10, exchange: "mx.test.example")]).problems.first)
        let nullFinding = FindingCatalog(language: .en).finding(for: null, routeHost: "mixed.test.example", address: nil)
        #expect(nullFinding.message.contains("publishes a null MX (\"0 .\") beside 1 other MX host"))
        #expect(nullFinding.detail?.contains("goes on to mx.test.example, which is probed;") == true, "\(nullFinding.detail ?? "")")
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
