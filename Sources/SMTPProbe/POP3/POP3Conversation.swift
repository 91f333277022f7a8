internal import NIOCore

/// POP3 (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS) as a ``LineConversation``: greeting, CAPA,
/// STLS, the handshake, CAPA again; with a login test, USER/PASS (or AUTH PLAIN when USER is
/// not offered) and STAT, which gives the mailbox size in one command; then QUIT. Never
/// RETR, TOP, DELE or anything else that reads or changes a message.
struct POP3Conversation: LineConversation {
    typealias Phase = MailboxPhase
    typealias Failure = MailboxFailure

    private(set) var session: MailboxSession
    private let configuration: MailboxConfiguration
    /// The lines of a multi-line answer (CAPA) being read; nil outside one.
    private var listing: [String]?
    /// USER sent, PASS next.
    private var sentUser = false

    init(configuration: MailboxConfiguration) {
        self.configuration = configuration
        session = MailboxSession(mailProtocol: .pop3, tlsMode: configuration.implicitTLS ? .implicit : .starttls)
    }

    mutating func start(localAddress: SocketAddress?) -> LineAction<MailboxPhase, MailboxFailure> {
        configuration.implicitTLS ? .startTLS(.handshake) : .expect(.greeting)
    }

    mutating func received(line: [UInt8], in phase: MailboxPhase) -> LineAction<MailboxPhase, MailboxFailure> {
        let text = MailboxSession.printable(line)
        // A multi-line answer ends with a line of one dot (RFC 1939 §3); ".." is a dot-stuffed line.
        if listing != nil {
            if line == [UInt8(ascii: ".")] {
                let lines = listing ?? []
                listing = nil
                return capabilities(lines, in: phase)
            }
            listing?.append(line.first == UInt8(ascii: ".") ? String(text.dropFirst()) : text)
            return .awaitMore
        }
        let positive = line.starts(with: Array("+OK".utf8))
        let negative = line.starts(with: Array("-ERR".utf8))
        if phase == .quit {
            session.closingReply = text
            return .finish
        }
        // A SASL challenge ("+ ..."), which only AUTH can bring.
        let challenge = phase == .login && (line.starts(with: Array("+ ".utf8)) || line == [UInt8(ascii: "+")])
        guard positive || negative || challenge else {
            return .fail(.unexpectedLine(phase, text))
        }
        switch phase {
        case .greeting:
            session.greeting = text
            session.greetingAccepted = positive
            guard positive else { return Self.quit }
            return .send("CAPA", then: configuration.implicitTLS ? .capabilityAfterTLS : .capability)
        case .capability, .capabilityAfterTLS:
            guard positive else {
                session.capabilityRefusal = text
                return capabilities(nil, in: phase)
            }
            listing = []
            return .awaitMore
        case .starttls:
            session.tlsReply = text
            session.tlsAccepted = positive
            return positive ? .startTLS(.handshake) : Self.quit
        case .login:
            return loginAnswer(text, positive: positive, negative: negative)
        case .mailboxSize:
            // "+OK nn mm" (RFC 1939 §5): messages, then octets.
            if positive {
                let numbers = text.split(separator: " ").dropFirst().prefix(2).compactMap { Int($0) }
                if numbers.count == 2 { session.login?.messages = numbers[0]; session.login?.octets = numbers[1] }
            }
            return Self.quit
        case .connect, .handshake, .quit:
            return .awaitMore
        }
    }

    /// The capability listing is complete (nil: refused).
    private mutating func capabilities(_ lines: [String]?, in phase: MailboxPhase) -> LineAction<MailboxPhase, MailboxFailure> {
        let names = lines?.map { $0.uppercased() }
        if phase == .capability {
            session.capabilitiesBeforeTLS = names
            session.tlsOffered = names?.contains("STLS") == true
            return session.tlsOffered ? .send("STLS", then: .starttls) : Self.quit
        }
        session.capabilitiesAfterTLS = names
        return beginLogin()
    }

    private static let quit = LineAction<MailboxPhase, MailboxFailure>.sendClosing("QUIT", then: .quit)

    /// USER/PASS when offered (or when CAPA said nothing, as RFC 1939 servers do), else AUTH PLAIN.
    private mutating func beginLogin() -> LineAction<MailboxPhase, MailboxFailure> {
        guard let plan = configuration.login, session.loginSkipped == nil else { return Self.quit }
        let capabilities = session.capabilitiesAfterTLS ?? []
        let sasl = capabilities.first { $0.hasPrefix("SASL ") }?.split(separator: " ").dropFirst().map(String.init) ?? []
        if capabilities.isEmpty || capabilities.contains("USER") {
            session.login = LoginOutcome(user: plan.credentials.user, mechanism: "USER/PASS")
            sentUser = true
            return .send("USER \(plan.credentials.user)", then: .login)
        }
        if sasl.contains("PLAIN") {
            session.login = LoginOutcome(user: plan.credentials.user, mechanism: "AUTH PLAIN")
            return .send("AUTH PLAIN \(plan.credentials.saslPlain)", then: .login, secret: true)
        }
        session.loginSkipped = .noMechanism
        return Self.quit
    }

    private mutating func loginAnswer(_ text: String, positive: Bool, negative: Bool) -> LineAction<MailboxPhase, MailboxFailure> {
        guard let plan = configuration.login else { return Self.quit }
        if sentUser {
            sentUser = false
            // Some servers refuse the user name already; that is the login's answer too.
            guard positive else { return loginDone(text, succeeded: false) }
            return .send("PASS \(plan.credentials.password)", then: .login, secret: true)
        }
        guard positive || negative else {
            // A SASL challenge after the initial response: give up politely ("*", RFC 5034).
            return .send("*", then: .login)
        }
        return loginDone(text, succeeded: positive)
    }

    private mutating func loginDone(_ text: String, succeeded: Bool) -> LineAction<MailboxPhase, MailboxFailure> {
        session.login?.succeeded = succeeded
        session.login?.reply = configuration.login.map { $0.credentials.masking(text) } ?? text
        return succeeded ? .send("STAT", then: .mailboxSize) : Self.quit
    }

    mutating func droppedBeforeTLS(count: Int, preview: [UInt8]) {
        session.injectedBytes = count
        session.injectedPreview = MailboxSession.printable(preview)
    }

    mutating func tlsEstablished(in phase: MailboxPhase) -> LineAction<MailboxPhase, MailboxFailure> {
        configuration.implicitTLS ? .expect(.greeting) : .send("CAPA", then: .capabilityAfterTLS)
    }

    mutating func tlsEstablished(in phase: MailboxPhase, tls: TLSSessionInfo) -> LineAction<MailboxPhase, MailboxFailure> {
        if let plan = configuration.login, let reason = plan.gate(tls) { session.loginSkipped = reason }
        return tlsEstablished(in: phase)
    }

    func failure(_ failure: LineSessionFailure<MailboxPhase>) -> MailboxFailure { .session(failure) }

    /// A secret command keeps its command and mechanism: `PASS ********`, `AUTH PLAIN ********`.
    static func transcriptText(of command: String, secret: Bool, lastReceived: [UInt8]?) -> String {
        guard secret else { return LineTranscript.masked(command, secret: false) }
        let words = command.split(separator: " ", maxSplits: 2)
        let kept = words.first == "AUTH" ? words.prefix(2) : words.prefix(1)
        return kept.joined(separator: " ") + " " + LineTranscript.mask
    }
}

/// The POP3 client conversation as a channel handler.
enum POP3Dialogue {
    /// A handler that completes `promise` exactly once, however the conversation ends.
    static func handler(configuration: MailboxConfiguration, session: LineSessionConfiguration,
                        promise: EventLoopPromise<MailboxResult>) -> LineSessionHandler<POP3Conversation> {
        LineSessionHandler(POP3Conversation(configuration: configuration), configuration: session) { result in
            promise.succeed(MailboxResult(session: result.conversation.session, tls: result.tls,
                                          failure: result.failure, durations: result.durations,
                                          transcript: result.transcript))
        }
    }
}
