/// Chooses the problems of a POP3 or IMAP conversation from its facts, in the order the
/// conversation met them. TLS failures are the SMTP probe's own (`tls.*`), so that a server
/// is judged by the same rules whatever protocol runs over its TLS.
enum MailboxAnalyzer {
    /// Up to and including STLS/STARTTLS.
    static func problemsBeforeTLS(of session: MailboxSession) -> [Problem] {
        let p = session.mailProtocol
        guard let greeting = session.greeting else { return [] }
        guard session.greetingAccepted else { return [Problem(MailboxProblem.greetingRejected(p, greeting: greeting))] }
        guard session.tlsMode == .starttls else { return [] }
        if session.capabilitiesBeforeTLS != nil || session.capabilityRefusal != nil {
            if !session.tlsOffered {
                return [Problem(MailboxProblem.tlsNotOffered(p, capabilities: session.capabilitiesBeforeTLS ?? [], refusal: nil))]
            }
            if let reply = session.tlsReply, !session.tlsAccepted {
                return [Problem(MailboxProblem.tlsNotOffered(p, capabilities: session.capabilitiesBeforeTLS ?? [], refusal: reply))]
            }
        }
        if let bytes = session.injectedBytes {
            return [Problem(ConversationProblem.starttlsInjection(bytes: bytes, preview: session.injectedPreview ?? ""))]
        }
        return []
    }

    /// Inside TLS: a way to log in that Gmail uses (POP3 USER or SASL PLAIN; IMAP LOGIN or
    /// AUTH=PLAIN). A POP3 server that lists no capabilities at all is RFC 1939's, with USER.
    static func problemsAfterTLS(of session: MailboxSession) -> [Problem] {
        guard let capabilities = session.capabilitiesAfterTLS else { return [] }
        let usable: Bool
        switch session.mailProtocol {
        case .pop3:
            let sasl = capabilities.first { $0.hasPrefix("SASL ") }?.split(separator: " ").contains("PLAIN") ?? false
            usable = capabilities.isEmpty || capabilities.contains("USER") || sasl
        default:
            usable = !capabilities.contains("LOGINDISABLED") || capabilities.contains("AUTH=PLAIN")
        }
        return usable ? [] : [Problem(MailboxProblem.capabilityMissing(session.mailProtocol, capabilities: capabilities))]
    }

    /// The problem that ended the conversation early; `timeoutSeconds` is the per-step deadline.
    static func problem(for failure: MailboxFailure, session: MailboxSession, timeoutSeconds: Double) -> Problem {
        let p = session.mailProtocol
        switch failure {
        case .unexpectedLine(let phase, let line):
            return Problem(MailboxProblem.protocolError(p, phase, line: line))
        case .session(let failure):
            switch failure {
            case .timeout(let phase): return Problem(MailboxProblem.timeout(p, phase, seconds: timeoutSeconds))
            case .handshakeTimeout: return Problem(MailboxProblem.timeout(p, .handshake, seconds: timeoutSeconds))
            case .closed(let phase): return Problem(MailboxProblem.connectionClosed(p, phase ?? .greeting, detail: nil))
            case .io(let phase, let words): return Problem(MailboxProblem.connectionClosed(p, phase, detail: words))
            case .lineTooLong(let phase, let limit):
                return Problem(MailboxProblem.protocolError(p, phase, line: "(a line longer than \(limit) bytes)"))
            case .unsolicited(let phase, _, let preview):
                return Problem(MailboxProblem.protocolError(p, phase, line: MailboxSession.printable(preview)))
            case .handshakeFailed(let errors, let plaintext, let clientCertificateRequired):
                return Problem(ConversationAnalyzer.handshakeProblem(
                    errors, plaintext: plaintext.map(MailboxSession.printable),
                    clientCertificateRequired: clientCertificateRequired, afterSTARTTLS: session.tlsMode == .starttls))
            }
        }
    }
}
