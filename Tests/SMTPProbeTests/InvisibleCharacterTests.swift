import Testing
@testable import SMTPProbe

/// A name with an invisible character (a bidi mark, a zero-width joiner, a line separator...)
/// looks exactly like another name: it is refused wherever a name is typed, and the refusal
/// shows where the character is, escaped so that it can be seen.
@Suite("Invisible characters in typed names")
struct InvisibleCharacterTests {
    static let names = ["mx\u{200F}.example.com", "mx\u{200D}.example.com", "\u{202E}moc.elpmaxe.xm",
                        "mx.example\u{2028}.com", "mx\u{A0}.example.com", "mx\u{AD}.example.com", "mx.exa\u{2066}mple.com:25"]

    @Test(arguments: names)
    func targetsAreRefused(name: String) {
        #expect(throws: SMTPProbeError(.invalidTarget, "")) { try ProbeTarget(parsing: name) }
    }

    @Test func theRefusalShowsThePositionAndTheCharacterEscaped() throws {
        let error = try #require(throws: SMTPProbeError.self) { try ProbeTarget(parsing: "mx\u{200F}.example.com") }
        #expect(error.reason == "'mx\\u{200F}.example.com' is not a valid host name: character 3 is U+200F, an invisible character that makes different names look the same; type the name again without it")
    }

    @Test func aTargetsFileLineIsRefusedWithItsLineNumber() throws {
        // U+2028 does not end a line of a targets file: it is a character in the name.
        let error = try #require(throws: SMTPProbeError.self) {
            try TargetList.parse("ok.example.com\nmx\u{2028}.example.com\n", source: "fleet.txt")
        }
        #expect(error.reason.hasPrefix("fleet.txt line 2: 'mx\\u{2028}.example.com' is not a valid host name: character 3 is U+2028"))
    }

    @Test func anOverLongBadLineIsEchoedCutShort() throws {
        let line = String(repeating: "a", count: 100_000) + " b"
        let error = try #require(throws: SMTPProbeError.self) { try TargetList.parse(line, source: "fleet.txt") }
        #expect(error.reason == "fleet.txt line 1: '\(String(repeating: "a", count: 80))…(100002 bytes)' holds more than one word; write one host[:port] a line")
        let target = String(repeating: "b", count: 5_000) + ":99999"
        let parseError = try #require(throws: SMTPProbeError.self) { try ProbeTarget(parsing: target) }
        #expect(parseError.reason.utf8.count < 300)
        #expect(parseError.reason.contains("…(5006 bytes)"))
    }

    @Test func aRouteFileHostIsRefusedInBothLanguages() throws {
        let route = Route(name: "r", primary: [RouteHost(entry: "mx\u{200D}.example.com")])
        let problem = try #require(RouteValidator.check(route, position: 1).hosts.first?.problems.first)
        #expect(problem.code == .routeInvalidHost)
        let english = FindingCatalog(language: .en).finding(for: problem, routeHost: "r", address: nil)
        #expect(english.message == "\"mx\\u{200D}.example.com\" is not a host a route can use")
        #expect(english.detail?.contains("Character 3 is U+200D, an invisible character") == true)
        let japanese = FindingCatalog(language: .ja).finding(for: problem, routeHost: "r", address: nil)
        #expect(japanese.message.contains("mx\\u{200D}.example.com"))
        #expect(japanese.detail?.contains("3 文字目は U+200D で、目に見えない文字です") == true)
        #expect(japanese.detail?.contains("invisible") == false)
    }

    @Test func connectToIsRefused() async throws {
        var options = ProbeOptions()
        options.connectTo = "127.0.0.1\u{200B}"
        await #expect(throws: SMTPProbeError(.invalidTarget, "")) {
            _ = try await SMTPProber().probe(ProbeTarget(host: "mx.example.com"), options: options)
        }
    }

    @Test(arguments: names.filter { !$0.contains(":") })
    func ehloNamesAreRefusedShowingTheCharacter(name: String) throws {
        let error = try #require(throws: SMTPProbeError.self) { try EHLOName.validate(name) }
        #expect(error.code == .invalidEHLOName)
        #expect(error.reason.contains("\\u{") || error.reason.contains("U+00A0"))
        // The invisible character itself is never echoed (a no-break space is harmless).
        #expect(!error.reason.unicodeScalars.contains { $0.value > 0x7F && $0 != "\u{A0}" && name.unicodeScalars.contains($0) })
    }

    /// RFC 5321 4.1.3: an address in EHLO is an address literal in brackets.
    @Test(arguments: [("192.0.2.1", "write [192.0.2.1]"), ("2001:db8::10", "write [IPv6:2001:db8::10]"),
                      ("127.0.0.1", "[127.0.0.1]"), ("127.0.0.1", "use this machine's own fully qualified name")])
    func bareAddressesAreRefusedSayingWhatToWrite(name: String, advice: String) throws {
        let error = try #require(throws: SMTPProbeError.self) { try EHLOName.validate(name) }
        #expect(error.code == .invalidEHLOName)
        #expect(error.reason.contains(advice), "\(error.reason)")
    }

    /// No top-level domain is all digits: `host.123` is a mistake, and `127.1` an address in
    /// shorthand.
    @Test(arguments: ["host.123", "probe.example.123", "127.1", "10.1.2"])
    func numericLastLabelsAreRefused(name: String) throws {
        let error = try #require(throws: SMTPProbeError.self) { try EHLOName.validate(name) }
        #expect(error.code == .invalidEHLOName)
        #expect(error.reason.contains("all-numeric label") || error.reason.contains("not a fully qualified"), "\(error.reason)")
    }
}
