/// The one open-relay test smtp-probe ever makes, and only for `smtp-probe gateway`: after TLS,
/// `MAIL FROM` one sender and `RCPT TO` one recipient in a domain the server cannot be
/// responsible for, then `RSET` and `QUIT`. Never DATA, never a second RCPT: no message can
/// be sent.
///
/// Its initialiser is internal on purpose: the command line cannot put MAIL or RCPT into any
/// other command's conversation; only the gateway prober (Engine) makes a plan, and
/// ``SMTPConversation`` sends MAIL and RCPT only when it holds one.
struct RelayTestPlan: Hashable, Sendable {
    /// The envelope sender, without angle brackets (`postmaster@example.com`).
    let mailFrom: String
    /// The one envelope recipient, without angle brackets.
    let rcptTo: String

    init(mailFrom: String, rcptTo: String) {
        self.mailFrom = mailFrom
        self.rcptTo = rcptTo
    }

    /// Whether `address` can stand in an envelope as `local@domain`: printable ASCII, no
    /// space, no angle bracket, one `@` with text on both sides, a dot in the domain. Nothing
    /// else can reach the wire (no CR or LF can split the command).
    static func isEnvelopeAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.utf8.count <= 254 else { return false }
        return address.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
    }
}

/// What the server answered to the open-relay test (``RelayTestPlan``), as facts.
public struct RelayTestExchange: Codable, Hashable, Sendable {
    public var mailFrom: String
    public var rcptTo: String
    /// The reply to `MAIL FROM`; nil when the conversation never got there.
    public var mailReply: SMTPReply?
    /// The reply to the one `RCPT TO`; nil when it was not sent (MAIL refused, or the
    /// conversation ended first).
    public var rcptReply: SMTPReply?
    public var rsetReply: SMTPReply?

    enum CodingKeys: String, CodingKey {
        case mailFrom = "mail_from", rcptTo = "rcpt_to", mailReply = "mail_reply", rcptReply = "rcpt_reply"
        case rsetReply = "rset_reply"
    }

    init(_ plan: RelayTestPlan) {
        mailFrom = plan.mailFrom
        rcptTo = plan.rcptTo
    }
}
