internal import NIOCore
internal import NIOPosix
internal import NIOHTTP1

/// Makes HTTPS GETs with smtp-probe's one TLS stack: OpenSSL in ``OpenSSLHandler`` under
/// SwiftNIO, and SwiftNIO's own HTTP/1.1 codec (NIOHTTP1) for the request and the response,
/// chunked bodies included. Never throws for what a server does: that is in the facts.
enum HTTPSFetcher {
    /// Looks the host up (unless told where to connect), connects to its addresses in turn
    /// until one takes the connection, and holds the exchange there.
    /// - Throws: only when OpenSSL cannot set up a TLS connection on this machine, or the
    ///   machine has no file descriptor left for the lookup (a local limit, not the server's).
    static func fetch(_ request: HTTPSRequest, context: SSLContext,
                      group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> HTTPSFetch {
        var fetch = HTTPSFetch(url: request.url)
        let host = request.connectHost ?? HostName.wireForm(request.host)
        let port = request.connectPort ?? request.port
        let addresses: [SocketAddress]
        switch try await HostResolver.resolve(host: host, port: port, timeout: request.timeout, resolver: request.resolver) {
        case .failed(let failure):
            fetch.failure = .dns(failure)
            return fetch
        case .addresses(let found):
            addresses = found
        }
        let timeout = TimeAmount.nanoseconds(Int64(max(0.05, request.timeout) * 1_000_000_000))
        for address in addresses {
            let name = address.ipAddress ?? "\(address)"
            let loop = group.next()
            let completion = HTTPSExchangeHandler.Completion(loop.makePromise(of: HTTPSExchangeHandler.Outcome.self))
            let serverName = IPAddress(request.host) == nil ? HostName.wireForm(request.host) : nil
            let channel: any Channel
            do {
                channel = try await ClientBootstrap(group: loop)
                    .connectTimeout(timeout)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let operations = channel.pipeline.syncOperations
                            try operations.addHandler(OpenSSLHandler(context: context, isClient: true, serverName: serverName))
                            try operations.addHTTPClientHandlers()
                            try operations.addHandler(HTTPSExchangeHandler(request: request, completion: completion))
                        }
                    }
                    .connect(to: address).get()
            } catch let error as SMTPProbeError {
                if completion.claim() { completion.promise.fail(error) }
                throw error
            } catch {
                if completion.claim() { completion.promise.fail(error) }
                fetch.failure = .connect(address: name, ConnectFailure(connectError: error))
                continue
            }
            fetch.address = name
            let outcome = try await completion.promise.futureResult.get()
            try? await channel.closeFuture.get()
            fetch.tls = outcome.tls
            fetch.verification = outcome.verification
            fetch.hostname = outcome.hostname
            fetch.response = outcome.response
            fetch.failure = outcome.failure
            return fetch
        }
        return fetch
    }
}
