import Testing
@testable import SMTPProbe

/// The MTA-STS policy file (RFC 8461 §3.2) and the matching of MX hosts against its patterns (§4.1).
@Suite("MTA-STS policies and mx patterns")
struct MTASTSPolicyTests {
    private func parse(_ text: String) -> MTASTSPolicy.Parsed { MTASTSPolicy.parse(Array(text.utf8)) }

    @Test(arguments: ["\r\n", "\n"])
    func aPolicyIsReadWithEitherLineEnd(end: String) throws {
        let text = ["version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net", "max_age: 86400", ""].joined(separator: end)
        guard case .valid(let policy) = parse(text) else { Issue.record("\(parse(text))"); return }
        #expect(policy.mode == .enforce)
        #expect(policy.mxPatterns.map(\.description) == ["mail.example.com", "*.example.net"])
        #expect(policy.maxAge == 86400)
    }

    @Test func unknownFieldsBlankLinesAndTheLimitsOfMaxAgeAreAccepted() {
        guard case .valid(let policy) = parse("version: STSv1\nmode: testing\n\nmx: a.example\nmax_age: 31557600\nfuture_field: x\n") else {
            Issue.record("not valid"); return
        }
        #expect(policy.maxAge == MTASTSPolicy.maximumMaxAge)
        #expect(policy.extensions == [HTTPField(name: "future_field", value: "x")])
        // Mode none may go without mx lines: it retires the policy.
        #expect(parse("version: STSv1\nmode: none\nmax_age: 0\n") == .valid(MTASTSPolicy(mode: .none, mxPatterns: [], maxAge: 0, extensions: [])))
    }

    @Test(arguments: [
        ("mode: enforce\nmx: a.example\nmax_age: 1\n", [MTASTSPolicy.Fault.missingField("version")]),
        ("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", [.invalidVersion("STSv2")]),
        ("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n", [.invalidMode("Enforce")]),
        ("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n", [.invalidMaxAge("31557601")]),
        ("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", [.invalidMaxAge("-1")]),
        ("version: STSv1\nmode: enforce\nmax_age: 1\n", [.missingField("mx")]),
        ("version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 1\n", [.repeatedField("mode")]),
        ("version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n", [.invalidMXPattern("mail.*.example")]),
        ("version: STSv1\nmode enforce\nmx: a.example\nmax_age: 1\n", [.malformedLine(number: 2, text: "mode enforce"), .missingField("mode")]),
    ])
    func everyFaultIsNamed(text: String, faults: [MTASTSPolicy.Fault]) {
        #expect(parse(text) == .invalid(faults))
    }

    @Test func aBodyThatIsNotTextIsNoPolicy() {
        #expect(MTASTSPolicy.parse([0x76, 0xFF, 0xFE]) == .invalid([.notText]))
    }

    @Test func aWildcardStandsForExactlyOneLeftMostLabel() throws {
        let wildcard = try #require(MXPattern("*.example.com"))
        #expect(wildcard.matches("mx1.example.com"))
        #expect(wildcard.matches("MX1.Example.COM."))
        #expect(!wildcard.matches("example.com"))
        #expect(!wildcard.matches("a.b.example.com"))
        #expect(!wildcard.matches("mx1.example.com.evil.test"))
        let plain = try #require(MXPattern("mail.example.com"))
        #expect(plain.matches("mail.example.com."))
        #expect(!plain.matches("mx.mail.example.com"))
    }

    @Test func internationalisedNamesAreComparedAsALabels() throws {
        let pattern = try #require(MXPattern("*.bücher.example"))
        #expect(pattern.description == "*.xn--bcher-kva.example")
        #expect(pattern.matches("mx.xn--bcher-kva.example"))
    }

    @Test(arguments: ["", "*", "*.", "*.com", "mail.example.com.", "-mx.example", "mx_1.example", "mail.*.example", "a..b"])
    func whatIsNoHostNameIsNoPattern(text: String) {
        #expect(MXPattern(text) == nil)
    }
}
