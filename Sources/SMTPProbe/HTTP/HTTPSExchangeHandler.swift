#if canImport(Glibc)
import Glibc
#endif
internal import NIOCore
internal import NIOConcurrencyHelpers
internal import NIOHTTP1

/// Holds one HTTPS exchange after the TLS handler: checks the certificate once the handshake
/// completes (and sends no request to a server that fails the check), sends the GET, reads
/// the response up to the body limit, and ends the exchange on the first of: the end of the
/// response, a failure, the phase's deadline. Whatever happens, the promise gets the facts.
final class HTTPSExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    struct Outcome: Sendable {
        var tls: TLSSessionInfo?
        var verification: ChainVerification?
        var hostname: HostnameMatcher.Outcome?
        var response: HTTPResponseFacts?
        var failure: HTTPSFetchFailure?
    }

    /// The exchange's result, completed exactly once: by the handler, or by the fetcher when
    /// the connection is never made.
    final class Completion: Sendable {
        let promise: EventLoopPromise<Outcome>
        private let done = NIOLockedValueBox(false)

        init(_ promise: EventLoopPromise<Outcome>) { self.promise = promise }

        /// Whether the caller is the first to complete it, and so must.
        func claim() -> Bool {
            done.withLockedValue { done in
                defer { done = true }
                return !done
            }
        }
    }

    private let request: HTTPSRequest
    private let completion: Completion
    private var outcome = Outcome()
    private var phase = HTTPSPhase.handshake
    private var deadline: Scheduled<Void>?
    private var finished = false

    init(request: HTTPSRequest, completion: Completion) {
        self.request = request
        self.completion = completion
    }

    func channelActive(context: ChannelHandlerContext) {
        // The handshake's deadline starts with the connection: before that, the connect
        // timeout of the bootstrap holds.
        startPhase(.handshake, context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let completed = event as? TLSHandshakeCompleted else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let info = completed.info
        outcome.tls = info
        guard let leaf = info.peerChain.first else {
            finish(.noCertificate, context: context)
            return
        }
        let verification = ChainVerifier.verify(chain: info.peerChain, store: request.trust, at: request.validationTime)
        let hostname = HostnameMatcher().match(routeHost: request.host, names: leaf.subjectAltNames,
                                               commonNames: leaf.commonNames)
        outcome.verification = verification
        outcome.hostname = hostname
        // An MTA-STS sender must not use a policy from a server it cannot authenticate
        // (RFC 8461 §3.3), so such a server is not even asked.
        guard verification.isTrusted else {
            let failure: HTTPSFetchFailure = verification.issues.isEmpty
                ? verification.tooLong.map { .certificateChainTooLong($0) } ?? .certificateNotTrusted([])
                : .certificateNotTrusted(verification.issues)
            finish(failure, context: context)
            return
        }
        guard case .matched = hostname else {
            finish(.certificateNameMismatch(presented: HostnameMatcher.usableNames(leaf.subjectAltNames)), context: context)
            return
        }
        startPhase(.response, context: context)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: HostName.wireForm(request.host) + (request.port == 443 ? "" : ":\(request.port)"))
        headers.add(name: "User-Agent", value: "smtp-probe")
        headers.add(name: "Accept", value: "text/plain")
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: request.path, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            outcome.response = HTTPResponseFacts(
                status: Int(head.status.code), reason: head.status.reasonPhrase,
                headers: head.headers.map { HTTPField(name: $0.name, value: $0.value) })
            // A length announced beyond the limit is refused before a byte of it is read.
            if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > request.maximumBodyBytes {
                finish(.bodyTooLarge(limit: request.maximumBodyBytes), context: context)
            }
        case .body(let part):
            let room = request.maximumBodyBytes - (outcome.response?.body.count ?? 0)
            outcome.response?.body += part.readableBytesView.prefix(max(0, room))
            if part.readableBytes > room {
                finish(.bodyTooLarge(limit: request.maximumBodyBytes), context: context)
            }
        case .end:
            finish(nil, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case let failed as TLSHandshakeFailed:
            finish(.tlsHandshake(failed.openSSLErrors), context: context)
        case let parser as HTTPParserError:
            finish(.malformedResponse(Self.malformation(parser)), context: context)
        case let io as IOError:
            finish(.connectionLost(String(cString: strerror(io.errnoCode))), context: context)
        default:
            finish(.malformedResponse(.notHTTP), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(phase == .handshake ? .tlsHandshake([]) : .malformedResponse(.closedEarly), context: context)
        context.fireChannelInactive()
    }

    private func startPhase(_ next: HTTPSPhase, context: ChannelHandlerContext) {
        phase = next
        deadline?.cancel()
        let seconds = request.timeout
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: .nanoseconds(Int64(max(0.05, seconds) * 1_000_000_000))) {
            handler.value.finish(.timedOut(next, seconds: seconds), context: bound.value)
        }
    }

    /// Ends the exchange once: the first outcome decides, the connection is closed.
    private func finish(_ failure: HTTPSFetchFailure?, context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        deadline?.cancel()
        outcome.failure = failure
        if completion.claim() { completion.promise.succeed(outcome) }
        context.close(promise: nil)
    }

    private static func malformation(_ error: HTTPParserError) -> HTTPMalformation {
        switch error {
        case .invalidEOFState, .closedConnection: .closedEarly
        case .headerOverflow: .headersTooLong
        case .invalidChunkSize: .badChunk
        default: .notHTTP
        }
    }
}
