import Foundation
import Testing
@testable import SMTPProbe

/// The DNSSEC family's judgements of real answers from nsd's test zones.
@Suite("DNSSEC and DANE checks on the test zones")
struct DNSSECCheckTests {
    private func resolver() async throws -> ValidatingResolver {
        let endpoint = try await NSDServer.shared.endpoint()
        return try ValidatingResolver(ValidatingResolverConfiguration(
            server: try DNSServer(parsing: "127.0.0.1:\(endpoint.port)"), trustAnchorFile: endpoint.anchorFile))
    }

    @Test("Expired signatures are dnssec.bogus, a failure, with libunbound's reason and a DS in zone-file syntax")
    func bogus() async throws {
        let problem = try #require(DNSSECProblem.judge(try await resolver().mx("bogus.test"), type: "MX"))
        #expect(problem.code == .dnssecBogus)
        #expect(problem.severity == .fail)
        #expect(problem.message(.en) == "The DNSSEC signatures of bogus.test (MX) do not validate: the answer is bogus")
        #expect(problem.detail(.en)?.contains("expired") == true)
        #expect(problem.detail(.ja)?.contains("expired") == true)
        #expect(problem.remedies.map(\.kind) == ["resign_zone", "publish_current_ds"])
        #expect(problem.remedies[1].text(.en, routeHost: "").contains("`bogus.test. 3600 IN DS <key tag> 13 2 <SHA-256 of the DNSKEY>`"))
    }

    @Test("A secure and an insecure answer are not bogus")
    func notBogus() async throws {
        let dns = try await resolver()
        #expect(DNSSECProblem.judge(await dns.mx("secure.test"), type: "MX") == nil)
        #expect(DNSSECProblem.judge(await dns.mx("insecure.test"), type: "MX") == nil)
    }

    @Test("TLSA records in the unsigned zone are dane.tlsa_insecure, a warning, and the remedy quotes them")
    func tlsaInsecure() async throws {
        let problems = DNSSECProblem.judgeTLSA(try await resolver().tlsa("_25._tcp.mx.insecure.test"))
        #expect(problems.map(\.code) == [.daneTLSAInsecure])
        #expect(problems.map(\.severity) == [.warn])
        let remedy = try #require(problems.first?.remedies.first)
        #expect(remedy.kind == "sign_zone")
        #expect(remedy.text(.en, routeHost: "").contains(
            "`_25._tcp.mx.insecure.test. 3600 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede1738d11468dd953d5d37c0c4b2`"))
    }

    @Test("A PKIX-EE record is dane.unusable_usage and the remedy is the same data as DANE-EE (3 1 1)")
    func unusableUsage() async throws {
        let problems = DNSSECProblem.judgeTLSA(try await resolver().tlsa("_25._tcp.pkix.secure.test"))
        #expect(problems.map(\.code) == [.daneUnusableUsage])
        #expect(problems.map(\.severity) == [.warn])
        let remedy = try #require(problems.first?.remedies.first)
        for language in Language.allCases {
            #expect(remedy.text(language, routeHost: "").contains(
                "`_25._tcp.pkix.secure.test. 3600 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede1738d11468dd953d5d37c0c4b2`"))
        }
    }

    @Test("Signed TLSA records with DANE usages give no problem before the chain is seen")
    func goodTLSA() async throws {
        #expect(DNSSECProblem.judgeTLSA(try await resolver().tlsa("_25._tcp.mx.secure.test")).isEmpty)
    }

    @Test("Every DNSSEC problem speaks English and Japanese and has a remedy in both")
    func words() {
        let record = TLSARecord(usage: 0, selector: 1, matchingType: 1, data: [0xAB])
        let problems: [DNSSECProblem] = [
            .bogus(name: "example.com", type: "TXT", reason: "signature expired"),
            .tlsaInsecure(name: "_25._tcp.mx.example.com", records: [record]),
            .unusableUsage(name: "_25._tcp.mx.example.com", record: record),
            .dane(.tlsaMismatch(name: "_25._tcp.mx.example.com", address: "192.0.2.25", records: [record], leafSHA256: "AB:CD")),
            .dane(.tlsaOK(name: "_25._tcp.mx.example.com", address: "192.0.2.25", record: record, position: 0)),
        ]
        #expect(Set(problems.map(\.code)) == Set(DNSSECProblem.codes))
        for problem in problems {
            // A fact (dane.tlsa_ok, info) asks for nothing.
            #expect(!problem.remedies.isEmpty || problem.severity == .info)
            #expect(problem.message(.en) != problem.message(.ja))
            #expect(problem.detail(.en) != nil && problem.detail(.ja) != nil)
            for remedy in problem.remedies {
                #expect(remedy.text(.en, routeHost: "") != remedy.text(.ja, routeHost: ""))
            }
        }
        // PKIX-TA becomes DANE-TA with the same data.
        #expect(DNSSECRemedy.replaceUsage(name: "_25._tcp.mx.example.com", record: record).text(.en, routeHost: "")
            .contains("`_25._tcp.mx.example.com. 3600 IN TLSA 2 1 1 ab`"))
    }
}
