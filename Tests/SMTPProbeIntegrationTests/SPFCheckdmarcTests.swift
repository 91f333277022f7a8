import Foundation
import Testing
@testable import SMTPProbe

/// SPF lookup counts compared with checkdmarc's (PyPI, through scripts/checkdmarc-spf.py) on
/// every SPF test zone, both asking the same unbound on loopback. Where the two differ on
/// purpose, ``expectedDifferences`` says so; docs/domain-checks.md says who is right.
@Suite("SPF lookup counts agree with checkdmarc", .timeLimit(.minutes(1)))
struct SPFCheckdmarcTests {
    struct Line: Decodable {
        var domain: String
        var lookups: Int?
        var error: String?
    }

    @Test func lookupCountsAgreeOnEveryTestZone() async throws {
        let port = try await UnboundServer.shared.port()
        let script = ExternalCheckers.repository.appendingPathComponent("scripts/checkdmarc-spf.py").path
        let names = SPFTestZones.zones.map(\.name)
        let outcome = try await ExternalCheckers.run("/usr/bin/env", ["python3", script, String(port)] + names)
        let lines = outcome.output.split(separator: "\n").compactMap { try? JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        try #require(lines.count == names.count, "checkdmarc: \(outcome.output)")
        let resolver = try DNSResolver(server: DNSServer(parsing: "127.0.0.1:\(port)"))
        let evaluator = SPFEvaluator(lookups: SPFLookups(resolver: resolver, timeout: 5))
        for (zone, theirs) in zip(SPFTestZones.zones, lines) {
            let ours = await evaluator.evaluate(domain: zone.name)
            print("\(zone.name): smtp-probe \(ours.lookups), checkdmarc \(theirs.lookups.map(String.init) ?? "-") \(theirs.error ?? "")")
            guard let expected = zone.lookups else { continue }
            #expect(ours.lookups == expected, "\(zone.name): ours \(ours.lookups), expected \(expected)")
            guard let count = theirs.lookups else { continue }
            if count > 10 {
                // checkdmarc stops at the first lookup past the limit (11); smtp-probe counts the
                // whole tree so that the report can say what spends them. Both say "over 10".
                #expect(expected >= count, "\(zone.name): checkdmarc \(count), expected \(expected)")
            } else {
                #expect(count == expected, "\(zone.name): checkdmarc \(count), expected \(expected) (\(theirs.error ?? ""))")
            }
        }
    }
}
