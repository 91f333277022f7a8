import NIOCore
import NIOPosix
import Testing
@testable import SMTPProbe
import SMTPProbeFixtures

/// The line-protocol session under a protocol other than SMTP: a POP3-style conversation
/// against a POP3-style server on 127.0.0.1, with the same framing, deadlines and STARTTLS-style
/// upgrade that SMTP's probes rely on.
@Suite("Line-protocol session", .timeLimit(.minutes(1)))
struct LineSessionTests {
    private typealias Result = LineSessionResult<POP3StyleConversation>

    private func converse(with behaviour: POP3StyleServer.Behaviour = .init(), maximumLineLength: Int = 512,
                          phaseTimeout: TimeAmount = .seconds(5)) async throws -> Result {
        let server = try await POP3StyleServer.start(behaviour)
        defer { Task { await server.stop() } }
        let configuration = LineSessionConfiguration(
            tlsContext: try SSLContext.makeClient(), serverName: FixtureCertificate.routeHost,
            phaseTimeout: phaseTimeout, maximumLineLength: maximumLineLength)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: Result.self)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(LineSessionHandler(
                        POP3StyleConversation(), configuration: configuration) { promise.succeed($0) })
                }
            }
            .connect(host: "127.0.0.1", port: server.port).get()
        let result = try await promise.futureResult.get()
        try? await channel.closeFuture.get()
        return result
    }

    @Test func aWholeConversationWithTheUpgrade() async throws {
        let result = try await converse()
        #expect(result.failure == nil)
        #expect(result.conversation.greeting == "+OK POP3 ready")
        #expect(result.conversation.capabilities == ["USER", "STLS"])
        // Asked again through TLS, and what was learned before it is not carried over.
        #expect(result.conversation.capabilitiesAfterTLS == ["USER"])
        #expect(result.tls?.peerChain.isEmpty == false)
        #expect(result.durations[.handshake] != nil)
        #expect(result.conversation.dropped == nil)
    }

    @Test func plaintextAfterTheGoAheadIsCountedAndNeverRead() async throws {
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.injectedAfterSTLS = "+OK injected\r\n"
        let result = try await converse(with: behaviour)
        #expect(result.conversation.dropped?.count == 14)
        #expect(result.conversation.dropped?.preview == "+OK injected\r\n")
        #expect(!result.conversation.linesSeen.contains("+OK injected"))
        // The plaintext is dropped, so the upgrade goes on as if it had not been sent.
        #expect(result.conversation.capabilitiesAfterTLS == ["USER"])
    }

    @Test func aLineAtTheCapIsAcceptedWhereverTheCRLFIsSplit() async throws {
        let line = "+OK " + String(repeating: "x", count: 60)
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.greeting = [line + "\r", "\n"]
        let result = try await converse(with: behaviour, maximumLineLength: line.utf8.count)
        #expect(result.failure == nil)
        #expect(result.conversation.greeting == line)
    }

    @Test func aLineOverTheCapEndsTheConversationBeforeItsEnd() async throws {
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.greeting = ["+OK " + String(repeating: "x", count: 100)]
        let result = try await converse(with: behaviour, maximumLineLength: 64)
        #expect(result.failure == .session(.lineTooLong(.greeting, limit: 64)))
        #expect(result.conversation.greeting == nil)
    }

    @Test func aServerThatNeverGreetsMeetsTheGreetingsDeadline() async throws {
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.greeting = []
        let result = try await converse(with: behaviour, phaseTimeout: .milliseconds(200))
        #expect(result.failure == .session(.timeout(.greeting)))
    }
}

/// Line framing on its own: the cap is on the line without its line ending.
@Suite("Line framing")
struct LineFramerTests {
    private func framer(_ segments: String...) -> LineFramer {
        var framer = LineFramer(maximumLineLength: 10)
        for segment in segments { framer.append(ByteBuffer(string: segment)) }
        return framer
    }

    @Test func aCRWaitingForItsLFDoesNotCountAgainstTheCap() throws {
        var waiting = framer("0123456789\r")
        #expect(try waiting.nextLine() == nil)
        waiting.append(ByteBuffer(string: "\n"))
        #expect(try waiting.nextLine() == Array("0123456789".utf8))
    }

    @Test func aLineOverTheCapIsRefusedWhetherOrNotItIsComplete() {
        var incomplete = framer("0123456789", "A")
        #expect(throws: LineFramer.Failure.lineTooLong(limit: 10)) { try incomplete.nextLine() }
        var complete = framer("0123456789A\r\n")
        #expect(throws: LineFramer.Failure.lineTooLong(limit: 10)) { try complete.nextLine() }
    }

    @Test func linesComeOutOneByOneWithLFOrCRLF() throws {
        var lines = framer("one\r\ntw", "o\nthree")
        #expect(try lines.nextLine() == Array("one".utf8))
        #expect(try lines.nextLine() == Array("two".utf8))
        #expect(try lines.nextLine() == nil)
        #expect(lines.takeRest().map { String(buffer: $0) } == "three")
    }
}
