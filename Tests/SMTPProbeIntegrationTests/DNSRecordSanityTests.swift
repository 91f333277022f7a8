import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// DNS answers that contradict themselves or point nowhere, from a real DNS server (unbound)
/// on loopback: a null MX beside real MX hosts, and addresses that would reach this machine.
@Suite("DNS records that cannot be right", .timeLimit(.minutes(1)))
struct DNSRecordSanityTests {
    private func options(dnsPort: Int) throws -> ProbeOptions {
        var options = ProbeOptions()
        options.trust = .file(FixtureCertificate.rootsPath)
        options.timeout = 5
        options.validationTime = Expectations.validationTime
        options.ehloName = "probe.smtp-probe.test"
        options.dnsServer = try DNSServer(parsing: "127.0.0.1:\(dnsPort)")
        return options
    }

    /// `mixed.test.example` publishes "0 ." and "10 mx.test.example": the contradiction is
    /// reported and the real host is still probed, as a sender following RFC 7505 would use it.
    @Test func aNullMXBesideARealHostIsReportedAndTheHostProbed() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let route = Route(name: "mixed", options: RouteOptions(mxLookup: true),
                          primary: [RouteHost(entry: "mixed.test.example:\(server.port)")])
        let report = try await RouteProber(prober: SMTPProber()).probe(route, options: options(dnsPort: dnsPort))
        let host = try #require(report.hosts.first)
        #expect(host.findings.map(\.code) == [.dnsNullMXNotAlone])
        #expect(host.findings.first?.severity == .warn)
        #expect(host.findings.first?.remedies.map(\.kind) == ["remove_null_mx_or_others"])
        #expect(host.probes.map(\.target.host) == ["mx.test.example"])
        #expect(host.probes.first?.verdict == .pass)
        #expect(report.verdict == .warn)

        // In a batch (monitoring) too: the domain's warning, and its host probed.
        var results: [BatchResult] = []
        for await result in try SMTPProber().probe([ProbeTarget(host: "mixed.test.example", port: server.port)],
                                                   options: options(dnsPort: dnsPort),
                                                   routeOptions: [RouteOptions(mxLookup: true)], batch: BatchOptions()) {
            results.append(result)
        }
        let reports = try results.sorted { $0.index < $1.index }.map { try $0.outcome.get() }
        #expect(reports.map(\.target.host) == ["mixed.test.example", "mx.test.example"])
        #expect(reports.first?.findings.map(\.code) == [.dnsNullMXNotAlone])
        #expect(reports.last?.addresses.count == 1)
    }

    /// 0.0.0.0 and :: from DNS would reach this machine: never connected to, each reported
    /// with the name and the address; a real address beside them is still probed.
    @Test(arguments: [("zero.test.example", "0.0.0.0"), ("zero6.test.example", "::")])
    func anUnspecifiedAddressFromDNSIsNeverConnectedTo(host: String, address: String) async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let report = try await SMTPProber().probe(ProbeTarget(host: host, port: server.port), options: options(dnsPort: dnsPort))
        #expect(report.findings.map(\.code) == [.dnsUnusableAddress])
        #expect(report.findings.first?.message.contains(host) == true)
        #expect(report.findings.first?.message.contains(address) == true)
        #expect(report.findings.first?.remedies.map(\.kind) == ["fix_address_record"])
        #expect(report.addresses.isEmpty)
        #expect(report.verdict == .fail)
        #expect(server.peakConnections == 0)
    }

    @Test func aRealAddressBesideAnUnspecifiedOneIsStillProbed() async throws {
        let dnsPort = try await UnboundServer.shared.port()
        let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: .good))
        defer { Task { await server.stop() } }
        let report = try await SMTPProber().probe(ProbeTarget(host: "halfzero.test.example", port: server.port),
                                                  options: options(dnsPort: dnsPort))
        #expect(report.findings.first?.code == .dnsUnusableAddress)
        #expect(report.addresses.map(\.address) == ["127.0.0.1"])
        #expect(report.verdict == .fail)

        // An MX host whose only address is 0.0.0.0: reported under the MX host, not connected to.
        let route = Route(name: "zeromx", options: RouteOptions(mxLookup: true),
                          primary: [RouteHost(entry: "zeromx.test.example:\(server.port)")])
        let routeReport = try await RouteProber(prober: SMTPProber()).probe(route, options: options(dnsPort: dnsPort))
        let probe = try #require(routeReport.hosts.first?.probes.first)
        #expect(probe.target.host == "zero.test.example")
        #expect(probe.findings.map(\.code) == [.dnsUnusableAddress])
        #expect(probe.addresses.isEmpty)
    }
}
