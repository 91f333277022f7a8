internal import NIOCore

/// The steps of the conversation, as reports and timings name them.
public enum SMTPPhase: String, Codable, Sendable, CaseIterable {
    case connect, greeting, ehlo, helo, starttls, handshake
    case ehloAfterTLS = "ehlo_after_tls"
    /// The open-relay test of `smtp-probe gateway` only (``RelayTestPlan``).
    case mailFrom = "mail_from", rcptTo = "rcpt_to", rset
    /// The opt-in login test: AUTH PLAIN or AUTH LOGIN, inside verified TLS.
    case auth
    case quit
}

extension SMTPPhase {
    /// Whether `code` can answer this phase's command (RFC 5321 §4.3.2; 421 may answer any
    /// command, §3.8). Anything else means the conversation is out of step: a reply meant for
    /// something else, such as a second greeting answering EHLO. The greeting's code is judged
    /// later with the rest of the facts, so every code passes here.
    func accepts(_ code: Int) -> Bool {
        switch self {
        case .greeting: true
        case .ehlo, .helo, .ehloAfterTLS: code == 250 || (400..<600).contains(code)
        case .starttls: code == 220 || (400..<600).contains(code)
        case .mailFrom, .rset: code == 250 || (400..<600).contains(code)
        case .rcptTo: code == 250 || code == 251 || code == 252 || (400..<600).contains(code)
        case .quit: code == 221 || code == 421
        case .auth: code == 235 || code == 334 || (400..<600).contains(code)
        case .connect, .handshake: false
        }
    }

    /// The replies ``accepts(_:)`` allows, as RFC 5321 writes them.
    var expectedReplies: String {
        switch self {
        case .ehlo, .helo, .ehloAfterTLS, .mailFrom, .rset: "250, 4xx or 5xx"
        case .rcptTo: "250, 251, 252, 4xx or 5xx"
        case .starttls: "220, 4xx or 5xx"
        case .quit: "221"
        case .auth: "235, 334, 4xx or 5xx"
        case .greeting, .connect, .handshake: "220, 421 or 554"
        }
    }
}

/// How TLS is started.
public enum TLSMode: String, Codable, Sendable, CaseIterable {
    /// EHLO, then STARTTLS (RFC 3207): ports 25 and 587, and every Workspace route.
    case starttls
    /// TLS from the first byte (RFC 8314): port 465, which the SMTP relay accepts but routes do not.
    case implicit

    /// The mode a port implies when none is chosen: implicit for 465, STARTTLS otherwise.
    public static func `default`(forPort port: Int) -> TLSMode { port == 465 ? .implicit : .starttls }
}

/// Everything the conversation with one address established, before any judgement.
public struct SMTPSession: Codable, Hashable, Sendable {
    public var tlsMode: TLSMode = .starttls
    public var greeting: SMTPReply?
    public var ehloName: String
    public var ehloReply: SMTPReply?
    public var heloReply: SMTPReply?
    /// EHLO keywords before STARTTLS.
    public var extensionsBeforeTLS: [String] = []
    public var starttlsOffered = false
    public var starttlsReply: SMTPReply?
    /// Bytes the server sent after its "220 ready to start TLS" reply and before the
    /// handshake: never used, only counted and shown.
    /// At most this many bytes of what came where TLS belongs are kept to show.
    static let previewLimit = OpenSSLHandler.plaintextPreviewLimit

    public var injectedBytes: Int?
    public var injectedPreview: String?
    public var ehloAfterTLSReply: SMTPReply?
    /// EHLO keywords after the handshake; nothing learned before it is trusted.
    public var extensionsAfterTLS: [String]?
    public var quitReply: SMTPReply?
    /// The open-relay test's exchange (`smtp-probe gateway` only).
    public var relayTest: RelayTestExchange?
    /// The SASL mechanisms of the EHLO `AUTH` keyword before TLS (nil: no AUTH offered).
    public var authBeforeTLS: [String]?
    /// The same inside TLS.
    public var authAfterTLS: [String]?
    /// The login test, when asked for and run.
    public var login: LoginOutcome?
    /// Why the login test asked for was not run.
    public var loginSkipped: LoginSkipReason?

    enum CodingKeys: String, CodingKey {
        case tlsMode = "tls_mode", greeting, ehloName = "ehlo_name", ehloReply = "ehlo_reply", heloReply = "helo_reply"
        case extensionsBeforeTLS = "extensions_before_tls", starttlsOffered = "starttls_offered"
        case starttlsReply = "starttls_reply", injectedBytes = "injected_bytes", injectedPreview = "injected_preview"
        case ehloAfterTLSReply = "ehlo_after_tls_reply", extensionsAfterTLS = "extensions_after_tls"
        case quitReply = "quit_reply", authBeforeTLS = "auth_before_tls", authAfterTLS = "auth_after_tls"
        case login, loginSkipped = "login_skipped", relayTest = "relay_test"
    }

    public init(ehloName: String) { self.ehloName = ehloName }
}

/// Why a conversation ended early.
enum DialogueFailure: Hashable, Sendable {
    case timeout(SMTPPhase)
    case closed(SMTPPhase)
    case protocolError(SMTPPhase, SMTPReplyParser.Failure)
    /// `plaintext`: what the server sent instead of TLS, made printable.
    /// `clientCertificateRequired`: OpenSSL's alert says the server wants a client certificate.
    case handshakeFailed([OpenSSLErrorEntry], plaintext: String? = nil, clientCertificateRequired: Bool = false)
    case handshakeTimeout
    case io(SMTPPhase, String)
    /// A reply that the phase's command cannot have (see ``SMTPPhase/accepts(_:)``).
    case unexpectedReply(SMTPPhase, SMTPReply)
    /// Bytes that had arrived, during the first phase, before the second one's command was
    /// sent, made printable: a reply to nothing, never taken as the answer to the command.
    case unsolicitedReply(SMTPPhase, before: SMTPPhase, preview: String)
    /// A 421 that came unprompted during the phase: RFC 5321 §3.8 lets a server say at any
    /// time that it is closing the channel, so it is not a protocol error.
    case closedByServer(SMTPPhase, SMTPReply)
}

/// What one conversation established, handed back when the connection ends.
struct DialogueResult: Sendable {
    var session: SMTPSession
    var tls: TLSSessionInfo?
    var failure: DialogueFailure?
    var durations: [SMTPPhase: TimeAmount] = [:]
    /// Every line sent and received, when the configuration asked for it.
    var transcript: [TranscriptEntry]?
}

/// Settings for one conversation.
struct DialogueConfiguration: Sendable {
    /// nil: say the address literal of our end of the connection.
    var ehloName: String?
    /// The SNI name; nil when the route host is an IP address (RFC 6066 forbids IPs in SNI).
    var serverName: String?
    var tlsContext: SSLContext
    var phaseTimeout: TimeAmount
    /// TLS from the first byte (port 465) instead of STARTTLS.
    var implicitTLS = false
    /// How long to wait for the reply to QUIT before simply closing.
    var quitTimeout: TimeAmount = .seconds(2)
    /// The opt-in login test (AUTH inside TLS, after the certificate checks).
    var login: LoginPlan?
    /// Keep a transcript of the conversation.
    var recordsTranscript = false
    /// The open-relay test after EHLO inside TLS; nil (always, but for `smtp-probe gateway`):
    /// no MAIL, RCPT or RSET is ever sent.
    var relayTest: RelayTestPlan?
}

/// Why a TCP connection could not be made.
enum ConnectFailure: Hashable, Sendable {
    case refused
    case timeout
    case unreachable(String)
    /// The server accepted the connection and reset it at once, before the connect had been
    /// reported: the same as closing it while the greeting is awaited.
    case reset(String)
}
