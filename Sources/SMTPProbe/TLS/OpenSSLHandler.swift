internal import CSMTPProbeOpenSSL
package import NIOCore

/// Fired inbound when the TLS handshake has completed.
package struct TLSHandshakeCompleted {
    let info: TLSSessionInfo
}

/// Fired as an error when the TLS handshake fails; the channel is closed after it.
struct TLSHandshakeFailed: Error {
    let openSSLErrors: [OpenSSLErrorEntry]
    /// The first bytes the peer sent during the handshake when they were not TLS at all (a
    /// plaintext SMTP reply, say).
    var plaintext: [UInt8]? = nil
    /// OpenSSL's alerts say the peer wants a client certificate: certificate_required (TLS
    /// 1.3), or handshake_failure after the server's CertificateRequest (TLS 1.2). In TLS 1.3
    /// this comes after the handshake has completed on the client's side.
    var clientCertificateRequired = false
}

/// Runs OpenSSL over a SwiftNIO channel: ciphertext from the socket goes into a memory BIO,
/// plaintext comes out as `ByteBuffer`s for the handlers after this one, and the reverse for
/// writes. The same handler drives the client side of a probe and the fixture server.
package final class OpenSSLHandler: ChannelDuplexHandler, RemovableChannelHandler {
    package typealias InboundIn = ByteBuffer
    package typealias InboundOut = ByteBuffer
    package typealias OutboundIn = ByteBuffer
    package typealias OutboundOut = ByteBuffer

    private enum State {
        case idle
        case handshaking
        case active
        case closed
    }

    private var state = State.idle
    private let connection: SSLConnection
    private var pendingWrites: [(ByteBuffer, EventLoopPromise<Void>?)] = []
    /// The first bytes received before the handshake completed: when the handshake fails,
    /// they tell whether the peer spoke TLS at all.
    private var handshakeInput: [UInt8] = []
    private static let handshakeInputPrefix = plaintextPreviewLimit
    /// At most this many bytes of what came where TLS belongs are kept to show: the same limit
    /// the SMTP layer uses for bytes injected after STARTTLS.
    static let plaintextPreviewLimit = 80

    package init(context: SSLContext, isClient: Bool, serverName: String? = nil) throws {
        connection = try SSLConnection(context: context, isClient: isClient, serverName: serverName)
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHandshake(context: context) }
    }

    package func channelActive(context: ChannelHandlerContext) {
        startHandshake(context: context)
        context.fireChannelActive()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let input = unwrapInboundIn(data)
        if state == .idle || state == .handshaking, handshakeInput.count < Self.handshakeInputPrefix {
            handshakeInput += input.readableBytesView.prefix(Self.handshakeInputPrefix - handshakeInput.count)
        }
        connection.receive(input)
        switch state {
        case .idle, .handshaking:
            advanceHandshake(context: context)
        case .active:
            readPlaintext(context: context)
        case .closed:
            break
        }
    }

    package func channelInactive(context: ChannelHandlerContext) {
        let wasHandshaking = state == .handshaking
        state = .closed
        failPendingWrites()
        if wasHandshaking {
            context.fireErrorCaught(TLSHandshakeFailed(openSSLErrors: [], plaintext: plaintextReceived))
        }
        context.fireChannelInactive()
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        switch state {
        case .active:
            switch connection.write(buffer) {
            case .done, .wantsMoreInput:
                sendOutput(context: context, promise: promise)
            case .closed, .failed:
                promise?.fail(ChannelError.ioOnClosedChannel)
            }
        case .idle, .handshaking:
            pendingWrites.append((buffer, promise))
        case .closed:
            promise?.fail(ChannelError.ioOnClosedChannel)
        }
    }

    package func flush(context: ChannelHandlerContext) {
        context.flush()
    }

    package func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if state == .active {
            connection.shutdown()
            sendOutput(context: context, promise: nil)
        }
        state = .closed
        failPendingWrites()
        context.close(mode: mode, promise: promise)
    }

    private func startHandshake(context: ChannelHandlerContext) {
        guard state == .idle else { return }
        state = .handshaking
        advanceHandshake(context: context)
    }

    private func advanceHandshake(context: ChannelHandlerContext) {
        guard state == .idle || state == .handshaking else { return }
        state = .handshaking
        switch connection.handshake() {
        case .done:
            state = .active
            sendOutput(context: context, promise: nil)
            let writes = pendingWrites
            pendingWrites = []
            for (buffer, promise) in writes {
                write(context: context, data: wrapOutboundOut(buffer), promise: promise)
            }
            // Application data may have come in the same flight as the end of the handshake. It
            // goes up before the news of the handshake, so that the handler after this one can
            // tell it from the answer to anything it sends when it hears the news.
            readPlaintext(context: context)
            if state == .active {
                context.fireUserInboundEventTriggered(TLSHandshakeCompleted(info: connection.sessionInfo()))
            }
        case .wantsMoreInput:
            sendOutput(context: context, promise: nil)
        case .closed:
            fail(context: context, errors: [])
        case .failed(let errors):
            fail(context: context, errors: errors)
        }
    }

    private func readPlaintext(context: ChannelHandlerContext) {
        var plaintext = context.channel.allocator.buffer(capacity: 0)
        let step = connection.read(into: &plaintext)
        if plaintext.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(plaintext))
        }
        switch step {
        case .done, .wantsMoreInput:
            sendOutput(context: context, promise: nil)
        case .closed:
            context.close(promise: nil)
        case .failed(let errors):
            state = .closed
            context.fireErrorCaught(TLSHandshakeFailed(
                openSSLErrors: errors, clientCertificateRequired: connection.clientCertificateRequired(errors)))
            context.close(promise: nil)
        }
    }

    private func fail(context: ChannelHandlerContext, errors: [OpenSSLErrorEntry]) {
        // Let the peer read our alert before the connection goes.
        sendOutput(context: context, promise: nil)
        state = .closed
        failPendingWrites()
        context.fireErrorCaught(TLSHandshakeFailed(
            openSSLErrors: errors, plaintext: plaintextReceived,
            clientCertificateRequired: connection.clientCertificateRequired(errors)))
        context.close(promise: nil)
    }

    /// What came in during the handshake, when its first byte cannot begin a TLS record
    /// (content types 20 to 24): the peer was not speaking TLS.
    private var plaintextReceived: [UInt8]? {
        guard let first = handshakeInput.first, !(20...24).contains(first) else { return nil }
        return handshakeInput
    }

    private func sendOutput(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        if let output = connection.takeOutput(allocator: context.channel.allocator) {
            context.writeAndFlush(wrapOutboundOut(output), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    private func failPendingWrites() {
        let writes = pendingWrites
        pendingWrites = []
        for (_, promise) in writes { promise?.fail(ChannelError.ioOnClosedChannel) }
    }
}

/// Why a TLS handshake failed, as far as the checks above need to tell: OpenSSL's `SSL_R_*`
/// reason numbers are read here and nowhere else.
enum HandshakeFailureReason: Hashable, Sendable {
    /// No protocol version both sides can use (`SSL_R_UNSUPPORTED_PROTOCOL`,
    /// `SSL_R_TLSV1_ALERT_PROTOCOL_VERSION`, `SSL_R_NO_PROTOCOLS_AVAILABLE`, `SSL_R_VERSION_TOO_LOW`).
    case noCommonProtocolVersion
    /// Anything else: OpenSSL's own words tell it.
    case other

    /// The reason a failed handshake's error queue shows: a version mismatch anywhere in it
    /// decides, since OpenSSL may add more general errors after it.
    init(_ errors: [OpenSSLErrorEntry]) {
        let versionReasons: Set<Int32> = [SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
                                          SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_VERSION_TOO_LOW]
        self = errors.contains { versionReasons.contains($0.reasonCode) } ? .noCommonProtocolVersion : .other
    }
}
