internal import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The client side of one line-protocol conversation over a channel: it frames lines, keeps a
/// deadline for each phase, inserts the OpenSSL handler when the conversation asks for TLS, and
/// hands every event to the conversation (``LineConversation``), which decides what to say.
/// Every way the conversation can end calls `completion` exactly once.
final class LineSessionHandler<Conversation: LineConversation>: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    typealias Phase = Conversation.Phase

    private enum State: Equatable {
        case waiting
        /// Lines are read; `closing`: the last exchange, which may end without an answer.
        case plaintext(Phase, closing: Bool)
        case handshake(Phase)
        case done
    }

    private let configuration: LineSessionConfiguration
    private let completion: (LineSessionResult<Conversation>) -> Void
    private var result: LineSessionResult<Conversation>
    private var state = State.waiting
    private var framer: LineFramer
    private var phaseStarted = NIODeadline.now()
    private var deadline: Scheduled<Void>?
    private var transcript: LineTranscript?

    init(_ conversation: Conversation, configuration: LineSessionConfiguration,
         completion: @escaping (LineSessionResult<Conversation>) -> Void) {
        self.configuration = configuration
        self.completion = completion
        result = LineSessionResult(conversation: conversation)
        framer = LineFramer(maximumLineLength: configuration.maximumLineLength)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { begin(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        begin(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(context: nil, failure: .closed(currentPhase))
    }

    private func begin(context: ChannelHandlerContext) {
        guard state == .waiting else { return }
        if configuration.recordsTranscript {
            transcript = LineTranscript()
            transcript?.masking = configuration.masksReceived
        }
        perform(result.conversation.start(localAddress: context.channel.localAddress), context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .plaintext, .handshake:
            // Plaintext that came with the end of the handshake is kept, unread until the
            // conversation's next step: before its first command it is a reply to nothing;
            // with implicit TLS it is the greeting.
            framer.append(unwrapInboundIn(data))
            processLines(context: context)
        case .waiting, .done:
            return
        }
    }

    private func processLines(context: ChannelHandlerContext) {
        while case .plaintext(let phase, _) = state {
            let line: [UInt8]
            do {
                guard let next = try framer.nextLine() else { return }
                line = next
            } catch {
                return fail(.lineTooLong(phase, limit: configuration.maximumLineLength), context: context)
            }
            transcript?.received(line)
            let action = result.conversation.received(line: line, in: phase)
            if case .awaitMore = action { continue }
            result.durations[phase] = NIODeadline.now() - phaseStarted
            perform(action, context: context)
        }
    }

    private func perform(_ action: LineAction<Phase, Conversation.Failure>, context: ChannelHandlerContext) {
        switch action {
        case .awaitMore:
            break
        case .send(let command, let next, let secret):
            send(command, then: next, closing: false, secret: secret, context: context)
        case .sendClosing(let command, let next):
            send(command, then: next, closing: true, secret: false, context: context)
        case .expect(let next):
            enter(.plaintext(next, closing: false), context: context)
            processLines(context: context)
        case .startTLS(let phase):
            startTLS(as: phase, context: context)
        case .finish:
            finish(context: context, failure: nil)
        case .fail(let failure):
            finish(context: context, conversationFailure: failure)
        }
    }

    private func startTLS(as phase: Phase, context: ChannelHandlerContext) {
        if let leftover = framer.takeRest() {
            // What came after the go-ahead belongs to no one: counted and shown, never read.
            transcript?.dropped(Array(leftover.readableBytesView))
            result.conversation.droppedBeforeTLS(
                count: leftover.readableBytes,
                preview: Array(leftover.readableBytesView.prefix(OpenSSLHandler.plaintextPreviewLimit)))
        }
        enter(.handshake(phase), context: context)
        transcript?.record(.tlsStarted, "TLS handshake")
        do {
            let handler = try OpenSSLHandler(context: configuration.tlsContext, isClient: true,
                                             serverName: configuration.serverName)
            // Just before this handler: after QuickAckHandler, which must see the ciphertext.
            try context.pipeline.syncOperations.addHandler(handler, position: .before(self))
        } catch {
            fail(.handshakeFailed((error as? SMTPProbeError)?.openSSLErrors ?? [], plaintext: nil), context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let completed = event as? TLSHandshakeCompleted, case .handshake(let phase) = state {
            result.durations[phase] = NIODeadline.now() - phaseStarted
            result.tls = completed.info
            transcript?.record(.tlsEstablished, [completed.info.version.description, completed.info.cipher]
                .compactMap { $0 }.joined(separator: " "))
            perform(result.conversation.tlsEstablished(in: phase, tls: completed.info), context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tlsError = error as? TLSHandshakeFailed, tlsError.clientCertificateRequired, currentPhase != nil {
            // In TLS 1.3 the server refuses the missing certificate after the client has
            // finished its side of the handshake, so this comes while a reply is awaited.
            return fail(.handshakeFailed(tlsError.openSSLErrors, plaintext: nil, clientCertificateRequired: true),
                        context: context)
        }
        switch state {
        case .waiting, .done:
            return
        case .handshake(let phase):
            if let tlsError = error as? TLSHandshakeFailed {
                fail(.handshakeFailed(tlsError.openSSLErrors, plaintext: tlsError.plaintext), context: context)
            } else {
                fail(.io(phase, Self.words(for: error)), context: context)
            }
        case .plaintext(let phase, let closing):
            if closing {
                finish(context: context, failure: nil)
            } else {
                fail(.io(phase, Self.words(for: error)), context: context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .plaintext(_, closing: true):
            finish(context: context, failure: nil)
        case .plaintext(let phase, closing: false):
            fail(.closed(phase), context: context)
        case .handshake:
            fail(.handshakeFailed([], plaintext: nil), context: context)
        case .waiting, .done:
            break
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

    private func send(_ command: String, then next: Phase, closing: Bool, secret: Bool, context: ChannelHandlerContext) {
        if let early = framer.takeRest() {
            transcript?.dropped(Array(early.readableBytesView))
            // One command at a time: whatever is here already came before this command.
            let preview = Array(early.readableBytesView.prefix(OpenSSLHandler.plaintextPreviewLimit))
            let failure = result.conversation.unsolicited(preview, in: currentPhase ?? next, before: next, closing: closing)
            return finish(context: context, conversationFailure: failure)
        }
        enter(.plaintext(next, closing: closing), context: context)
        if let lastReceived = transcript.map(\.lastReceived) {
            transcript?.record(.sent, Conversation.transcriptText(of: command, secret: secret, lastReceived: lastReceived))
        }
        var buffer = context.channel.allocator.buffer(capacity: command.utf8.count + 2)
        buffer.writeString(command)
        buffer.writeString("\r\n")
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func enter(_ next: State, context: ChannelHandlerContext) {
        state = next
        phaseStarted = .now()
        deadline?.cancel()
        var timeout = configuration.phaseTimeout
        if case .plaintext(_, closing: true) = next { timeout = min(configuration.closingTimeout, timeout) }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = loopBound.value
            handler.timedOut(in: next, context: context)
        }
    }

    private func timedOut(in expected: State, context: ChannelHandlerContext) {
        guard state == expected else { return }
        switch expected {
        case .plaintext(_, closing: true): finish(context: context, failure: nil)
        case .plaintext(let phase, closing: false): fail(.timeout(phase), context: context)
        case .handshake: fail(.handshakeTimeout, context: context)
        case .waiting, .done: break
        }
    }

    private func fail(_ failure: LineSessionFailure<Phase>, context: ChannelHandlerContext) {
        finish(context: context, failure: failure)
    }

    private var currentPhase: Phase? {
        switch state {
        case .plaintext(let phase, _), .handshake(let phase): phase
        case .waiting, .done: nil
        }
    }

    private func finish(context: ChannelHandlerContext?, failure: LineSessionFailure<Phase>?) {
        finish(context: context, conversationFailure: failure.map { result.conversation.failure($0) })
    }

    private func finish(context: ChannelHandlerContext?, conversationFailure: Conversation.Failure?) {
        guard state != .done else { return }
        state = .done
        deadline?.cancel()
        deadline = nil
        result.failure = conversationFailure
        result.transcript = transcript?.entries
        completion(result)
        context?.close(promise: nil)
    }
}
