import Testing
@testable import SMTPProbe

@Suite("What a failing host means for its route's mail")
struct RouteConsequenceTests {
    private func host(_ entry: String, _ table: RouteTable, load: Int? = nil, _ verdict: Verdict) -> RouteHostReport {
        RouteHostReport(table: table, entry: entry, port: 25, load: load, mxLookup: false, mx: nil,
                        findings: [], probes: [], verdict: verdict)
    }

    @Test func oneFailingPrimaryOfTwoBouncesItsShare() {
        let consequences = RouteConsequence.of([host("a", .primary, load: 70, .fail), host("b", .primary, load: 30, .pass)],
                                               routeFindings: [])
        #expect(consequences == [.primaryHostFails(host: "a", load: 70, hosts: 2)])
    }

    /// Saying "70 % bounces" and "30 % bounces" and then "only the secondary hosts are left"
    /// contradicts itself: when every primary fails, that alone is said.
    @Test func everyPrimaryFailingIsSaidOnceNotAsShares() {
        let consequences = RouteConsequence.of([host("a", .primary, load: 70, .fail), host("b", .primary, load: 30, .fail),
                                                host("c", .secondary, .pass)], routeFindings: [])
        #expect(consequences == [.allPrimaryFail(secondaries: 1)])
    }
}
