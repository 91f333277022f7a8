/// What exactly broke the SMTP protocol, for `smtp.protocol_error`.
enum ProtocolFault: Hashable, Sendable {
    /// A greeting code that is none of 220, 421 and 554: the reply as it came.
    case unexpectedGreeting(String)
    /// A reply the parser refused.
    case reply(SMTPReplyParser.Failure)
    /// A reply, as it came, that the command of this phase cannot have.
    case unexpectedReply(SMTPPhase, String)
    /// What had arrived before the command of this phase was sent.
    case unsolicited(before: SMTPPhase, preview: String)
}
