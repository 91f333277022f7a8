import Testing
@testable import SMTPProbe

/// TLS-RPT records looked up on a real DNS server (unbound on loopback) under
/// tlsrpt.test.example.
@Suite("TLS-RPT checks against a real DNS server", .timeLimit(.minutes(1)))
struct TLSRPTTests {
    static func name(_ label: String) -> String { "\(label).tlsrpt.test.example" }

    static let records: [String] = [
        "_smtp._tls.good.tlsrpt.test.example. TXT \"v=TLSRPTv1; rua=mailto:tls@good.tlsrpt.test.example,https://reports.example.net/tls\"",
        "_smtp._tls.norua.tlsrpt.test.example. TXT \"v=TLSRPTv1;\"",
        "_smtp._tls.baduri.tlsrpt.test.example. TXT \"v=TLSRPTv1; rua=tls@baduri.tlsrpt.test.example\"",
        "_smtp._tls.two.tlsrpt.test.example. TXT \"v=TLSRPTv1; rua=mailto:a@two.tlsrpt.test.example\"",
        "_smtp._tls.two.tlsrpt.test.example. TXT \"v=TLSRPTv1; rua=mailto:b@two.tlsrpt.test.example\"",
    ]

    private func problems(_ label: String, requiresTLS: Bool = true) async throws -> [TLSRPTProblem] {
        let port = try await UnboundServer.shared.port()
        let resolver = try DNSResolver(server: DNSServer(parsing: "127.0.0.1:\(port)"))
        let lookup = await TLSRPTLookup.evaluate(domain: Self.name(label)) { await resolver.txt(of: $0, timeout: 5) }
        return TLSRPTProblem.problems(of: lookup, domain: Self.name(label), requiresTLS: requiresTLS)
    }

    @Test func aRecordWithMailtoAndHTTPSReportsPasses() async throws {
        #expect(try await problems("good").isEmpty)
    }

    @Test func noRecordMattersOnlyWhenMTASTSOrDANEIsPublished() async throws {
        let found = try await problems("absent")
        #expect(found.map(\.code) == [.tlsRptMissing])
        #expect(found.first?.severity == .warn)
        #expect(found.first?.remedies.first?.text(.en, routeHost: "").contains(
            "_smtp._tls.absent.tlsrpt.test.example. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@absent.tlsrpt.test.example\"") == true)
        #expect(try await problems("absent", requiresTLS: false).isEmpty)
    }

    @Test func recordsSendersCannotUseAreInvalid() async throws {
        for label in ["norua", "baduri", "two"] {
            let found = try await problems(label, requiresTLS: false)
            #expect(found.map(\.code) == [.tlsRptInvalid], "\(label)")
            for language in [Language.en, .ja] {
                #expect(found.first?.detail(language)?.isEmpty == false)
                #expect(found.first?.remedies.first?.text(language, routeHost: "").isEmpty == false)
            }
        }
    }
}
