import Foundation
import Testing
@testable import SMTPProbe

/// MTA-STS policy hosts that cannot be reached at all: no DNS name, no listener, a listener
/// that never speaks TLS. Each is a finding that names why, never a hang or a thrown error.
@Suite("MTA-STS policy hosts out of reach", .timeLimit(.minutes(1)))
struct MTASTSFetchFailureTests {
    private func run(_ options: MTASTSFetchOptions, domain: String = "good.test.example") async throws -> MTASTSPolicyFetch.Failure? {
        let outcome = try await MTASTSCheck.run(domain: domain, recordTexts: ["v=STSv1; id=1;"],
                                                mxHosts: ["mx.test.example"], options: options)
        #expect(outcome.problems.map(\.code) == [.mtaSTSPolicyUnreachable])
        return outcome.fetch?.failure
    }

    private func options(port: Int) -> MTASTSFetchOptions {
        var options = MTASTSFetchOptions()
        options.trust = .file(MTASTSFetchTests.roots)
        options.connectHost = "127.0.0.1"
        options.connectPort = port
        options.timeout = 0.5
        return options
    }

    @Test func noListenerIsARefusedConnection() async throws {
        let port = try NginxServer.freePort()
        #expect(try await run(options(port: port)) == .https(.connect(address: "127.0.0.1", .refused)))
    }

    /// A listener that takes the connection (the kernel completes it) and never answers the
    /// ClientHello: the handshake's deadline ends the fetch.
    @Test func aSilentServerTimesOutInTheHandshake() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = NginxServer.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 && listen(fd, 4) == 0
            }
        }
        try #require(listening)
        let failure = try await run(options(port: Int(UInt16(bigEndian: address.sin_port))))
        #expect(failure == .https(.timedOut(.handshake, seconds: 0.5)))
    }

    /// The policy host's name is looked up through --dns-server: a name the zone does not have.
    @Test func aPolicyHostNotInDNSIsNamed() async throws {
        var options = MTASTSFetchOptions()
        options.trust = .file(MTASTSFetchTests.roots)
        options.dnsServer = try DNSServer(parsing: "127.0.0.1:\(await UnboundServer.shared.port())")
        options.timeout = 2
        let failure = try await run(options, domain: "nowhere.test.example")
        #expect(failure == .https(.dns(.nxdomain(host: "mta-sts.nowhere.test.example"))))
    }

    /// A domain without an `_mta-sts` record does not use MTA-STS: nothing is fetched.
    @Test func noRecordNoFetch() async throws {
        let outcome = try await MTASTSCheck.run(domain: "good.test.example", recordTexts: [], mxHosts: ["mx.test.example"],
                                                options: options(port: 1))
        #expect(outcome.problems.isEmpty)
        #expect(outcome.fetch == nil)
    }
}
