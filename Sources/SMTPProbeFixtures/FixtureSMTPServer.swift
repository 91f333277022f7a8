#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOCore
internal import NIOPosix
internal import NIOConcurrencyHelpers
internal import SMTPProbe

/// An SMTP server on 127.0.0.1, on a port the system picks, that serves one fixture
/// certificate and behaves as its ``FixtureBehaviour`` says. It speaks just enough SMTP for a
/// TLS test: greeting, EHLO/HELO, STARTTLS, QUIT; anything else gets 502.
public final class FixtureSMTPServer: Sendable {
    private let channel: any Channel
    private let connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>
    private let peak: NIOLockedValueBox<Int>
    /// The port it listens on.
    public let port: Int
    /// The address it listens on.
    public let host: String

    private init(channel: any Channel, connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>,
                 peak: NIOLockedValueBox<Int>, host: String) {
        self.channel = channel
        self.host = host
        self.connections = connections
        self.peak = peak
        port = channel.localAddress?.port ?? 0
    }

    /// Starts a server on `host`, any loopback address; stop it with ``stop()``. A second
    /// loopback address (127.0.0.2) stands for a second mail server in tests of politeness.
    /// Tests leave `port` at 0, a port the system picks; the fleet benchmark names one.
    public static func start(_ behaviour: FixtureBehaviour = FixtureBehaviour(),
                             host: String = "127.0.0.1", port: Int = 0) async throws -> FixtureSMTPServer {
        let version: TLSProtocolVersion? = switch behaviour.maximumTLSVersion {
        case .tlsv1?: .tlsv1
        case .tlsv1_1?: .tlsv1_1
        case .tlsv1_2?: .tlsv1_2
        case nil: nil
        }
        let context = try SSLContext.makeServer(chainFile: behaviour.certificate.chainPath,
                                                keyFile: behaviour.certificate.keyPath, maximumVersion: version,
                                                requireClientCertificate: behaviour.requiresClientCertificate)
        let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let peak = NIOLockedValueBox(0)
        // Sessions in progress: a session ends at QUIT or at close, whichever comes first. A
        // client that has its 221 may rightly open its next connection before this side has
        // seen the close of the last one, so counting sockets would overstate the overlap.
        let active = NIOLockedValueBox(0)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // The fleet benchmark connects 1,000 clients at once: with SwiftNIO's default
            // backlog the kernel drops SYNs, and a client waits a second for its retransmission.
            .serverChannelOption(.backlog, value: 4096)
            .childChannelInitializer { child in
                connections.withLockedValue { $0[ObjectIdentifier(child)] = child }
                let open = active.withLockedValue { active in
                    active += 1
                    return active
                }
                peak.withLockedValue { $0 = max($0, open) }
                let ended = NIOLockedValueBox(false)
                let end: @Sendable () -> Void = {
                    guard !ended.withLockedValue({ ended in defer { ended = true }; return ended }) else { return }
                    active.withLockedValue { $0 -= 1 }
                }
                child.closeFuture.whenComplete { _ in
                    _ = connections.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(child)) }
                    end()
                }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        FixtureSessionHandler(behaviour: behaviour, tlsContext: context, onQuit: end))
                }
            }
            .bind(host: host, port: port).get()
        return FixtureSMTPServer(channel: channel, connections: connections, peak: peak, host: host)
    }

    /// The most sessions that were in progress at the same time (from the connection until
    /// QUIT or the close): tests of politeness read it.
    public var peakConnections: Int { peak.withLockedValue { $0 } }

    /// Closes the listener and every open connection.
    public func stop() async {
        try? await channel.close()
        let open = connections.withLockedValue { Array($0.values) }
        for connection in open { try? await connection.close() }
    }
}
