import Testing
@testable import SMTPProbe

@Suite("Targets and EHLO names")
struct ProbeTargetTests {
    @Test(arguments: [
        ("mx.example.com", "mx.example.com", 25),
        ("mx.example.com:587", "mx.example.com", 587),
        ("[2001:db8::1]:2525", "2001:db8::1", 2525),
        ("2001:db8::1", "2001:db8::1", 25),
        ("192.0.2.1:26", "192.0.2.1", 26),
        ("bücher.example", "bücher.example", 25),
        // 40 × "ä" is 46 octets as an A-label: within DNS's 63.
        (String(repeating: "ä", count: 40) + ".example", String(repeating: "ä", count: 40) + ".example", 25),
        // A byte-order mark, as at the start of a file saved by some Windows editors.
        ("\u{FEFF}mx.example.com", "mx.example.com", 25),
    ])
    func parsesTargets(text: String, host: String, port: Int) throws {
        let target = try ProbeTarget(parsing: text)
        #expect(target.host == host)
        #expect(target.port == port)
    }

    @Test(arguments: ["", ":25", "mx.example.com:0", "mx.example.com:65536", "mx.example.com:smtp",
                      "[2001:db8::1", "mx..example.com", "mx example.com", "mx/example.com",
                      String(repeating: "a", count: 64) + ".example.com", "mx.example.com:+25", "[mx.example.com]:25",
                      "[192.0.2.1]:25", "mx.example.com: 25", "-x", "-mx.example.com:110", "mx-.example.com",
                      // The ideographic full stop separates labels too: no empty or over-long label through it.
                      "127.1", "0x7f.1", "2130706433", "192.0.2.300", "0x7f000001", "0x7f.0.0.0x1",
                      "\u{3002}mx.example.com", "mx.example.com\u{3002}\u{3002}", "a\u{3002}b." + String(repeating: "c", count: 64)])
    func refusesBadTargets(text: String) {
        #expect(throws: SMTPProbeError(.invalidTarget, "")) { try ProbeTarget(parsing: text) }
    }

    @Test(arguments: ["localhost", "LOCALHOST.", "localhost.localdomain", "smtp-relay.gmail.com", "host.localdomain", "[127.0.0.1]",
                      "[127.1.2.3]", "[IPv6:::1]", "[IPv6:0:0:0:0:0:0:0:1]", "[IPv6:::ffff:127.0.0.1]", "[0.0.0.0]", "[IPv6:::]",
                      "[IPv6:::127.0.0.1]"])
    func genericEHLONamesAreRefused(name: String) {
        #expect(throws: SMTPProbeError(.genericEHLOName, "")) { try EHLOName.validate(name) }
    }

    @Test(arguments: ["probe.example.org", "mail-1.corp.example.co.jp", "[192.0.2.10]", "[IPv6:2001:db8::10]",
                      "[IPv6:::2]", "[IPv6:::ffff:192.0.2.1]"])
    func uniqueEHLONamesAreAccepted(name: String) throws {
        #expect(try EHLOName.validate(name) == name)
    }

    @Test(arguments: ["singlelabel", "bad_name.example.com", "-x.example.com", "[300.1.1.1]", "[IPv6:192.0.2.1]", "a..b"])
    func malformedEHLONamesAreRefused(name: String) {
        #expect(throws: SMTPProbeError(.invalidEHLOName, "")) { try EHLOName.validate(name) }
    }

    @Test func languageFollowsLocaleVariablesInOrder() {
        #expect(Language.fromEnvironment(["LANG": "ja_JP.UTF-8"]) == .ja)
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "ja_JP.UTF-8"]) == .ja)
        #expect(Language.fromEnvironment([:]) == .en)
    }

    @Test(arguments: [(25, true), (587, true), (1024, true), (65535, true), (465, false), (26, false), (1023, false)])
    func routePortRule(port: Int, allowed: Bool) {
        #expect(RoutePort.isAllowed(port) == allowed)
        #expect(RouteProblem.port(port).map(\.code) == (allowed ? [] : [.routePortNotAllowed]))
    }

    @Test func implicitTLSIsTheDefaultOnlyOn465() {
        #expect(TLSMode.default(forPort: 465) == .implicit)
        #expect(TLSMode.default(forPort: 25) == .starttls)
        #expect(TLSMode.default(forPort: 587) == .starttls)
    }

    @Test func errorsCompareByCodeOnly() {
        #expect(SMTPProbeError(.invalidTarget, "one") == SMTPProbeError(.invalidTarget, "two"))
        #expect(SMTPProbeError(.invalidTarget, "one") != SMTPProbeError(.invalidEHLOName, "one"))
    }
}
