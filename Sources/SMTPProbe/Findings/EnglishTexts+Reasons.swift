extension EnglishTexts {
    /// What broke SMTP, after "It sent".
    func protocolFault(_ fault: ProtocolFault) -> String {
        switch fault {
        case .unexpectedGreeting(let reply): "an unexpected greeting: \"\(reply)\""
        case .reply(.lineTooLong(let limit)): "a reply line longer than \(limit) bytes"
        case .reply(.tooManyLines(let limit)): "a reply of more than \(limit) lines"
        case .reply(.malformedLine(let line)): "a line that is not an SMTP reply: \"\(line)\""
        case .reply(.inconsistentCode(let expected, let got)):
            "a multi-line reply that changes its code from \(expected) to \(got)"
        case .unexpectedReply(let phase, let reply):
            "\"\(reply)\" in reply to \(phaseName(phase)), which can only be answered with \(phase.expectedReplies) (RFC 5321 §4.3.2): the conversation is out of step"
        case .unsolicited(let phase, let preview):
            "\"\(preview)\" before the client sent \(phaseName(phase)): a reply to nothing, which a client must not take as the answer to its next command"
        }
    }

    /// How the certificates are out of order, after "In this file".
    func chainOrder(_ fault: ChainOrderFault) -> String {
        switch fault {
        case .leafAt(let position): "the server's own certificate is #\(position), not first"
        case .notIssuer(let position): "#\(position + 1) did not issue #\(position)"
        }
    }

    func dnsFailure(_ reason: DNSFailureReason) -> String {
        switch reason {
        case .noAnswer(let seconds): "no answer within \(seconds) s"
        case .serverAnswered(let code): "the DNS server answered \(code)"
        case .malformedMX: "an MX record that cannot be read"
        case .resolver(let words): words
        }
    }

    func invalidHost(_ reason: InvalidHostReason) -> String {
        switch reason {
        case .mxLookupOfAddress(let address): "MX lookup needs a mail domain; \(address) is an address."
        case .portTwice(let inEntry, let inKey):
            "The entry names port \(inEntry) and its port key says \(inKey): give the port once."
        case .invisibleCharacter(let invisible):
            "Character \(invisible.position) is \(invisible.codePoint), an invisible character that makes different names look the same; type the host name again without it."
        case .unusable(let explanation): explanation
        }
    }
}
