/// The server conversation checks: the TCP connection, the SMTP dialogue, STARTTLS and the TLS
/// handshake, up to the point where a certificate can be judged. Judges the facts of SMTP/ and
/// TLS/ (``DialogueResult``, ``ConnectFailure``).
enum ConversationProblem: CheckProblem {
    case connectRefused(address: String, port: Int)
    case connectTimeout(address: String, port: Int, seconds: Double)
    case connectUnreachable(address: String, port: Int, reason: String)
    case greetingRejected(SMTPReply)
    case unavailable(SMTPReply, phase: SMTPPhase)
    case ehloRejected(SMTPReply)
    case timeout(SMTPPhase, seconds: Double)
    case protocolError(SMTPPhase, fault: ProtocolFault)
    case connectionClosed(SMTPPhase, detail: String?)
    case noESMTP(SMTPReply)
    case starttlsNotOffered(extensions: [String])
    case starttlsRejected(SMTPReply)
    case starttlsInjection(bytes: Int, preview: String)
    case handshakeFailed(reasons: [String])
    /// The server ended the handshake because no client certificate was sent.
    case clientCertificateRequired(reasons: [String])
    /// The server answered the TLS handshake in plain text: after its "220" to STARTTLS, or
    /// on a port probed with TLS from the first byte.
    case plaintextInsteadOfTLS(preview: String, afterSTARTTLS: Bool)
    /// The server speaks only a protocol older than anything OpenSSL here can negotiate.
    case protocolUnsupported(reasons: [String])
    case protocolTooOld(version: String)
    case ehloAfterTLSFailed(SMTPReply)
    /// STARTTLS listed again in the EHLO reply inside TLS (RFC 3207 §4.2).
    case starttlsOfferedAfterTLS

    static let codes: [FindingCode] = [
        .connectRefused, .connectTimeout, .connectUnreachable, .smtpGreetingRejected, .smtpUnavailable, .smtpTimeout,
        .smtpProtocolError, .smtpConnectionClosed, .smtpNoESMTP, .smtpEHLOAfterTLSFailed,
        .starttlsNotOffered, .starttlsRejected, .starttlsInjection, .starttlsOfferedAfterTLS,
        .tlsHandshakeFailed, .tlsProtocolTooOld,
    ]

    var code: FindingCode {
        switch self {
        case .connectRefused: .connectRefused
        case .connectTimeout: .connectTimeout
        case .connectUnreachable: .connectUnreachable
        case .greetingRejected, .ehloRejected: .smtpGreetingRejected
        case .unavailable: .smtpUnavailable
        case .timeout: .smtpTimeout
        case .protocolError: .smtpProtocolError
        case .connectionClosed: .smtpConnectionClosed
        case .noESMTP: .smtpNoESMTP
        case .starttlsNotOffered: .starttlsNotOffered
        case .starttlsRejected: .starttlsRejected
        case .starttlsInjection: .starttlsInjection
        case .starttlsOfferedAfterTLS: .starttlsOfferedAfterTLS
        case .handshakeFailed, .plaintextInsteadOfTLS, .clientCertificateRequired: .tlsHandshakeFailed
        case .protocolUnsupported, .protocolTooOld: .tlsProtocolTooOld
        case .ehloAfterTLSFailed: .smtpEHLOAfterTLSFailed
        }
    }

    var severity: Severity {
        switch self {
        case .starttlsInjection, .starttlsOfferedAfterTLS: .warn
        default: .fail
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    /// Without TLS required, a route sends in clear whatever stops TLS; nothing else here is
    /// changed by a route option (a refused connection fails whatever the options).
    var relaxableBy: [RouteOption] {
        switch self {
        case .starttlsNotOffered, .starttlsRejected, .handshakeFailed, .plaintextInsteadOfTLS, .clientCertificateRequired,
             .protocolUnsupported, .protocolTooOld, .noESMTP:
            [.requireTLS]
        default:
            []
        }
    }

    var remedies: [ConversationRemedy] {
        switch self {
        case .connectRefused(_, let port):
            [.checkListening(port: port)]
        case .connectTimeout(_, let port, _), .connectUnreachable(_, let port, _):
            [.checkFirewall(port: port)]
        case .greetingRejected, .ehloRejected:
            [.allowGoogleSenders, .askRelayProvider]
        case .unavailable:
            [.retryLater]
        case .timeout(let phase, _):
            [.checkResponsiveness(phase)]
        case .protocolError, .connectionClosed, .ehloAfterTLSFailed:
            [.fixSMTPServer, .askRelayProvider]
        case .noESMTP, .starttlsNotOffered:
            [.enableSTARTTLS, .askRelayProvider]
        case .starttlsRejected:
            [.fixSTARTTLS, .askRelayProvider]
        case .starttlsInjection:
            [.fixInjection]
        case .starttlsOfferedAfterTLS:
            [.removeSTARTTLSAfterTLS]
        case .handshakeFailed, .plaintextInsteadOfTLS, .clientCertificateRequired:
            [.fixTLSConfiguration, .askRelayProvider]
        case .protocolUnsupported, .protocolTooOld:
            [.enableModernTLS, .askRelayProvider]
        }
    }
}

/// The remedies of the conversation checks.
enum ConversationRemedy: CheckRemedy {
    case checkListening(port: Int)
    case checkFirewall(port: Int)
    case allowGoogleSenders
    case retryLater
    case checkResponsiveness(SMTPPhase)
    case fixSMTPServer
    case enableSTARTTLS
    case fixSTARTTLS
    case fixInjection
    case removeSTARTTLSAfterTLS
    case fixTLSConfiguration
    case enableModernTLS
    case askRelayProvider

    var kind: String {
        switch self {
        case .checkListening: "check_listening"
        case .checkFirewall: "check_firewall"
        case .allowGoogleSenders: "allow_google_senders"
        case .retryLater: "retry_later"
        case .checkResponsiveness: "check_responsiveness"
        case .fixSMTPServer: "fix_smtp_server"
        case .enableSTARTTLS: "enable_starttls"
        case .fixSTARTTLS: "fix_starttls"
        case .fixInjection: "fix_starttls_injection"
        case .removeSTARTTLSAfterTLS: "remove_starttls_after_tls"
        case .fixTLSConfiguration: "fix_tls_configuration"
        case .enableModernTLS: "enable_modern_tls"
        case .askRelayProvider: SharedRemedy.askRelayProvider.kind
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText(routeHost: routeHost), ja: jaText(routeHost: routeHost))
    }
}

extension FindingCode {
    // TCP
    public static let connectRefused = FindingCode("connect.refused")
    public static let connectTimeout = FindingCode("connect.timeout")
    public static let connectUnreachable = FindingCode("connect.unreachable")
    // SMTP
    public static let smtpGreetingRejected = FindingCode("smtp.greeting_rejected")
    public static let smtpUnavailable = FindingCode("smtp.unavailable")
    public static let smtpTimeout = FindingCode("smtp.timeout")
    public static let smtpProtocolError = FindingCode("smtp.protocol_error")
    public static let smtpConnectionClosed = FindingCode("smtp.connection_closed")
    public static let smtpNoESMTP = FindingCode("smtp.no_esmtp")
    public static let smtpEHLOAfterTLSFailed = FindingCode("smtp.ehlo_after_tls_failed")
    // STARTTLS
    public static let starttlsNotOffered = FindingCode("starttls.not_offered")
    public static let starttlsRejected = FindingCode("starttls.rejected")
    public static let starttlsInjection = FindingCode("starttls.injection")
    /// STARTTLS is still advertised after TLS (RFC 3207 §4.2 forbids it).
    public static let starttlsOfferedAfterTLS = FindingCode("starttls.offered_after_tls")
    // TLS
    public static let tlsHandshakeFailed = FindingCode("tls.handshake_failed")
    public static let tlsProtocolTooOld = FindingCode("tls.protocol_too_old")
}

extension SMTPPhase {
    /// The step's name in a sentence, in `language`.
    func name(_ language: Language) -> String {
        switch (self, language) {
        case (.connect, .en): "connecting"
        case (.greeting, .en): "the greeting"
        case (.ehlo, .en): "EHLO"
        case (.helo, .en): "HELO"
        case (.starttls, .en): "STARTTLS"
        case (.handshake, .en): "the TLS handshake"
        case (.ehloAfterTLS, .en): "EHLO after TLS"
        case (.quit, .en): "QUIT"
        case (.mailFrom, _): "MAIL FROM"
        case (.rcptTo, _): "RCPT TO"
        case (.rset, _): "RSET"
        case (.connect, .ja): "接続"
        case (.greeting, .ja): "接続時の応答 (グリーティング)"
        case (.ehlo, .ja): "EHLO"
        case (.helo, .ja): "HELO"
        case (.starttls, .ja): "STARTTLS"
        case (.handshake, .ja): "TLS ハンドシェイク"
        case (.ehloAfterTLS, .ja): "TLS 開始後の EHLO"
        case (.quit, .ja): "QUIT"
        case (.auth, .en): "AUTH"
        case (.auth, .ja): "AUTH"
        }
    }
}
