#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOCore
internal import SMTPProbe

/// One connection to the fixture server.
final class FixtureSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let behaviour: FixtureBehaviour
    private let tlsContext: SSLContext
    private var buffer = ByteBuffer()
    private var secure = false
    private var stalled = false
    private var lateInjectionPending = false
    private let onQuit: () -> Void

    /// `onQuit` runs when the client says QUIT, before the reply goes out.
    init(behaviour: FixtureBehaviour, tlsContext: SSLContext, onQuit: @escaping () -> Void = {}) {
        self.behaviour = behaviour
        self.tlsContext = tlsContext
        self.onQuit = onQuit
    }

    func channelActive(context: ChannelHandlerContext) {
        if behaviour.resetOnAccept {
            // SO_LINGER with a zero timeout makes close() send RST.
            // The value is C's `struct linger { int l_onoff; int l_linger; }`, given as two
            // Int32s: `linger` itself is declared by both Glibc and SwiftNIO's C module, and
            // which one Swift takes as its home varies between builds (MemberImportVisibility).
            guard let socket = context.channel as? any SocketOptionProvider else { return context.close(promise: nil) }
            socket.unsafeSetSocketOption(level: .socket, name: .so_linger, value: (Int32(1), Int32(0)))
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        if behaviour.implicitTLS {
            // The greeting written below waits inside the TLS handler until the handshake is done.
            secure = true
            guard (try? context.pipeline.syncOperations.addHandler(
                OpenSSLHandler(context: tlsContext, isClient: false), position: .first)) != nil else {
                context.close(promise: nil)
                return
            }
        }
        if behaviour.stall == .beforeGreeting {
            stalled = true
        } else if let chunks = behaviour.greetingChunks {
            sendChunks(chunks[...], context: context)
        } else if let size = behaviour.oversizedGreeting {
            send("220 " + String(repeating: "x", count: size), context: context, terminated: false)
        } else {
            let code = behaviour.greeting.first?.prefix(3) ?? "220"
            let lines = behaviour.greeting.enumerated().map { index, line in
                index == behaviour.greeting.count - 1 ? line : code + "-" + line.dropFirst(4)
            }
            send(lines.joined(separator: "\r\n") + (behaviour.unpromptedAfterGreeting.map { "\r\n" + $0 } ?? ""),
                 context: context)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if lateInjectionPending, let text = behaviour.lateInjectAfterSTARTTLS {
            // The client's ClientHello is here: answer it with plaintext, then nothing.
            lateInjectionPending = false
            stalled = true
            return send(text, context: context)
        }
        buffer.writeBuffer(&incoming)
        while !stalled, let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer.readString(length: newline - buffer.readerIndex + 1) ?? ""
            respond(to: Self.trimmed(line), context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// `line` without surrounding white space and line breaks (the Unicode White_Space scalars).
    private static func trimmed(_ line: String) -> String {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    private func respond(to line: String, context: ChannelHandlerContext) {
        let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
        switch verb {
        case "EHLO":
            if behaviour.withoutESMTP { return send("502 5.5.2 Error: command not recognized", context: context) }
            if let reply = behaviour.ehloReply { return send(reply, context: context) }
            if behaviour.stall == .afterEHLO { stalled = true; return }
            var lines = ["250-mx.test.example", "250-PIPELINING", "250-SIZE 10240000"]
            if behaviour.offersSTARTTLS && (!secure || behaviour.offersSTARTTLSAfterTLS) { lines.append("250-STARTTLS") }
            lines.append("250 8BITMIME")
            if secure, let unprompted = behaviour.unpromptedAfterTLSEHLO { lines.append(unprompted) }
            send(lines.joined(separator: "\r\n"), context: context)
        case "HELO":
            send(behaviour.heloReply ?? "250 mx.test.example", context: context)
        case "STARTTLS" where behaviour.offersSTARTTLS && !secure:
            if behaviour.stall == .afterSTARTTLS { stalled = true; return }
            if let reply = behaviour.starttlsReply { return send(reply, context: context) }
            send("220 2.0.0 Ready to start TLS" + (behaviour.injectAfterSTARTTLS.map { "\r\n" + $0 } ?? ""), context: context)
            if behaviour.stall == .duringHandshake { stalled = true; return }
            if behaviour.lateInjectAfterSTARTTLS != nil {
                lateInjectionPending = true
                buffer.clear()
                return
            }
            secure = true
            buffer.clear()
            do {
                let handler = try OpenSSLHandler(context: tlsContext, isClient: false)
                try context.pipeline.syncOperations.addHandler(handler, position: .first)
            } catch {
                return context.close(promise: nil)
            }
            // Waits in the TLS handler until the handshake is done, then goes out before any reply.
            if behaviour.greetsAgainAfterTLS { send(behaviour.greeting.joined(separator: "\r\n"), context: context) }
        case "QUIT":
            onQuit()
            send(behaviour.quitReply ?? "221 2.0.0 Bye", context: context)
            context.close(promise: nil)
        default:
            send("502 5.5.2 Error: command not recognized", context: context)
        }
    }

    /// Writes each chunk as it is, the next one a moment later, so that TCP cannot join them.
    private func sendChunks(_ chunks: ArraySlice<String>, context: ChannelHandlerContext) {
        guard let first = chunks.first else { return }
        send(first, context: context, terminated: false)
        guard chunks.count > 1 else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(200)) {
            let (handler, context) = loopBound.value
            handler.sendChunks(chunks.dropFirst(), context: context)
        }
    }

    private func send(_ text: String, context: ChannelHandlerContext, terminated: Bool = true) {
        var out = context.channel.allocator.buffer(capacity: text.utf8.count + 2)
        out.writeString(text)
        if terminated { out.writeString("\r\n") }
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
}
