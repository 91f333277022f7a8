import Foundation
import Testing
@testable import SMTPProbe

/// The domain checks' DNS facts against a real signed zone served by nsd, validated by
/// libunbound from the zone's own trust anchor, with BIND's `delv` as a second opinion.
@Suite("DNSSEC lookups against nsd")
struct DNSSECLookupTests {
    private func resolver(_ endpoint: NSDServer.Endpoint, timeout: Double = 10) throws -> ValidatingResolver {
        try ValidatingResolver(ValidatingResolverConfiguration(
            server: try DNSServer(parsing: "127.0.0.1:\(endpoint.port)"), trustAnchorFile: endpoint.anchorFile, timeout: timeout))
    }

    @Test("A signed zone is secure, an unsigned delegation insecure, expired signatures bogus, as delv says")
    func states() async throws {
        let endpoint = try await NSDServer.shared.endpoint()
        let dns = try resolver(endpoint)

        let secure = await dns.mx("secure.test")
        #expect(secure.security == .secure)
        #expect(secure.outcome == .records([MXRecord(preference: 10, exchange: "mx.secure.test")]))
        #expect(try NSDServer.delv(endpoint, "MX", "secure.test").contains("fully validated"))

        let insecure = await dns.mx("insecure.test")
        #expect(insecure.security == .insecure)
        #expect(insecure.outcome == .records([MXRecord(preference: 10, exchange: "mx.insecure.test")]))
        #expect(try NSDServer.delv(endpoint, "MX", "insecure.test").contains("unsigned answer"))

        let bogus = await dns.mx("bogus.test")
        guard case .bogus(let reason) = bogus.security else {
            Issue.record("bogus.test validated as \(bogus.security)")
            return
        }
        #expect(reason.contains("expired"), "why_bogus: \(reason)")
        // A validating resolver gives no records for a bogus answer: a failure, not "no MX".
        #expect(bogus.outcome == .failed(.validationFailed(reason)))
        #expect(bogus.outcome.records.isEmpty)
        #expect(try NSDServer.delv(endpoint, "MX", "bogus.test").contains("RRSIG has expired"))
    }

    @Test("TXT keeps each character-string and joins them without spaces, as SPF is read")
    func txt() async throws {
        let dns = try resolver(try await NSDServer.shared.endpoint())
        let lookup = await dns.txt("secure.test")
        #expect(lookup.security == .secure)
        let records = lookup.outcome.records
        #expect(records.map(\.strings) == [["v=spf1 include:_spf.google.com", " ~all"]])
        #expect(records.map(\.text) == ["v=spf1 include:_spf.google.com ~all"])
    }

    @Test("TLSA records come with usage, selector, matching type and data")
    func tlsa() async throws {
        let dns = try resolver(try await NSDServer.shared.endpoint())
        let lookup = await dns.tlsa("_25._tcp.mx.secure.test")
        #expect(lookup.security == .secure)
        let hash = "8cb0fc6c527506a053f4f14c8464bebbd6dede1738d11468dd953d5d37c0c4b2"
        #expect(Set(lookup.outcome.records.map(\.description)) == ["3 1 1 \(hash)", "2 0 2 \(hash)\(hash)"])
    }

    @Test("Records, no data, no such name and a failed lookup are four different answers")
    func outcomes() async throws {
        let endpoint = try await NSDServer.shared.endpoint()
        let dns = try resolver(endpoint)
        #expect(await dns.tlsa("secure.test").outcome == .noData)
        #expect(await dns.txt("nodata.test").outcome == .noData)
        let missing = await dns.txt("nothing-here.secure.test")
        #expect(missing.outcome == .nxdomain)
        // Signed denial of existence: the name's absence is itself validated.
        #expect(missing.security == .secure)

        // Nothing listens on this port: the lookup fails, it does not find "no records".
        let silent = try ValidatingResolver(ValidatingResolverConfiguration(
            server: try DNSServer(parsing: "127.0.0.1:\(try UnboundServer.freePort())"),
            trustAnchorFile: endpoint.anchorFile, timeout: 3))
        let failed = await silent.txt("secure.test")
        guard case .failed = failed.outcome else {
            Issue.record("a server that does not answer gave \(failed.outcome)")
            return
        }
    }

    @Test("Within a run each name and type is asked once, even when asked at the same time")
    func cache() async throws {
        let dns = try resolver(try await NSDServer.shared.endpoint())
        let answers = await withTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                // Spelled differently, the same name: Secure.TEST. is secure.test.
                group.addTask { await dns.txt(index.isMultiple(of: 2) ? "secure.test" : "Secure.TEST.").outcome.records.count }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: 1, count: 20))
        _ = await dns.txt("secure.test")
        #expect(dns.queriesAsked == 1)
        // Another type of the same name is another question.
        _ = await dns.mx("secure.test")
        #expect(dns.queriesAsked == 2)
    }

    @Test("The probe's own MX lookups do not validate: a bogus zone's MX still reaches the probe")
    func probeDoesNotValidate() async throws {
        let endpoint = try await NSDServer.shared.endpoint()
        let probeDNS = try DNSResolver(server: try DNSServer(parsing: "127.0.0.1:\(endpoint.port)"))
        guard case .records(let records) = try await probeDNS.mx(of: "bogus.test", timeout: 10) else {
            Issue.record("the probe's resolver did not read bogus.test's MX")
            return
        }
        #expect(records == [MXRecord(preference: 10, exchange: "mx.bogus.test")])
        // Nothing is validated there: not even the root's anchor is loaded, so no answer of a
        // test or split-horizon server can turn bogus under the probe.
        for name in ["bogus.test", "secure.test", "nothing-here.secure.test"] {
            #expect(try probeDNS.context.resolve(name, type: 15).security == .insecure, "\(name)")
        }
    }

    @Test("A trust-anchor file that cannot be read is named when the resolver is set up")
    func missingAnchor() throws {
        #expect(throws: DNSLookupError.self) {
            try ValidatingResolver(ValidatingResolverConfiguration(trustAnchorFile: "/nonexistent/anchor.ds"))
        }
    }
}
