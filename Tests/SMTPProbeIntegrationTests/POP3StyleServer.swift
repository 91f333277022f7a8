import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
@testable import SMTPProbe
import SMTPProbeFixtures

/// A POP3-style server on 127.0.0.1 for the tests of the line-protocol session: "+OK"
/// greeting, CAPA (a multi-line answer ending in "."), STLS, QUIT. It shows that the session
/// is not SMTP's: another protocol's words, another multi-line rule, the same upgrade.
final class POP3StyleServer: Sendable {
    /// How the server misbehaves, if it does.
    struct Behaviour: Sendable {
        /// The greeting, sent as given (with its line ending, if any), in segments.
        var greeting: [String] = ["+OK POP3 ready\r\n"]
        /// Sent in plaintext right after "+OK begin TLS", before the handshake.
        var injectedAfterSTLS: String?
        /// Whether CAPA lists STLS before TLS (as a server without a certificate does not).
        var offerSTLS = true
        /// Whether, inside TLS, it takes any USER/PASS and answers STAT (a mailbox that exists
        /// for every name), so a login test passes whatever the user name.
        var acceptsAnyLogin = false
        /// Whether, inside TLS, it refuses every PASS repeating the password, plain and in
        /// base64, as a careless or hostile server may.
        var echoesRefusedPassword = false
    }

    private let channel: any Channel
    let port: Int
    private let accepted: NIOLockedValueBox<Int>
    /// Connections open now, and the most open at once so far.
    private let open: NIOLockedValueBox<(now: Int, peak: Int)>

    /// How many connections the server has taken so far.
    var connections: Int { accepted.withLockedValue { $0 } }
    /// The most connections it has held at once: a client probing many mailboxes of one
    /// server must not open them all together.
    var peakConnections: Int { open.withLockedValue { $0.peak } }

    private init(channel: any Channel, accepted: NIOLockedValueBox<Int>, open: NIOLockedValueBox<(now: Int, peak: Int)>) {
        self.channel = channel
        self.accepted = accepted
        self.open = open
        port = channel.localAddress?.port ?? 0
    }

    static func start(_ behaviour: Behaviour = Behaviour()) async throws -> POP3StyleServer {
        let certificate = FixtureCertificate.good
        let context = try SSLContext.makeServer(chainFile: certificate.chainPath, keyFile: certificate.keyPath)
        let accepted = NIOLockedValueBox(0)
        let open = NIOLockedValueBox((now: 0, peak: 0))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.withLockedValue { $0 += 1 }
                open.withLockedValue { $0.now += 1; $0.peak = max($0.peak, $0.now) }
                channel.closeFuture.whenComplete { _ in open.withLockedValue { $0.now -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Session(behaviour: behaviour, tlsContext: context))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return POP3StyleServer(channel: channel, accepted: accepted, open: open)
    }

    func stop() async {
        try? await channel.close()
    }

    private final class Session: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let behaviour: Behaviour
        let tlsContext: SSLContext
        var buffer = ""
        var secure = false

        init(behaviour: Behaviour, tlsContext: SSLContext) {
            self.behaviour = behaviour
            self.tlsContext = tlsContext
        }

        func channelActive(context: ChannelHandlerContext) {
            for segment in behaviour.greeting { send(segment, context: context) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            buffer += String(buffer: unwrapInboundIn(data))
            while let end = buffer.range(of: "\r\n") {
                let original = String(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                answer(original.uppercased(), original: original, context: context)
            }
        }

        private func answer(_ command: String, original: String, context: ChannelHandlerContext) {
            switch command {
            case "CAPA":
                send("+OK Capability list follows\r\nUSER\r\n" + (secure || !behaviour.offerSTLS ? "" : "STLS\r\n") + ".\r\n", context: context)
            case "STLS" where !secure:
                send("+OK Begin TLS negotiation\r\n" + (behaviour.injectedAfterSTLS ?? ""), context: context)
                secure = true
                buffer = ""
                let handler = try! OpenSSLHandler(context: tlsContext, isClient: false)
                try! context.pipeline.syncOperations.addHandler(handler, position: .first)
            case _ where secure && behaviour.echoesRefusedPassword && command.hasPrefix("USER "):
                send("+OK\r\n", context: context)
            case _ where secure && behaviour.echoesRefusedPassword && command.hasPrefix("PASS "):
                // `command` is upper-cased: the password as received is in `original`.
                let password = String(original.dropFirst(5))
                send("-ERR [AUTH] wrong password \(password) (\(Data(password.utf8).base64EncodedString()))\r\n", context: context)
            case _ where secure && behaviour.acceptsAnyLogin && (command.hasPrefix("USER ") || command.hasPrefix("PASS ")):
                send("+OK\r\n", context: context)
            case "STAT" where secure && behaviour.acceptsAnyLogin:
                send("+OK 0 0\r\n", context: context)
            case "QUIT":
                send("+OK Bye\r\n", context: context)
                context.close(promise: nil)
            default:
                send("-ERR Unknown command\r\n", context: context)
            }
        }

        private func send(_ text: String, context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
        }
    }
}

/// A client conversation in POP3's words, a few lines long, on ``LineSessionHandler``:
/// greeting, CAPA, STLS, the handshake, CAPA again, QUIT.
struct POP3StyleConversation: LineConversation {
    enum Phase: Hashable, Sendable { case greeting, capa, stls, handshake, capaAfterTLS, quit }
    enum Failure: Hashable, Sendable {
        case session(LineSessionFailure<Phase>)
        case refused(Phase, String)
    }

    var greeting: String?
    var capabilities: [String] = []
    var capabilitiesAfterTLS: [String]?
    var dropped: (count: Int, preview: String)?
    /// Every line the conversation was given, in order.
    var linesSeen: [String] = []
    private var listing: [String] = []

    mutating func start(localAddress: SocketAddress?) -> LineAction<Phase, Failure> { .expect(.greeting) }

    mutating func received(line: [UInt8], in phase: Phase) -> LineAction<Phase, Failure> {
        let text = String(decoding: line, as: UTF8.self)
        linesSeen.append(text)
        switch phase {
        case .greeting:
            greeting = text
            return text.hasPrefix("+OK") ? .send("CAPA", then: .capa) : .fail(.refused(phase, text))
        case .capa, .capaAfterTLS:
            // Multi-line: "+OK", then one capability a line, then ".".
            if listing.isEmpty, !text.hasPrefix("+OK") { return .fail(.refused(phase, text)) }
            guard text == "." else { listing.append(text); return .awaitMore }
            let found = Array(listing.dropFirst())
            listing = []
            if phase == .capaAfterTLS {
                capabilitiesAfterTLS = found
                return .sendClosing("QUIT", then: .quit)
            }
            capabilities = found
            return found.contains("STLS") ? .send("STLS", then: .stls) : .sendClosing("QUIT", then: .quit)
        case .stls:
            return text.hasPrefix("+OK") ? .startTLS(.handshake) : .fail(.refused(phase, text))
        case .quit:
            return .finish
        case .handshake:
            return .awaitMore
        }
    }

    mutating func droppedBeforeTLS(count: Int, preview: [UInt8]) {
        dropped = (count, String(decoding: preview, as: UTF8.self))
    }

    mutating func tlsEstablished(in phase: Phase) -> LineAction<Phase, Failure> { .send("CAPA", then: .capaAfterTLS) }

    func failure(_ failure: LineSessionFailure<Phase>) -> Failure { .session(failure) }
}
