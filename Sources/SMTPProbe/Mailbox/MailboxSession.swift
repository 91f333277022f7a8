internal import NIOCore

/// The steps of a POP3 or IMAP conversation, as reports and timings name them.
public enum MailboxPhase: String, Codable, Sendable, CaseIterable {
    case connect, greeting, capability, starttls, handshake
    case capabilityAfterTLS = "capability_after_tls"
    case login
    case mailboxSize = "mailbox_size"
    case quit
}

/// Everything a POP3 or IMAP conversation with one address established, before any
/// judgement. Server lines are kept made printable (escaped), never as sent.
public struct MailboxSession: Codable, Hashable, Sendable {
    public var mailProtocol: MailProtocol
    public var tlsMode: TLSMode
    /// The greeting line (`+OK ...`, `* OK ...`).
    public var greeting: String?
    /// Whether the greeting was a positive one.
    public var greetingAccepted = false
    /// The capabilities before TLS (POP3 CAPA, IMAP CAPABILITY); nil when not asked (implicit
    /// TLS) or refused.
    public var capabilitiesBeforeTLS: [String]?
    /// The server's answer when it refused the capability command, made printable.
    public var capabilityRefusal: String?
    /// STLS (POP3) or STARTTLS (IMAP) offered before TLS.
    public var tlsOffered = false
    /// The answer to STLS or STARTTLS.
    public var tlsReply: String?
    public var tlsAccepted = false
    /// Bytes the server sent after its go-ahead for TLS and before the handshake: never
    /// used, only counted and shown.
    public var injectedBytes: Int?
    public var injectedPreview: String?
    /// The capabilities inside TLS; nothing learned before it is trusted.
    public var capabilitiesAfterTLS: [String]?
    /// The login test, when asked for and run.
    public var login: LoginOutcome?
    /// Why the login test asked for was not run.
    public var loginSkipped: LoginSkipReason?
    /// The answer to QUIT or LOGOUT.
    public var closingReply: String?

    enum CodingKeys: String, CodingKey {
        case mailProtocol = "protocol", tlsMode = "tls_mode", greeting, greetingAccepted = "greeting_accepted"
        case capabilitiesBeforeTLS = "capabilities_before_tls", capabilityRefusal = "capability_refusal"
        case tlsOffered = "tls_offered", tlsReply = "tls_reply", tlsAccepted = "tls_accepted"
        case injectedBytes = "injected_bytes", injectedPreview = "injected_preview"
        case capabilitiesAfterTLS = "capabilities_after_tls", login, loginSkipped = "login_skipped"
        case closingReply = "closing_reply"
    }

    public init(mailProtocol: MailProtocol, tlsMode: TLSMode) {
        self.mailProtocol = mailProtocol
        self.tlsMode = tlsMode
    }
}

/// Why a POP3 or IMAP conversation ended early.
enum MailboxFailure: Hashable, Sendable {
    /// What the session saw: a deadline, the connection closed, a failed handshake.
    case session(LineSessionFailure<MailboxPhase>)
    /// A line the phase's command cannot have, made printable.
    case unexpectedLine(MailboxPhase, String)
}

/// What one POP3 or IMAP conversation established, handed back when the connection ends.
struct MailboxResult: Sendable {
    var session: MailboxSession
    var tls: TLSSessionInfo?
    var failure: MailboxFailure?
    var durations: [MailboxPhase: TimeAmount] = [:]
    /// Every line sent and received, when the configuration asked for it.
    var transcript: [TranscriptEntry]?
}

/// Settings for one POP3 or IMAP conversation.
struct MailboxConfiguration: Sendable {
    var implicitTLS: Bool
    var login: LoginPlan?
}

extension MailboxSession {
    /// Server text made printable, as every server line in a report is.
    static func printable(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(200))).escapingUntrustedCharacters
        return text.unicodeScalars.count > 200 ? shown + "…" : shown
    }
}
