/// The mail protocol a probe speaks over the line session: the route test's SMTP, or what
/// Gmail uses to send as an address (submission) or to fetch its mail (POP3, IMAP).
public enum MailProtocol: String, Codable, Sendable, CaseIterable {
    /// Server to server, as Gmail's routes and the outbound gateway use it (port 25).
    case smtp
    /// Message submission with authentication (RFC 6409): port 587, or 465 with implicit TLS.
    case submission
    /// POP3 (RFC 1939) with STLS (RFC 2595), or implicit TLS on port 995.
    case pop3
    /// IMAP (RFC 9051) with STARTTLS, or implicit TLS on port 993.
    case imap

    /// The port taken when a target names none: the one Gmail itself uses for the protocol
    /// (POP3 and IMAP with SSL, "Send mail as" over 587).
    public var defaultPort: Int {
        switch self {
        case .smtp: 25
        case .submission: 587
        case .pop3: 995
        case .imap: 993
        }
    }

    /// Whether `port` is the protocol's implicit-TLS port (RFC 8314): 465, 995 or 993. TLS
    /// starts with a command (STARTTLS, STLS) on any other.
    public func implicitTLSByDefault(port: Int) -> Bool {
        switch self {
        case .smtp, .submission: port == 465
        case .pop3: port == 995
        case .imap: port == 993
        }
    }

    /// SMTP in either of its uses: the EHLO conversation.
    public var isSMTP: Bool { self == .smtp || self == .submission }

    /// The protocol's name as admins write it.
    public var displayName: String {
        switch self {
        case .smtp: "SMTP"
        case .submission: "SMTP submission"
        case .pop3: "POP3"
        case .imap: "IMAP"
        }
    }
}
