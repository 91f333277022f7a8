import Testing
@testable import SMTPProbe

@Suite("Hostname matching (RFC 9525)")
struct HostnameMatcherTests {
    private func match(_ host: String, dns: [String] = [], ips: [String] = [], cn: [String] = [], noSAN: Bool = false) -> HostnameMatcher.Outcome {
        let names = noSAN ? nil : SubjectAltNames(dnsNames: dns, ipAddresses: ips.compactMap(IPAddress.init))
        return HostnameMatcher().match(routeHost: host, names: names, commonNames: cn)
    }

    @Test func exactNameMatches() {
        #expect(match("mx.example.com", dns: ["mx.example.com"]) == .matched(presented: "mx.example.com"))
    }

    @Test func caseAndTrailingDotDoNotMatter() {
        #expect(match("MX.Example.COM.", dns: ["mx.example.com"]) == .matched(presented: "mx.example.com"))
        #expect(match("mx.example.com", dns: ["MX.EXAMPLE.COM."]) == .matched(presented: "MX.EXAMPLE.COM."))
    }

    @Test func otherNameDoesNotMatch() {
        #expect(match("mx.example.com", dns: ["mail.example.com", "example.com"]) == .mismatch)
    }

    @Test func wildcardMatchesExactlyOneLabel() {
        #expect(match("mx.example.com", dns: ["*.example.com"]) == .matched(presented: "*.example.com"))
        #expect(match("a.mx.example.com", dns: ["*.example.com"]) == .mismatch)
        #expect(match("example.com", dns: ["*.example.com"]) == .mismatch)
    }

    @Test(arguments: ["m*.example.com", "*mx.example.com", "mx*.example.com", "*.*.example.com", "mx.*.example.com", "*.com"])
    func partialOrMisplacedWildcardsNeverMatch(presented: String) {
        #expect(match("mx.example.com", dns: [presented]) == .mismatch)
    }

    @Test func noCommonNameFallback() {
        #expect(match("mx.example.com", cn: ["mx.example.com"], noSAN: true) == .noSubjectAltName(commonNameWouldMatch: true))
        #expect(match("mx.example.com", cn: ["other.example.com"], noSAN: true) == .noSubjectAltName(commonNameWouldMatch: false))
        // With a SAN present, the CN is ignored altogether.
        #expect(match("mx.example.com", dns: ["other.example.com"], cn: ["mx.example.com"]) == .mismatch)
    }

    @Test func ipRouteHostMatchesOnlyIPAddressEntries() {
        #expect(match("192.0.2.10", ips: ["192.0.2.10"]) == .matched(presented: "192.0.2.10"))
        #expect(match("192.0.2.10", dns: ["192.0.2.10"]) == .mismatch)
        #expect(match("2001:db8::1", ips: ["2001:0db8:0:0:0:0:0:1"]) == .matched(presented: "2001:db8::1"))
        #expect(match("mx.example.com", ips: ["192.0.2.10"]) == .mismatch)
    }

    @Test func internationalNamesCompareAsALabels() {
        #expect(match("bücher.example", dns: ["xn--bcher-kva.example"]) == .matched(presented: "xn--bcher-kva.example"))
        #expect(match("BÜCHER.example", dns: ["xn--bcher-kva.example"]) == .matched(presented: "xn--bcher-kva.example"))
        #expect(match("buecher.example", dns: ["xn--bcher-kva.example"]) == .mismatch)
        // RFC 5895 mapping: NFC first ("u" + combining diaeresis is "ü"), and the ideographic
        // and full-width full stops separate labels as "." does.
        #expect(match("bu\u{0308}cher.example", dns: ["xn--bcher-kva.example"]) == .matched(presented: "xn--bcher-kva.example"))
        #expect(match("bücher\u{3002}example", dns: ["xn--bcher-kva.example"]) == .matched(presented: "xn--bcher-kva.example"))
        #expect(match("bücher\u{FF0E}example", dns: ["xn--bcher-kva.example"]) == .matched(presented: "xn--bcher-kva.example"))
    }

    /// An MX name from DNS that is no host name, shown in presentation format: it matches
    /// nothing, not even a wildcard that would cover any one label.
    @Test func aRouteHostThatIsNoHostNameMatchesNothing() {
        #expect(match("a\\027b.example.com", dns: ["*.example.com"]) == .mismatch)
        #expect(match("mx\\046example.com", dns: ["*.example.com", "mx.example.com"]) == .mismatch)
    }

    @Test func rawUTF8InADNSNameNeverMatches() {
        // x509-limbo webpki::unicode-emoji-san: a dNSName is an IA5String, so a U-label
        // there is malformed, not something to convert to its A-label.
        #expect(match("xn--628h.example.com", dns: ["😜.example.com"]) == .mismatch)
        #expect(match("😜.example.com", dns: ["😜.example.com"]) == .mismatch)
        #expect(match("bücher.example", dns: ["bücher.example"]) == .mismatch)
        #expect(HostnameMatcher.usableNames(SubjectAltNames(dnsNames: ["bücher.example", "mx.example"], ipAddresses: [])) == ["mx.example"])
    }

    @Test(arguments: [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("例え", "r8jz45g")])
    func punycodeEncodesKnownLabels(label: String, encoded: String) {
        #expect(Punycode.encode(label) == encoded)
    }

    @Test func usableNamesListConcreteNamesAndProperWildcards() {
        let names = SubjectAltNames(dnsNames: ["mx.example.com", "m*.example.com", "*.example.com"],
                                    ipAddresses: [IPAddress("192.0.2.1")!])
        #expect(HostnameMatcher.usableNames(names) == ["mx.example.com", "*.example.com", "192.0.2.1"])
    }
}
