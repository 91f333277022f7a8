import Foundation
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
    /// The port it listens on.
    public let port: Int
    /// The address it listens on.
    public let host = "127.0.0.1"

    private init(channel: any Channel, connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>) {
        self.channel = channel
        self.connections = connections
        port = channel.localAddress?.port ?? 0
    }

    /// Starts a server; stop it with ``stop()``.
    public static func start(_ behaviour: FixtureBehaviour = FixtureBehaviour()) async throws -> FixtureSMTPServer {
        let version: TLSProtocolVersion? = switch behaviour.maximumTLSVersion {
        case .tlsv1?: .tlsv1
        case .tlsv1_1?: .tlsv1_1
        case .tlsv1_2?: .tlsv1_2
        case nil: nil
        }
        let context = try SSLContext.makeServer(chainFile: behaviour.certificate.chainPath,
                                                keyFile: behaviour.certificate.keyPath, maximumVersion: version)
        let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                connections.withLockedValue { $0[ObjectIdentifier(child)] = child }
                child.closeFuture.whenComplete { _ in
                    _ = connections.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(child)) }
                }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        FixtureSessionHandler(behaviour: behaviour, tlsContext: context))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FixtureSMTPServer(channel: channel, connections: connections)
    }

    /// Closes the listener and every open connection.
    public func stop() async {
        try? await channel.close()
        let open = connections.withLockedValue { Array($0.values) }
        for connection in open { try? await connection.close() }
    }
}
