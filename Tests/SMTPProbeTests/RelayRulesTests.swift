import Testing
@testable import SMTPProbe

/// The relay's documented client rules (seed 000), as `smtp-probe relay` and the checklist
/// judge them.
struct RelayRulesTests {
    @Test func requiredTLSWantsPort587() {
        #expect(RelayProblem.judge(port: 25, requireTLS: true, ehloName: "printer.example.org") == [.portForRequiredTLS(port: 25)])
        #expect(RelayProblem.judge(port: 465, requireTLS: true, ehloName: nil) == [.portForRequiredTLS(port: 465)])
        #expect(RelayProblem.judge(port: 587, requireTLS: true, ehloName: nil).isEmpty)
        // Without "Require TLS encryption", 25, 465 and 587 are all documented.
        #expect(RelayProblem.judge(port: 25, requireTLS: false, ehloName: nil).isEmpty)
    }

    @Test(arguments: ["localhost", "LocalHost.", "smtp-relay.gmail.com", "mail", "[127.0.0.1]", "printer.localdomain"])
    func genericNamesAreFound(name: String) {
        #expect(RelayProblem.judge(port: 587, requireTLS: true, ehloName: name) == [.genericEHLO(name: name)])
    }

    @Test(arguments: ["scanner3f.example.org", "[192.0.2.7]"])
    func uniqueNamesPass(name: String) {
        #expect(RelayProblem.judge(port: 587, requireTLS: true, ehloName: name).isEmpty)
    }

    @Test func codesAndSeverities() {
        #expect(RelayProblem.portForRequiredTLS(port: 25).code.rawValue == "relay.port_for_required_tls")
        #expect(RelayProblem.genericEHLO(name: "localhost").code.rawValue == "relay.generic_ehlo")
        #expect(RelayProblem.genericEHLO(name: "localhost").severity == .warn)
        let finding = FindingCatalog(language: .ja).finding(for: RelayProblem.genericEHLO(name: "localhost"),
                                                          routeHost: "smtp-relay.gmail.com", address: nil)
        #expect(finding.message.contains("localhost"))
        #expect(finding.remedies.map(\.kind) == ["say_unique_ehlo_name"])
    }
}
