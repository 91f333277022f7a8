internal import CSMTPProbeOpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a TCP connection could not be made.
enum ConnectFailure: Hashable, Sendable {
    case refused
    case timeout
    case unreachable(String)
    /// The server accepted the connection and reset it at once, before the connect had been
    /// reported: the same as closing it while the greeting is awaited.
    case reset(String)
}

/// Everything learned about one address, before judgement.
struct AddressFacts: Sendable {
    var routeHost: String
    var address: String
    var port: Int
    var timeoutSeconds: Double
    var connectFailure: ConnectFailure?
    var dialogue: DialogueResult?
    var verification: ChainVerification?
    var hostname: HostnameMatcher.Outcome?
    var validationTime: Date
    var expiryWarningDays: Int
    /// Within this many days the expiry is a failure rather than a warning; nil: never.
    var expiryCriticalDays: Int? = nil
}

/// Chooses the issues that the facts of one address show, one per distinct problem, in the
/// order the conversation met them.
enum FindingAnalyzer {
    static func issues(for facts: AddressFacts) -> [Problem] {
        if let failure = facts.connectFailure {
            switch failure {
            case .refused: return [.connectRefused(address: facts.address, port: facts.port)]
            case .timeout: return [.connectTimeout(address: facts.address, port: facts.port, seconds: facts.timeoutSeconds)]
            case .unreachable(let reason): return [.connectUnreachable(address: facts.address, port: facts.port, reason: reason)]
            case .reset(let reason): return [.connectionClosed(.greeting, detail: reason)]
            }
        }
        guard let dialogue = facts.dialogue else { return [] }
        var issues = conversationIssues(dialogue, facts: facts)
        if let tls = dialogue.tls {
            if tls.version < .tlsv1_2 {
                issues.append(.protocolTooOld(version: tls.version.description))
            }
            issues += certificateIssues(chain: tls.peerChain, facts: facts)
        }
        // RFC 3207 §4.2, and after implicit TLS just the same: the session is encrypted already.
        if dialogue.session.extensionsAfterTLS?.contains("STARTTLS") == true {
            issues.append(.starttlsOfferedAfterTLS)
        }
        if let failure = dialogue.failure {
            issues.append(issue(for: failure, facts: facts))
        }
        return issues
    }

    /// The issues of the SMTP conversation itself, up to and including STARTTLS.
    private static func conversationIssues(_ dialogue: DialogueResult, facts: AddressFacts) -> [Problem] {
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
        var issues: [Problem] = []
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

    private static func issue(for failure: DialogueFailure, facts: AddressFacts) -> Problem {
        switch failure {
        case .timeout(let phase):
            return .timeout(phase, seconds: facts.timeoutSeconds)
        case .handshakeTimeout:
            return .timeout(.handshake, seconds: facts.timeoutSeconds)
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
        case .handshakeFailed(let errors, _, clientCertificateRequired: true):
            return .clientCertificateRequired(reasons: errors.map(\.reason))
        case .handshakeFailed(let errors, let plaintext, _):
            if let plaintext {
                return .plaintextInsteadOfTLS(preview: plaintext, afterSTARTTLS: facts.dialogue?.session.tlsMode != .implicit)
            }
            let reasons = errors.map(\.reason)
            let versionReasons: Set<Int32> = [SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
                                              SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_VERSION_TOO_LOW]
            if errors.contains(where: { versionReasons.contains($0.reasonCode) }) {
                return .protocolUnsupported(reasons: reasons)
            }
            return .handshakeFailed(reasons: reasons)
        }
    }
}
