internal import NIOCore

/// SMTP as a ``LineConversation``: greeting, EHLO (HELO only to tell a server without ESMTP),
/// STARTTLS, the handshake, EHLO again, QUIT. Never DATA; MAIL, one RCPT and RSET only with a
/// ``RelayTestPlan`` (`smtp-probe gateway`), and only inside TLS. The replies are read
/// by ``SMTPReplyParser`` (multi-line `250-` replies); framing, deadlines and the TLS upgrade
/// are ``LineSessionHandler``'s.
struct SMTPConversation: LineConversation {
    typealias Phase = SMTPPhase
    typealias Failure = DialogueFailure

    /// What the conversation has established so far.
    var session: SMTPSession
    private let implicitTLS: Bool
    private let ehloNameGiven: Bool
    private let relayTest: RelayTestPlan?
    private var parser = SMTPReplyParser()
    /// The opt-in login test; the AUTH exchange is in SMTPConversation+Auth.swift.
    let login: LoginPlan?
    /// AUTH LOGIN: the user name was sent, the password is asked for next.
    var sentLoginUser = false

    init(configuration: DialogueConfiguration) {
        login = configuration.login
        session = SMTPSession(ehloName: configuration.ehloName ?? "")
        session.tlsMode = configuration.implicitTLS ? .implicit : .starttls
        implicitTLS = configuration.implicitTLS
        ehloNameGiven = configuration.ehloName != nil
        relayTest = configuration.relayTest
    }

    mutating func start(localAddress: SocketAddress?) -> LineAction<SMTPPhase, DialogueFailure> {
        if !ehloNameGiven { session.ehloName = Self.addressLiteral(localAddress) }
        return implicitTLS ? .startTLS(.handshake) : .expect(.greeting)
    }

    mutating func received(line: [UInt8], in phase: SMTPPhase) -> LineAction<SMTPPhase, DialogueFailure> {
        do {
            guard let reply = try parser.consume(line: line) else { return .awaitMore }
            return handle(reply, in: phase)
        } catch {
            return .fail(.protocolError(phase, error))
        }
    }

    private mutating func handle(_ reply: SMTPReply, in phase: SMTPPhase) -> LineAction<SMTPPhase, DialogueFailure> {
        // Not stored as the command's reply: it answers something else, and every reply after
        // it would be one step off.
        // By QUIT the test is done: a wrong reply to it changes nothing, and the conversation
        // ends either way.
        if phase == .quit, !phase.accepts(reply.code) { return .finish }
        guard phase.accepts(reply.code) else { return .fail(.unexpectedReply(phase, reply)) }
        switch phase {
        case .greeting:
            session.greeting = reply
            guard reply.code == 220 else { return Self.quit }
            // With implicit TLS the session is already encrypted: this EHLO is the one after TLS.
            return .send("EHLO \(session.ehloName)", then: implicitTLS ? .ehloAfterTLS : .ehlo)
        case .ehlo:
            session.ehloReply = reply
            if reply.isPositive {
                session.extensionsBeforeTLS = reply.ehloExtensions
                session.authBeforeTLS = Self.authMechanisms(reply.ehloExtensions)
                session.starttlsOffered = reply.ehloExtensions.contains { $0 == "STARTTLS" }
                return session.starttlsOffered ? .send("STARTTLS", then: .starttls) : Self.quit
            } else if (500..<600).contains(reply.code) {
                // Only to tell "no ESMTP" apart from a server that refuses us altogether.
                return .send("HELO \(session.ehloName)", then: .helo)
            }
            return Self.quit
        case .helo:
            session.heloReply = reply
            return Self.quit
        case .starttls:
            session.starttlsReply = reply
            guard reply.code == 220 else { return Self.quit }
            parser = SMTPReplyParser()
            return .startTLS(.handshake)
        case .ehloAfterTLS:
            session.ehloAfterTLSReply = reply
            guard reply.isPositive else { return Self.quit }
            session.extensionsAfterTLS = reply.ehloExtensions
            session.authAfterTLS = Self.authMechanisms(reply.ehloExtensions)
            // The gateway's open-relay test and the login test belong to different commands.
            guard let relayTest else { return beginLogin() }
            session.relayTest = RelayTestExchange(relayTest)
            return .send("MAIL FROM:<\(relayTest.mailFrom)>", then: .mailFrom)
        case .mailFrom:
            session.relayTest?.mailReply = reply
            guard reply.isPositive, let relayTest else { return Self.quit }
            return .send("RCPT TO:<\(relayTest.rcptTo)>", then: .rcptTo)
        case .rcptTo:
            // Whatever the answer, the transaction is abandoned here: never DATA.
            session.relayTest?.rcptReply = reply
            return .send("RSET", then: .rset)
        case .rset:
            session.relayTest?.rsetReply = reply
            return Self.quit
        case .auth:
            return authReply(reply)
        case .quit:
            session.quitReply = reply
            return .finish
        case .connect, .handshake:
            return .awaitMore
        }
    }

    static let quit = LineAction<SMTPPhase, DialogueFailure>.sendClosing("QUIT", then: .quit)

    mutating func droppedBeforeTLS(count: Int, preview: [UInt8]) {
        // Plaintext after "ready to start TLS" would be read as if it came through TLS by a
        // vulnerable client (STARTTLS response injection): count it, never use it.
        session.injectedBytes = count
        session.injectedPreview = Self.printable(preview)
    }

    mutating func tlsEstablished(in phase: SMTPPhase) -> LineAction<SMTPPhase, DialogueFailure> {
        implicitTLS ? .expect(.greeting) : .send("EHLO \(session.ehloName)", then: .ehloAfterTLS)
    }

    mutating func unsolicited(_ preview: [UInt8], in phase: SMTPPhase, before next: SMTPPhase,
                              closing: Bool) -> DialogueFailure? {
        // RFC 5321 §3.8: a server may send 421 at any time, as it closes the channel. Before
        // QUIT everything the test needs is done, so it is the closing reply; earlier it is
        // the server being unavailable, as a 421 answering a command is.
        guard let reply = Self.firstReply(in: preview), reply.code == 421 else {
            return failure(.unsolicited(phase, before: next, preview: preview))
        }
        guard closing else { return .closedByServer(phase, reply) }
        session.quitReply = reply
        return nil
    }

    /// The first complete reply in `bytes`, if they begin with one.
    private static func firstReply(in bytes: [UInt8]) -> SMTPReply? {
        var parser = SMTPReplyParser()
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            guard let reply = try? parser.consume(line: Array(text)) else {
                if parser.isInsideReply { continue } else { return nil }
            }
            return reply
        }
        return nil
    }

    /// AUTH's initial response and every answer to a `334` challenge carry credentials (base64
    /// hides nothing): masked whatever the conversation marked, keeping the mechanism's name.
    static func transcriptText(of command: String, secret: Bool, lastReceived: [UInt8]?) -> String {
        if let lastReceived, lastReceived.starts(with: Array("334".utf8)) { return LineTranscript.mask }
        let words = command.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        if words.first?.uppercased() == "AUTH" {
            let mechanism = words.count > 1 ? " " + String(words[1]).escapingUntrustedCharacters : ""
            return "AUTH" + mechanism + (words.count > 2 ? " " + LineTranscript.mask : "")
        }
        return LineTranscript.masked(command, secret: secret)
    }

    func failure(_ failure: LineSessionFailure<SMTPPhase>) -> DialogueFailure {
        switch failure {
        case .timeout(let phase): .timeout(phase)
        case .closed(let phase): .closed(phase ?? .quit)
        case .lineTooLong(let phase, let limit): .protocolError(phase, .lineTooLong(limit: limit))
        case .io(let phase, let words): .io(phase, words)
        case .handshakeTimeout: .handshakeTimeout
        case .handshakeFailed(let errors, let plaintext, let clientCertificateRequired):
            // The server answered the ClientHello in plain text: say what it said, which tells
            // more than OpenSSL's "wrong version number".
            .handshakeFailed(errors, plaintext: plaintext.map(Self.printable),
                             clientCertificateRequired: clientCertificateRequired)
        case .unsolicited(let phase, let next, let preview):
            .unsolicitedReply(phase, before: next, preview: Self.printableLines(preview))
        }
    }

    private static func printable(_ bytes: [UInt8]) -> String {
        SMTPReplyParser.printable(String(decoding: bytes, as: UTF8.self))
    }

    /// Lines shown as one: without their line endings, joined by " / " as other replies are.
    private static func printableLines(_ bytes: [UInt8]) -> String {
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map { $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0 }
        return printable(Array(lines.joined(separator: Array(" / ".utf8))))
    }

        static func addressLiteral(_ address: SocketAddress?) -> String {
        switch address {
        case .v4?: return "[\(address?.ipAddress ?? "127.0.0.1")]"
        case .v6?: return "[IPv6:\(address?.ipAddress ?? "::1")]"
        default: return "[127.0.0.1]"
        }
    }
}

/// The SMTP client conversation as a channel handler: ``SMTPConversation`` on a
/// ``LineSessionHandler``.
enum SMTPDialogue {
    /// A handler that holds the conversation once the channel is active, and completes
    /// `promise` exactly once, however the conversation ends.
    static func handler(configuration: DialogueConfiguration,
                        promise: EventLoopPromise<DialogueResult>) -> LineSessionHandler<SMTPConversation> {
        var session = LineSessionConfiguration(
            tlsContext: configuration.tlsContext, serverName: configuration.serverName,
            phaseTimeout: configuration.phaseTimeout, closingTimeout: configuration.quitTimeout,
            maximumLineLength: SMTPReplyParser.maximumLineLength,
            recordsTranscript: configuration.recordsTranscript)
        if let credentials = configuration.login?.credentials {
            session.masksReceived = { @Sendable text in credentials.masking(text) }
        }
        return LineSessionHandler(SMTPConversation(configuration: configuration), configuration: session) { result in
            promise.succeed(DialogueResult(session: result.conversation.session, tls: result.tls,
                                           failure: result.failure, durations: result.durations,
                                           transcript: result.transcript))
        }
    }
}
