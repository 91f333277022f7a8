import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// MX lookup and routes, against a real DNS server (unbound) and the fixture SMTP server, both
/// on loopback.
@Suite("MX lookup and routes against a real DNS server", .timeLimit(.minutes(1)))
struct RouteDNSTests {
    private func options(dnsPort: Int, timeout: Double = 5) -> ProbeOptions {
        var options = ProbeOptions()
        options.trust = .file(FixtureCertificate.rootsPath)
        options.timeout = timeout
        options.validationTime = Expectations.validationTime
        options.ehloName = "probe.smtp-probe.test"
        options.dnsServer = try? DNSServer(parsing: "127.0.0.1:\(dnsPort)")
        return options
    }

    /// A one-host route with MX lookup on `domain`, probed on the fixture server's port.
    private func mxRoute(_ domain: String, behaviour: FixtureBehaviour = FixtureBehaviour(certificate: .good),
                         routeOptions: RouteOptions = RouteOptions(mxLookup: true)) async throws -> RouteReport {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        let route = Route(name: domain, options: routeOptions, primary: [RouteHost(entry: "\(domain):\(server.port)")])
        return try await RouteProber(prober: SMTPProber()).probe(route, options: options(dnsPort: dnsPort))
    }

    @Test func everyMXHostIsProbedInPreferenceOrderAgainstItsOwnName() async throws {
        let report = try await mxRoute("good.test.example")
        let host = try #require(report.hosts.first)
        #expect(host.mx?.map(\.exchange) == ["mx.test.example", "mail.test.example"])
        #expect(host.mx?.map(\.preference) == [10, 20])
        #expect(host.probes.map(\.target.host) == ["mx.test.example", "mail.test.example"])
        #expect(host.probes.map(\.addresses.count) == [1, 1])
        #expect(host.probes.map { $0.tls?.serverName } == ["mx.test.example", "mail.test.example"])
        // The MX hosts' own lookups, done before their probes, are what timings_ms.dns reports.
        #expect(host.probes.allSatisfy { ($0.timingsMS["dns"] ?? 0) > 0 })
        #expect(report.verdict == .pass)
        #expect(report.consequences.isEmpty)
    }

    @Test func nullMXMeansTheDomainAcceptsNoMail() async throws {
        let report = try await mxRoute("nullmx.test.example")
        let host = try #require(report.hosts.first)
        #expect(host.findings.map(\.code) == [.dnsNullMX])
        #expect(host.probes.isEmpty)
        #expect(report.verdict == .fail)
        #expect(report.relaxations.isEmpty)
    }

    @Test func noMXFallsBackToTheDomainsOwnAddress() async throws {
        let report = try await mxRoute("nomx.test.example")
        let host = try #require(report.hosts.first)
        #expect(host.findings.map(\.code) == [.dnsNoMX])
        #expect(host.findings.first?.severity == .warn)
        #expect(host.probes.map(\.target.host) == ["nomx.test.example"])
        // The fixture certificate does not name nomx.test.example.
        #expect(host.probes.first?.findings.map(\.code) == [.certHostnameMismatch])
    }

    @Test func anMXThatIsACNAMEIsReportedAndCheckedUnderTheMXName() async throws {
        let report = try await mxRoute("alias.test.example")
        let host = try #require(report.hosts.first)
        #expect(host.findings.map(\.code) == [.dnsMXIsCNAME])
        #expect(host.findings.first?.message.contains("mx.test.example") == true)
        #expect(host.probes.map(\.target.host) == ["cname.test.example"])
        #expect(host.probes.first?.findings.map(\.code) == [.certHostnameMismatch])
    }

    @Test func anMXHostWithoutAnAddress() async throws {
        let report = try await mxRoute("noaddr.test.example")
        let host = try #require(report.hosts.first)
        #expect(host.probes.map(\.target.host) == ["void.test.example"])
        #expect(host.probes.first?.findings.map(\.code) == [.dnsNoAddress])
        #expect(report.verdict == .fail)
    }

    @Test func aDomainThatDoesNotExist() async throws {
        let report = try await mxRoute("missing.test.example")
        #expect(report.hosts.first?.findings.map(\.code) == [.dnsNXDomain])
    }

    @Test func aRefusedQueryIsATemporaryFailure() async throws {
        let report = try await mxRoute("mail.refused.example")
        #expect(report.hosts.first?.findings.map(\.code) == [.dnsTemporaryFailure])
        #expect(report.hosts.first?.findings.first?.detail?.isEmpty == false)
    }

    @Test(.timeLimit(.minutes(1)))
    func aDNSServerThatNeverAnswersEndsWithinTheTimeout() async throws {
        // A UDP port nobody answers on; the lookup is abandoned at --timeout.
        var options = options(dnsPort: 9, timeout: 1)
        options.dnsServer = try DNSServer(parsing: "192.0.2.53")
        let started = Date()
        let route = Route(name: "r", options: RouteOptions(mxLookup: true), primary: [RouteHost(entry: "good.test.example")])
        let report = try await RouteProber(prober: SMTPProber()).probe(route, options: options)
        #expect(report.hosts.first?.findings.map(\.code) == [.dnsTemporaryFailure])
        #expect(Date().timeIntervalSince(started) < 30) // not a hang; on two busy cores the test itself may wait
    }

    /// Monitoring a list with MX-lookup domains (a route file given to `--targets`): each
    /// domain becomes its MX hosts, a host reached twice is probed once, and a domain DNS rules
    /// out is one result with its finding and no connection.
    @Test func aBatchProbesTheMXHostsOfEachDomainOnce() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let domains = ["good.test.example", "alias.test.example", "nullmx.test.example", "mx.test.example",
                       "missing.test.example"]
        let targets = domains.map { ProbeTarget(host: $0, port: server.port) }
        let mx = RouteOptions(mxLookup: true)
        let routeOptions = [mx, mx, mx, RouteOptions(), mx]
        var batch = BatchOptions()
        batch.deadline = 30
        var results: [BatchResult] = []
        for await result in try SMTPProber().probe(targets, options: options(dnsPort: dnsPort),
                                                   routeOptions: routeOptions, batch: batch) {
            results.append(result)
        }
        results.sort { $0.index < $1.index }
        let reports = try results.map { try $0.outcome.get() }
        // mx.test.example, good's first MX, is listed by name too: probed once, where it is listed.
        #expect(reports.map(\.target.host) == ["mail.test.example", "cname.test.example",
                                               "nullmx.test.example", "mx.test.example", "missing.test.example"])
        #expect(reports.map(\.verdict) == [.pass, .fail, .fail, .pass, .fail])
        #expect(reports[1].findings.map(\.code) == [.dnsMXIsCNAME, .certHostnameMismatch])
        #expect(reports[2].findings.map(\.code) == [.dnsNullMX])
        #expect(reports[2].addresses.isEmpty)
        #expect(reports[4].findings.map(\.code) == [.dnsNXDomain])
        // Each MX host says whose MX it is; the listed one too.
        #expect(reports.map(\.target.mxOf) == [["good.test.example"], ["alias.test.example"], nil, ["good.test.example"], nil])
        // The MX hosts' lookups happened before their probes; their reports say how long.
        #expect((reports[0].timingsMS["dns"] ?? 0) > 0)
        #expect(results.map(\.index) == Array(0..<5))
    }

    /// A domain without MX is probed itself; listed by name as well, it is probed once, where
    /// it is listed, so that no two results share a name.
    @Test func aDomainWithoutMXThatIsAlsoListedIsProbedOnce() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let target = ProbeTarget(host: "nomx.test.example", port: server.port)
        var results: [BatchResult] = []
        for await result in try SMTPProber().probe([target, target], options: options(dnsPort: dnsPort),
                                                   routeOptions: [RouteOptions(mxLookup: true), RouteOptions()],
                                                   batch: BatchOptions()) {
            results.append(result)
        }
        #expect(results.map(\.target) == [target])
        #expect(try results.first?.outcome.get().routeOptions.mxLookup == false)
    }

    private func batch(_ targets: [(String, RouteOptions)], port: Int, dnsPort: Int) async throws -> [ProbeReport] {
        var results: [BatchResult] = []
        for await result in try SMTPProber().probe(targets.map { ProbeTarget(host: $0.0, port: port) },
                                                   options: options(dnsPort: dnsPort), routeOptions: targets.map(\.1),
                                                   batch: BatchOptions()) {
            results.append(result)
        }
        return try results.sorted { $0.index < $1.index }.map { try $0.outcome.get() }
    }

    /// A domain's null MX is news about the domain; a host of the same name listed as well
    /// is a server to probe. Neither stands in for the other.
    @Test func aNullMXIsReportedEvenWhenAHostOfThatNameIsListed() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let reports = try await batch([("nullhost.test.example", RouteOptions(mxLookup: true)),
                                       ("nullhost.test.example", RouteOptions())], port: server.port, dnsPort: dnsPort)
        #expect(reports.map { $0.findings.map(\.code).first } == [.dnsNullMX, .certHostnameMismatch])
        #expect(reports[0].addresses.isEmpty)
        #expect(reports[1].addresses.count == 1)
    }

    @Test func aDomainDecidedByDNSDoesNotSwallowAnotherDomainsMXHost() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let mx = RouteOptions(mxLookup: true)
        let reports = try await batch([("nullhost.test.example", mx), ("tenant.test.example", mx)],
                                      port: server.port, dnsPort: dnsPort)
        #expect(reports.count == 2)
        #expect(reports[0].findings.map(\.code) == [.dnsNullMX])
        // tenant's MX host was probed, under its own name.
        #expect(reports[1].target.mxOf == ["tenant.test.example"])
        #expect(reports[1].addresses.count == 1)
    }

    /// Names from DNS are shown as DNS writes them (RFC 1035 presentation format): a control
    /// character cannot reach a terminal, and a dot inside a label is not taken for two labels.
    @Test func mxNamesThatAreNoHostNamesAreShownEscapedAndCheckedAsThemselves() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let mx = RouteOptions(mxLookup: true)
        let reports = try await batch([("esc.test.example", mx), ("dot.test.example", mx)], port: server.port, dnsPort: dnsPort)
        #expect(reports.map(\.target.host) == ["a\\027b.test.example", "mx\\046test.example"])
        // Looked up under that very name, and not passed off as mx.test.example.
        #expect(reports.map { $0.addresses.count } == [1, 1])
        #expect(reports.map { $0.findings.map(\.code) } == [[.certHostnameMismatch], [.certHostnameMismatch]])
    }

    /// Hosts of a route, and the MX hosts behind them, that share a server take turns.
    @Test func aRouteOpensOneConnectionAtATimeToEachServer() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let route = Route(name: "shared", options: RouteOptions(),
                          primary: [RouteHost(entry: "mx.test.example:\(server.port)", load: 50),
                                    RouteHost(entry: "mail.test.example:\(server.port)", load: 50)],
                          secondary: [RouteHost(entry: "good.test.example:\(server.port)", mxLookup: true)])
        let report = try await RouteProber(prober: SMTPProber()).probe(route, options: options(dnsPort: dnsPort))
        #expect(report.hosts.flatMap(\.probes).count == 4)
        #expect(server.peakConnections == 1)
    }

    @Test func hostNamesResolveThroughTheNamedServer() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let report = try await SMTPProber().probe(ProbeTarget(host: "mail.test.example", port: server.port),
                                                  options: options(dnsPort: dnsPort))
        #expect(report.addresses.map(\.address) == ["127.0.0.1"])
        #expect(report.verdict == .pass)
    }

    @Test func hostnameValidationOffLetsAMismatchedPrimaryPassWithAWarning() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        var route = Route(name: "gateway",
                          primary: [RouteHost(entry: "mx.test.example:\(server.port)", load: 50),
                                    RouteHost(entry: "other.test.example:\(server.port)", load: 50)],
                          secondary: [RouteHost(entry: "mail.test.example:\(server.port)")])
        let prober = RouteProber(prober: try SMTPProber())
        let strict = try await prober.probe(route, options: options(dnsPort: dnsPort))
        #expect(strict.verdict == .fail)
        #expect(strict.hosts.map(\.verdict) == [.pass, .fail, .pass])
        #expect(strict.consequences == ["Primary host other.test.example:\(server.port) fails the test: half of this route's mail would bounce."])
        #expect(strict.relaxations.map(\.turnOff) == [[.validateHostname], [.requireTLS]])

        route.options.validateHostname = false
        let relaxed = try await prober.probe(route, options: options(dnsPort: dnsPort))
        #expect(relaxed.verdict == .warn)
        #expect(relaxed.hosts.map(\.verdict) == [.pass, .warn, .pass])
        let waived = try #require(relaxed.hosts[1].probes.first?.findings.first)
        #expect(waived.code == .certHostnameMismatch)
        #expect(waived.waivedBy == [.validateHostname])
        #expect(relaxed.relaxations.isEmpty)
    }
}
