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

/// Why the certificates of a file are out of order, for `cert.chain_order`.
enum ChainOrderFault: Hashable, Sendable {
    /// The server's own certificate is at this position (from 0, as reports number
    /// certificates), not first.
    case leafAt(Int)
    /// The certificate at `position + 1` did not issue the one at `position` (from 0).
    case notIssuer(position: Int)
}

/// Why a DNS lookup failed for now, for `dns.temporary_failure`. The words of the system or of
/// libunbound stay as they came; what smtp-probe itself observed is said in the report's language.
enum DNSFailureReason: Hashable, Sendable {
    /// No answer within this many seconds.
    case noAnswer(seconds: Double)
    /// The server answered with this error code: SERVFAIL, REFUSED, ...
    case serverAnswered(String)
    /// MX records whose data could not be read.
    case malformedMX
    /// The resolver's own words.
    case resolver(String)
}

/// Why a route's host entry cannot be used, for `route.invalid_host`.
enum InvalidHostReason: Hashable, Sendable {
    /// MX lookup was asked of an IP address.
    case mxLookupOfAddress(String)
    /// The entry names one port and its `port:` key another.
    case portTwice(inEntry: Int, inKey: Int)
    /// The entry holds a character that cannot be seen (a format character, a separator...).
    case invisibleCharacter(InvisibleCharacter)
    /// The entry is no host name or address: the parser's explanation.
    case unusable(String)
}

extension Problem {
    /// An MX lookup asked of an IP address: there is no mail domain to look up.
    static func mxLookupOfAddress(entry: String, address: String) -> Problem {
        .routeInvalidHost(entry: entry, reason: .mxLookupOfAddress(address))
    }
}
