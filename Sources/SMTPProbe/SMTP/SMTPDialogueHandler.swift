internal import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The client side of the conversation: greeting, EHLO (HELO only to tell a server without
/// ESMTP), STARTTLS, the handshake, EHLO again, QUIT. Never MAIL, RCPT or DATA. Each phase has
/// its own deadline; every way the conversation can end completes the promise exactly once.
final class SMTPDialogueHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State: Equatable {
        case waiting
        case phase(SMTPPhase)
        case done
    }

    private let configuration: DialogueConfiguration
    private let promise: EventLoopPromise<DialogueResult>
    private var result: DialogueResult
    private var state = State.waiting
    private var inbound: ByteBuffer?
    private var parser = SMTPReplyParser()
    private var phaseStarted = NIODeadline.now()
    private var deadline: Scheduled<Void>?

    init(configuration: DialogueConfiguration, promise: EventLoopPromise<DialogueResult>) {
        self.configuration = configuration
        self.promise = promise
        result = DialogueResult(session: SMTPSession(ehloName: configuration.ehloName ?? ""))
        result.session.tlsMode = configuration.implicitTLS ? .implicit : .starttls
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { begin(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        begin(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(context: nil, failure: result.failure ?? .closed(currentPhase ?? .quit))
    }

    private func begin(context: ChannelHandlerContext) {
        guard state == .waiting else { return }
        if configuration.ehloName == nil {
            result.session.ehloName = Self.addressLiteral(context.channel.localAddress)
        }
        if configuration.implicitTLS {
            startTLS(context: context)
        } else {
            enter(.greeting, context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Plaintext that came with the end of the handshake is kept: before EHLO it is a reply
        // to nothing; with implicit TLS it is the greeting.
        guard case .phase = state else { return }
        var bytes = unwrapInboundIn(data)
        if inbound == nil {
            inbound = bytes
        } else {
            inbound!.writeBuffer(&bytes)
        }
        processLines(context: context)
    }

    private func processLines(context: ChannelHandlerContext) {
        while case .phase(let phase) = state, phase != .handshake, var buffer = inbound {
            guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                // The limit is on the line without its CRLF, as for a complete line: a CR
                // waiting for its LF in the next segment does not count.
                let pending = buffer.readableBytes - (buffer.readableBytesView.last == UInt8(ascii: "\r") ? 1 : 0)
                if pending > SMTPReplyParser.maximumLineLength {
                    fail(.protocolError(phase, .lineTooLong(limit: SMTPReplyParser.maximumLineLength)), context: context)
                }
                return
            }
            var line = buffer.readBytes(length: newline - buffer.readerIndex + 1)!
            line.removeLast()
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            inbound = buffer.readableBytes > 0 ? buffer : nil
            do {
                if let reply = try parser.consume(line: line) {
                    handle(reply, in: phase, context: context)
                }
            } catch {
                fail(.protocolError(phase, error), context: context)
            }
        }
    }

    private func handle(_ reply: SMTPReply, in phase: SMTPPhase, context: ChannelHandlerContext) {
        result.durations[phase] = NIODeadline.now() - phaseStarted
        // Not stored as the command's reply: it answers something else, and every reply after
        // it would be one step off.
        guard phase.accepts(reply.code) else { return fail(.unexpectedReply(phase, reply), context: context) }
        switch phase {
        case .greeting:
            result.session.greeting = reply
            if reply.code == 220 {
                // With implicit TLS the session is already encrypted: this EHLO is the one after TLS.
                send("EHLO \(result.session.ehloName)", then: configuration.implicitTLS ? .ehloAfterTLS : .ehlo, context: context)
            } else {
                quit(context: context)
            }
        case .ehlo:
            result.session.ehloReply = reply
            if reply.isPositive {
                result.session.extensionsBeforeTLS = reply.ehloExtensions
                result.session.starttlsOffered = reply.ehloExtensions.contains { $0 == "STARTTLS" }
                if result.session.starttlsOffered {
                    send("STARTTLS", then: .starttls, context: context)
                } else {
                    quit(context: context)
                }
            } else if (500..<600).contains(reply.code) {
                // Only to tell "no ESMTP" apart from a server that refuses us altogether.
                send("HELO \(result.session.ehloName)", then: .helo, context: context)
            } else {
                quit(context: context)
            }
        case .helo:
            result.session.heloReply = reply
            quit(context: context)
        case .starttls:
            result.session.starttlsReply = reply
            guard reply.code == 220 else { return quit(context: context) }
            if let leftover = inbound, leftover.readableBytes > 0 {
                // Plaintext after "ready to start TLS" would be read as if it came through TLS
                // by a vulnerable client (STARTTLS response injection): count it, never use it.
                result.session.injectedBytes = leftover.readableBytes
                result.session.injectedPreview = SMTPReplyParser.printable(
                    String(decoding: leftover.readableBytesView.prefix(SMTPSession.previewLimit), as: UTF8.self))
            }
            inbound = nil
            parser = SMTPReplyParser()
            startTLS(context: context)
        case .ehloAfterTLS:
            result.session.ehloAfterTLSReply = reply
            if reply.isPositive { result.session.extensionsAfterTLS = reply.ehloExtensions }
            quit(context: context)
        case .quit:
            result.session.quitReply = reply
            finish(context: context, failure: nil)
        case .connect, .handshake:
            break
        }
    }

    private func startTLS(context: ChannelHandlerContext) {
        enter(.handshake, context: context)
        do {
            let handler = try OpenSSLHandler(context: configuration.tlsContext, isClient: true,
                                             serverName: configuration.serverName)
            // Just before this handler: after QuickAckHandler, which must see the ciphertext.
            try context.pipeline.syncOperations.addHandler(handler, position: .before(self))
        } catch {
            fail(.handshakeFailed((error as? SMTPProbeError)?.openSSLErrors ?? []), context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let completed = event as? TLSHandshakeCompleted, state == .phase(.handshake) {
            result.durations[.handshake] = NIODeadline.now() - phaseStarted
            result.tls = completed.info
            if configuration.implicitTLS {
                enter(.greeting, context: context)
                processLines(context: context)
            } else {
                send("EHLO \(result.session.ehloName)", then: .ehloAfterTLS, context: context)
            }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard case .phase(let phase) = state else { return }
        if let tlsError = error as? TLSHandshakeFailed, tlsError.clientCertificateRequired {
            // In TLS 1.3 the server refuses the missing certificate after the client has
            // finished its side of the handshake, so this comes while EHLO's reply is awaited.
            fail(.handshakeFailed(tlsError.openSSLErrors, clientCertificateRequired: true), context: context)
        } else if let tlsError = error as? TLSHandshakeFailed, phase == .handshake {
            // The server answered the ClientHello in plain text: say what it said, which tells
            // more than OpenSSL's "wrong version number".
            let plaintext = tlsError.plaintext.map {
                SMTPReplyParser.printable(String(decoding: $0, as: UTF8.self))
            }
            fail(.handshakeFailed(tlsError.openSSLErrors, plaintext: plaintext), context: context)
        } else if phase == .quit {
            finish(context: context, failure: nil)
        } else {
            fail(.io(phase, Self.words(for: error)), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .phase(let phase) = state {
            if phase == .quit {
                finish(context: context, failure: nil)
            } else if phase == .handshake {
                fail(.handshakeFailed([]), context: context)
            } else {
                fail(.closed(phase), context: context)
            }
        }
        context.fireChannelInactive()
    }

    /// What a failed connection says in a report: the system's words ("Connection reset by
    /// peer") or OpenSSL's, never SwiftNIO's description of the call or a Swift type's name.
    private static func words(for error: any Error) -> String {
        if let ioError = error as? IOError { return String(cString: strerror(ioError.errnoCode)) }
        if let tlsError = error as? TLSHandshakeFailed {
            return tlsError.openSSLErrors.isEmpty ? "the TLS session failed"
                : "TLS: " + tlsError.openSSLErrors.map(\.description).joined(separator: "; ")
        }
        return "an unexpected error on the connection"
    }

    private func send(_ command: String, then next: SMTPPhase, context: ChannelHandlerContext) {
        if let early = inbound, early.readableBytes > 0 {
            // We send one command at a time: whatever is here already came before this command.
            let preview = SMTPReplyParser.printable(
                String(decoding: early.readableBytesView.prefix(SMTPSession.previewLimit), as: UTF8.self))
            return fail(.unsolicitedReply(currentPhase ?? next, before: next, preview: preview), context: context)
        }
        enter(next, context: context)
        var buffer = context.channel.allocator.buffer(capacity: command.utf8.count + 2)
        buffer.writeString(command)
        buffer.writeString("\r\n")
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func quit(context: ChannelHandlerContext) {
        send("QUIT", then: .quit, context: context)
    }

    private func enter(_ phase: SMTPPhase, context: ChannelHandlerContext) {
        state = .phase(phase)
        phaseStarted = .now()
        deadline?.cancel()
        let timeout = phase == .quit ? min(configuration.quitTimeout, configuration.phaseTimeout) : configuration.phaseTimeout
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = loopBound.value
            handler.timedOut(in: phase, context: context)
        }
    }

    private func timedOut(in phase: SMTPPhase, context: ChannelHandlerContext) {
        guard state == .phase(phase) else { return }
        if phase == .quit {
            finish(context: context, failure: nil)
        } else {
            fail(phase == .handshake ? .handshakeTimeout : .timeout(phase), context: context)
        }
    }

    private func fail(_ failure: DialogueFailure, context: ChannelHandlerContext) {
        finish(context: context, failure: failure)
    }

    private var currentPhase: SMTPPhase? {
        if case .phase(let phase) = state { return phase }
        return nil
    }

    private func finish(context: ChannelHandlerContext?, failure: DialogueFailure?) {
        guard state != .done else { return }
        state = .done
        deadline?.cancel()
        deadline = nil
        result.failure = failure
        promise.succeed(result)
        context?.close(promise: nil)
    }

    static func addressLiteral(_ address: SocketAddress?) -> String {
        switch address {
        case .v4?: return "[\(address?.ipAddress ?? "127.0.0.1")]"
        case .v6?: return "[IPv6:\(address?.ipAddress ?? "::1")]"
        default: return "[127.0.0.1]"
        }
    }
}

