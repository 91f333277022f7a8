internal import NIOCore

/// One line protocol's side of a client conversation (SMTP now; POP3 and IMAP next): what to
/// say, and what each line the server sends means. ``LineSessionHandler`` does the rest, the
/// same for every such protocol: line framing and its length cap, a deadline for each phase,
/// bytes the server sends unprompted, the STARTTLS-style upgrade or implicit TLS, and ending
/// exactly once however the connection ends.
///
/// The conversation never sees the channel: it is a state machine that answers each event with
/// a ``LineAction``, so that a new protocol is a new value type, not a copy of the handler.
protocol LineConversation {
    /// The steps of the conversation, as reports and timings name them.
    associatedtype Phase: Hashable & Sendable
    /// Why a conversation ended early, in this protocol's terms.
    associatedtype Failure: Sendable

    /// The connection is up (`localAddress`: our end of it): the first step, which is to wait
    /// for the server's greeting, or ``LineAction/startTLS(_:)`` for TLS from the first byte.
    mutating func start(localAddress: SocketAddress?) -> LineAction<Phase, Failure>

    /// One line from the server, without its line ending, received in `phase`.
    mutating func received(line: [UInt8], in phase: Phase) -> LineAction<Phase, Failure>

    /// Plaintext that came after the server's go-ahead for TLS and before the handshake: a
    /// vulnerable client would read it as if it came through TLS (STARTTLS response
    /// injection). It is dropped, never read; `count` bytes, the first ones in `preview`.
    mutating func droppedBeforeTLS(count: Int, preview: [UInt8])

    /// The TLS handshake begun by ``LineAction/startTLS(_:)`` in `phase` has completed.
    mutating func tlsEstablished(in phase: Phase) -> LineAction<Phase, Failure>

    /// The same, with what the handshake gave: a conversation that sends a password judges
    /// the server's certificate here first. By default ``tlsEstablished(in:)``.
    mutating func tlsEstablished(in phase: Phase, tls: TLSSessionInfo) -> LineAction<Phase, Failure>

    /// Bytes that arrived in `phase` before the command of `next` was sent (the first ones in
    /// `preview`); `closing`: that command is the last one. The failure to end with, or nil to
    /// end the conversation normally. By default a reply to nothing: ``LineSessionFailure/unsolicited(_:before:preview:)``.
    mutating func unsolicited(_ preview: [UInt8], in phase: Phase, before next: Phase, closing: Bool) -> Failure?

    /// How `command` is shown in a transcript: `secret` when the conversation marked it so
    /// (``LineAction/send(_:then:secret:)``); `lastReceived`, the server's line before it. By
    /// default a secret command keeps its first word and masks the rest (`PASS ********`). A
    /// protocol masks here what must never show whatever the conversation marked (SMTP: AUTH).
    static func transcriptText(of command: String, secret: Bool, lastReceived: [UInt8]?) -> String

    /// How something the session saw (a deadline, the connection closed, a line too long, a
    /// failed handshake) is said in this protocol's terms.
    func failure(_ failure: LineSessionFailure<Phase>) -> Failure
}

extension LineConversation {
    static func transcriptText(of command: String, secret: Bool, lastReceived: [UInt8]?) -> String {
        LineTranscript.masked(command, secret: secret)
    }

    mutating func tlsEstablished(in phase: Phase, tls: TLSSessionInfo) -> LineAction<Phase, Failure> {
        tlsEstablished(in: phase)
    }

    mutating func unsolicited(_ preview: [UInt8], in phase: Phase, before next: Phase, closing: Bool) -> Failure? {
        failure(.unsolicited(phase, before: next, preview: preview))
    }
}

/// What the conversation wants next.
enum LineAction<Phase: Hashable & Sendable, Failure: Sendable> {
    /// The line was taken in; the reply goes on (a multi-line reply, say).
    case awaitMore
    /// Send a command (the line ending is added), then wait for its reply in `then`.
    /// `secret`: a credential, masked in the transcript (``LineConversation/transcriptText(of:secret:lastReceived:)``).
    case send(String, then: Phase, secret: Bool = false)
    /// The last command (QUIT, LOGOUT): a server that closes or never answers ends the
    /// conversation normally, and its deadline is the shorter closing one.
    case sendClosing(String, then: Phase)
    /// Wait in `phase` without sending anything (the greeting once implicit TLS is up).
    case expect(Phase)
    /// Start TLS now, the handshake being timed as `phase`. Plaintext already received is
    /// dropped and told to ``LineConversation/droppedBeforeTLS(count:preview:)``.
    case startTLS(Phase)
    /// The conversation is over; the session closes the connection.
    case finish
    /// The conversation is over, early; the session closes the connection.
    case fail(Failure)
}

/// What the session itself saw go wrong, before the protocol puts it in its own terms.
enum LineSessionFailure<Phase: Hashable & Sendable>: Hashable, Sendable {
    /// No reply within the phase's deadline.
    case timeout(Phase)
    /// The server closed the connection; nil: before the first phase began.
    case closed(Phase?)
    /// A line longer than the cap (without its CRLF), however the segments split it.
    case lineTooLong(Phase, limit: Int)
    /// The connection failed, in the system's words ("Connection reset by peer").
    case io(Phase, String)
    /// The handshake failed; `plaintext`: the first bytes the server sent instead of TLS, when
    /// they were not TLS at all; `clientCertificateRequired`: OpenSSL's alert says the server
    /// wants a client certificate (in TLS 1.3 that comes after the handshake, in any phase).
    case handshakeFailed([OpenSSLErrorEntry], plaintext: [UInt8]?, clientCertificateRequired: Bool = false)
    /// No handshake within the deadline.
    case handshakeTimeout
    /// Bytes that had arrived during `phase` before the command of `before` was sent (the
    /// first ones in `preview`): a reply to nothing, never taken as the answer to the command.
    case unsolicited(Phase, before: Phase, preview: [UInt8])
}

/// Settings of the session, the same for every protocol.
struct LineSessionConfiguration: Sendable {
    var tlsContext: SSLContext
    /// The SNI name; nil for an IP address (RFC 6066 forbids IPs in SNI).
    var serverName: String?
    /// The deadline of each phase.
    var phaseTimeout: TimeAmount
    /// The deadline of the closing phase, if shorter.
    var closingTimeout: TimeAmount = .seconds(2)
    /// The longest line accepted, without its line ending.
    var maximumLineLength: Int
    /// Keep a transcript of the session (``LineSessionResult/transcript``).
    var recordsTranscript = false
    /// What the transcript masks in the server's lines: the login test's credentials, which a
    /// careless or hostile server may echo back.
    var masksReceived: (@Sendable (String) -> String)?
}

/// What the session hands back when the connection ends: the conversation as it ended, with
/// what the session itself learned.
struct LineSessionResult<Conversation: LineConversation> {
    var conversation: Conversation
    var tls: TLSSessionInfo?
    var failure: Conversation.Failure?
    /// How long each phase waited for its answer.
    var durations: [Conversation.Phase: TimeAmount] = [:]
    /// Every line sent and received, when the configuration asked for it.
    var transcript: [TranscriptEntry]?
}

extension LineSessionResult: Sendable where Conversation: Sendable {}
