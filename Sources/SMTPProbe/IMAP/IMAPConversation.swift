internal import NIOCore

/// IMAP (RFC 9051, RFC 3501) as a ``LineConversation``: greeting, CAPABILITY, STARTTLS, the
/// handshake, CAPABILITY again; with a login test, LOGIN (or AUTHENTICATE PLAIN when the
/// server disables LOGIN) and STATUS INBOX (MESSAGES), which counts the messages without
/// selecting the mailbox; then LOGOUT. Never SELECT, FETCH, STORE, EXPUNGE or APPEND.
struct IMAPConversation: LineConversation {
    typealias Phase = MailboxPhase
    typealias Failure = MailboxFailure

    private(set) var session: MailboxSession
    private let configuration: MailboxConfiguration
    /// The tag of the command awaiting its answer.
    private var tag = "a0"
    private var counter = 0
    /// Capabilities from untagged CAPABILITY lines of the current command.
    private var collected: [String] = []

    init(configuration: MailboxConfiguration) {
        self.configuration = configuration
        session = MailboxSession(mailProtocol: .imap, tlsMode: configuration.implicitTLS ? .implicit : .starttls)
    }

    mutating func start(localAddress: SocketAddress?) -> LineAction<MailboxPhase, MailboxFailure> {
        configuration.implicitTLS ? .startTLS(.handshake) : .expect(.greeting)
    }

    /// A command with the next tag.
    /// `secret`: the command carries a credential, masked in the transcript.
    private mutating func command(_ text: String, then phase: MailboxPhase, closing: Bool = false,
                                  secret: Bool = false) -> LineAction<MailboxPhase, MailboxFailure> {
        counter += 1
        tag = "a\(counter)"
        collected = []
        return closing ? .sendClosing("\(tag) \(text)", then: phase) : .send("\(tag) \(text)", then: phase, secret: secret)
    }

    /// A secret command keeps its tag and its name (`a3 LOGIN ********`).
    static func transcriptText(of command: String, secret: Bool, lastReceived: [UInt8]?) -> String {
        let words = command.split(separator: " ", maxSplits: 2)
        guard secret, words.count > 2 else { return LineTranscript.masked(command, secret: secret) }
        return words[0..<2].joined(separator: " ").escapingUntrustedCharacters + " " + LineTranscript.mask
    }

    private mutating func logout() -> LineAction<MailboxPhase, MailboxFailure> {
        command("LOGOUT", then: .quit, closing: true)
    }

    mutating func received(line: [UInt8], in phase: MailboxPhase) -> LineAction<MailboxPhase, MailboxFailure> {
        let text = MailboxSession.printable(line)
        let words = text.split(separator: " ", maxSplits: 2).map(String.init)
        if phase == .greeting {
            // "* OK", "* PREAUTH" (already logged in) or "* BYE" (refused), RFC 9051 §7.1.
            guard words.count >= 2, words[0] == "*" else { return .fail(.unexpectedLine(phase, text)) }
            session.greeting = text
            let status = words[1].uppercased()
            guard status == "OK" || status == "PREAUTH" else {
                session.greetingAccepted = false
                // BYE: the server closes; anything else is not IMAP.
                return status == "BYE" ? .finish : .fail(.unexpectedLine(phase, text))
            }
            session.greetingAccepted = true
            return command("CAPABILITY", then: configuration.implicitTLS ? .capabilityAfterTLS : .capability)
        }
        if words.first == "*" {
            if words.count >= 2, words[1].uppercased() == "CAPABILITY" {
                collected += (words.count > 2 ? words[2] : "").split(separator: " ").map { $0.uppercased() }
            } else if phase == .mailboxSize, words.count >= 3, words[1].uppercased() == "STATUS",
                      case let upper = text.uppercased(), let range = upper.firstRange(of: "MESSAGES ") {
                session.login?.messages = Int(upper[range.upperBound...].prefix { $0.isNumber })
            } else if phase == .quit {
                session.closingReply = text
            }
            return .awaitMore
        }
        if words.first == "+" {
            // A continuation request: only AUTHENTICATE asks for one; cancel it (RFC 9051 §6.2.2).
            return phase == .login ? .send("*", then: .login) : .fail(.unexpectedLine(phase, text))
        }
        guard words.count >= 2, words[0] == tag else { return .fail(.unexpectedLine(phase, text)) }
        let status = words[1].uppercased()
        let ok = status == "OK"
        guard ok || status == "NO" || status == "BAD" else { return .fail(.unexpectedLine(phase, text)) }
        switch phase {
        case .capability:
            guard ok else { session.capabilityRefusal = text; return logout() }
            session.capabilitiesBeforeTLS = collected
            session.tlsOffered = collected.contains("STARTTLS")
            return session.tlsOffered ? command("STARTTLS", then: .starttls) : logout()
        case .starttls:
            session.tlsReply = text
            session.tlsAccepted = ok
            return ok ? .startTLS(.handshake) : logout()
        case .capabilityAfterTLS:
            guard ok else { session.capabilityRefusal = text; return logout() }
            session.capabilitiesAfterTLS = collected
            return beginLogin()
        case .login:
            session.login?.succeeded = ok
            session.login?.reply = configuration.login.map { $0.credentials.masking(text) } ?? text
            return ok ? command("STATUS INBOX (MESSAGES)", then: .mailboxSize) : logout()
        case .mailboxSize:
            return logout()
        case .quit:
            if session.closingReply == nil { session.closingReply = text }
            return .finish
        case .connect, .greeting, .handshake:
            return .awaitMore
        }
    }

    /// LOGIN unless the server disables it; AUTHENTICATE PLAIN with its initial response (SASL-IR) then.
    private mutating func beginLogin() -> LineAction<MailboxPhase, MailboxFailure> {
        guard let plan = configuration.login, session.loginSkipped == nil else { return logout() }
        let capabilities = session.capabilitiesAfterTLS ?? []
        let user = plan.credentials.user
        if !capabilities.contains("LOGINDISABLED") {
            session.login = LoginOutcome(user: user, mechanism: "LOGIN")
            return command("LOGIN \(Self.quoted(user)) \(Self.quoted(plan.credentials.password))", then: .login, secret: true)
        }
        if capabilities.contains("AUTH=PLAIN") {
            session.login = LoginOutcome(user: user, mechanism: "AUTHENTICATE PLAIN")
            return command("AUTHENTICATE PLAIN \(plan.credentials.saslPlain)", then: .login, secret: true)
        }
        session.loginSkipped = .noMechanism
        return logout()
    }

    /// An IMAP quoted string (RFC 9051 §4.3): backslash and quote escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    mutating func droppedBeforeTLS(count: Int, preview: [UInt8]) {
        session.injectedBytes = count
        session.injectedPreview = MailboxSession.printable(preview)
    }

    mutating func tlsEstablished(in phase: MailboxPhase) -> LineAction<MailboxPhase, MailboxFailure> {
        configuration.implicitTLS ? .expect(.greeting) : command("CAPABILITY", then: .capabilityAfterTLS)
    }

    mutating func tlsEstablished(in phase: MailboxPhase, tls: TLSSessionInfo) -> LineAction<MailboxPhase, MailboxFailure> {
        if let plan = configuration.login, let reason = plan.gate(tls) { session.loginSkipped = reason }
        return tlsEstablished(in: phase)
    }

    func failure(_ failure: LineSessionFailure<MailboxPhase>) -> MailboxFailure { .session(failure) }
}

/// The IMAP client conversation as a channel handler.
enum IMAPDialogue {
    /// A handler that completes `promise` exactly once, however the conversation ends.
    static func handler(configuration: MailboxConfiguration, session: LineSessionConfiguration,
                        promise: EventLoopPromise<MailboxResult>) -> LineSessionHandler<IMAPConversation> {
        LineSessionHandler(IMAPConversation(configuration: configuration), configuration: session) { result in
            promise.succeed(MailboxResult(session: result.conversation.session, tls: result.tls,
                                          failure: result.failure, durations: result.durations,
                                          transcript: result.transcript))
        }
    }
}
