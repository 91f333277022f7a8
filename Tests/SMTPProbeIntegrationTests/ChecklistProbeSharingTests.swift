import Foundation
import Testing
@testable import SMTPProbe
import SMTPProbeFixtures

/// The checklist probes each server once: a route to one of the domain's MX hosts, on port 25
/// under the console's default options, is the very test the domain checks made of that host
/// (nsd's signed good.test.example, whose MX mx.test.example is the fixture Postfix on
/// 127.0.0.11:25). A route with other options is another test, made anew.
@Suite("The checklist shares a probe between the domain and the routes", .serialized, .timeLimit(.minutes(3)))
struct ChecklistProbeSharingTests {
    @Test func aRouteToAnMXHostTakesTheDomainChecksProbe() async throws {
        _ = try await PostfixServer.shared.ports()
        let dns = try await NSDServer.shared.endpoint()
        let nginx = try await NginxServer.shared.port()
        let plan = try MigrationPlan(yaml: """
            domain: good.test.example
            mail_to_google: false
            routes:
              - { name: Same test, host: mx.test.example }
              - { name: Other options, host: mx.test.example, options: { validate_certificate_hostname: false } }

            """, file: "plan.yaml")
        var options = ProbeOptions()
        options.trust = .file(FixtureCertificate.rootsPath)
        options.validationTime = try #require(ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z"))
        options.dnsServer = try DNSServer(parsing: "127.0.0.1:\(dns.port)")
        options.ehloName = "probe.smtp-probe.test"
        options.timeout = 5
        var live = ChecklistLiveOptions()
        live.trustAnchorFile = dns.anchorFile
        live.mtaSTSConnectTo = "127.0.0.1:\(nginx)"

        let domain = try await ChecklistDomainTest(plan: plan).items(offline: false, options: options, live: live, deadline: 60)
        let made = try #require(domain.mxProbes["mx.test.example"], "\(domain.mxProbes.keys)")
        #expect(made.verdict == .pass)
        let reports = try await RouteProber(prober: try SMTPProber(), made: domain.mxProbes)
            .probe(plan.routes.map(\.route), options: options, deadline: 60)
        let probes = reports.map { $0.hosts.first?.probes.first }
        // The same report, not a second probe that happened to pass: its timings are the MX probe's.
        #expect(probes[0]?.timingsMS["total"] == made.timingsMS["total"])
        #expect(probes[0]?.addresses.map(\.address) == made.addresses.map(\.address))
        // Hostname validation off is another test: probed again, under the route's own options.
        #expect(probes[1]?.timingsMS["total"] != nil && probes[1]?.timingsMS["total"] != made.timingsMS["total"])
        #expect(probes[1]?.routeOptions.validateHostname == false)

        // And through the command: both routes pass, the shared host reported on its own line.
        let report = try await ChecklistRunner().run(plan, offline: false, options: options, deadline: 60, live: live)
        let routes = report.checks.filter { $0.area == .inboundRoutes && $0.live }
        #expect(routes.map(\.code) == ["checklist.route_tls", "checklist.route_tls"], "\(routes.map(\.message))")
    }
}
