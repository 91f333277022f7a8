/// Chooses the conversation's problems from its facts, one per distinct problem, in the order
/// the conversation met them.
enum ConversationAnalyzer {
    /// The problem of a connection that could not be made.
    static func problem(connecting failure: ConnectFailure, address: String, port: Int,
                        timeoutSeconds: Double) -> ConversationProblem {
        switch failure {
        case .refused: .connectRefused(address: address, port: port)
        case .timeout: .connectTimeout(address: address, port: port, seconds: timeoutSeconds)
        case .unreachable(let reason): .connectUnreachable(address: address, port: port, reason: reason)
        case .reset(let reason): .connectionClosed(.greeting, detail: reason)
        }
    }

    /// STARTTLS offered again inside TLS: RFC 3207 §4.2, and after implicit TLS just the same,
    /// since the session is encrypted already.
    static func problemsAfterTLS(of session: SMTPSession) -> [ConversationProblem] {
        session.extensionsAfterTLS?.contains("STARTTLS") == true ? [.starttlsOfferedAfterTLS] : []
    }

    /// A TLS version older than 1.2, once the handshake succeeded.
    static func problems(of tls: TLSSessionInfo) -> [ConversationProblem] {
        tls.version < .tlsv1_2 ? [.protocolTooOld(version: tls.version.description)] : []
    }

    /// The issues of the SMTP conversation itself, up to and including STARTTLS.
    static func problems(of dialogue: DialogueResult) -> [ConversationProblem] {
        let session = dialogue.session
        guard let greeting = session.greeting else { return [] }
        switch greeting.code {
        case 220: break
        case 421: return [.unavailable(greeting, phase: .greeting)]
        case 554: return [.greetingRejected(greeting)]
        default: return [.protocolError(.greeting, fault: .unexpectedGreeting(greeting.description))]
        }
        if session.tlsMode == .implicit {
            guard let reply = session.ehloAfterTLSReply, !reply.isPositive else { return [] }
            return [reply.code == 421 ? .unavailable(reply, phase: .ehloAfterTLS) : .ehloAfterTLSFailed(reply)]
        }
        guard let ehlo = session.ehloReply else { return [] }
        if !ehlo.isPositive {
            // A 4xx is "not now", not "never": HELO is only tried after a 5xx.
            if (400..<500).contains(ehlo.code) { return [.unavailable(ehlo, phase: .ehlo)] }
            if let helo = session.heloReply {
                if helo.isPositive { return [.noESMTP(ehlo)] }
                if (400..<500).contains(helo.code) { return [.unavailable(helo, phase: .helo)] }
            }
            return [.ehloRejected(ehlo)]
        }
        if !session.starttlsOffered { return [.starttlsNotOffered(extensions: session.extensionsBeforeTLS)] }
        var issues: [ConversationProblem] = []
        if let reply = session.starttlsReply {
            if reply.code == 421 { return [.unavailable(reply, phase: .starttls)] }
            if reply.code != 220 { return [.starttlsRejected(reply)] }
        }
        if let bytes = session.injectedBytes {
            issues.append(.starttlsInjection(bytes: bytes, preview: session.injectedPreview ?? ""))
        }
        if let reply = session.ehloAfterTLSReply, !reply.isPositive {
            issues.append(reply.code == 421 ? .unavailable(reply, phase: .ehloAfterTLS) : .ehloAfterTLSFailed(reply))
        }
        return issues
    }

    /// The problem that ended the conversation early; `timeoutSeconds` is the per-step deadline.
    static func problem(for failure: DialogueFailure, in dialogue: DialogueResult, timeoutSeconds: Double) -> ConversationProblem {
        switch failure {
        case .timeout(let phase):
            return .timeout(phase, seconds: timeoutSeconds)
        case .handshakeTimeout:
            return .timeout(.handshake, seconds: timeoutSeconds)
        case .closed(let phase):
            return .connectionClosed(phase, detail: nil)
        case .io(let phase, let detail):
            return .connectionClosed(phase, detail: detail)
        case .protocolError(let phase, let error):
            return .protocolError(phase, fault: .reply(error))
        case .unexpectedReply(let phase, let reply):
            return .protocolError(phase, fault: .unexpectedReply(phase, reply.description.replacing("\n", with: " / ")))
        case .unsolicitedReply(let phase, let command, let preview):
            return .protocolError(phase, fault: .unsolicited(before: command, preview: preview))
        case .closedByServer(let phase, let reply):
            return .unavailable(reply, phase: phase)
        case .handshakeFailed(let errors, let plaintext, let clientCertificateRequired):
            return handshakeProblem(errors, plaintext: plaintext, clientCertificateRequired: clientCertificateRequired,
                                    afterSTARTTLS: dialogue.session.tlsMode != .implicit)
        }
    }

    /// The problem of a failed TLS handshake, the same in every protocol: `plaintext` is what
    /// the server sent instead of TLS, made printable.
    static func handshakeProblem(_ errors: [OpenSSLErrorEntry], plaintext: String?, clientCertificateRequired: Bool,
                                 afterSTARTTLS: Bool) -> ConversationProblem {
        if clientCertificateRequired { return .clientCertificateRequired(reasons: errors.map(\.reason)) }
        if let plaintext { return .plaintextInsteadOfTLS(preview: plaintext, afterSTARTTLS: afterSTARTTLS) }
        let reasons = errors.map(\.reason)
        switch HandshakeFailureReason(errors) {
        case .noCommonProtocolVersion: return .protocolUnsupported(reasons: reasons)
        case .other: return .handshakeFailed(reasons: reasons)
        }
    }
}
