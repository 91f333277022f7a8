/// The POP3 and IMAP conversation checks (`pop3.*`, `imap.*`): what Gmail's "Check mail from
/// other accounts" meets before it can fetch: the greeting, STLS/STARTTLS, the capabilities a
/// login needs, and a server that stalls, closes or does not speak the protocol. The TLS and
/// certificate checks are the SMTP probe's own (`tls.*`, `cert.*`). Judges ``MailboxResult``.
enum MailboxProblem: CheckProblem {
    /// The greeting said no (`-ERR`, `* BYE`): the server refuses this client.
    case greetingRejected(MailProtocol, greeting: String)
    /// STLS (POP3) or STARTTLS (IMAP) not offered, or refused (`refusal`: its answer).
    case tlsNotOffered(MailProtocol, capabilities: [String], refusal: String?)
    /// Inside TLS the server offers no way to log in with a password that Gmail uses.
    case capabilityMissing(MailProtocol, capabilities: [String])
    /// A line the phase's command cannot have.
    case protocolError(MailProtocol, MailboxPhase, line: String)
    case timeout(MailProtocol, MailboxPhase, seconds: Double)
    case connectionClosed(MailProtocol, MailboxPhase, detail: String?)

    static let codes: [FindingCode] = [
        .pop3GreetingRejected, .pop3ProtocolError, .pop3STLSNotOffered, .pop3CapabilityMissing, .pop3Timeout,
        .pop3ConnectionClosed,
        .imapGreetingRejected, .imapProtocolError, .imapSTARTTLSNotOffered, .imapCapabilityMissing, .imapTimeout,
        .imapConnectionClosed,
    ]

    var mailProtocol: MailProtocol {
        switch self {
        case .greetingRejected(let p, _), .tlsNotOffered(let p, _, _), .capabilityMissing(let p, _),
             .protocolError(let p, _, _), .timeout(let p, _, _), .connectionClosed(let p, _, _): p
        }
    }

    var code: FindingCode {
        let pop3 = mailProtocol == .pop3
        switch self {
        case .greetingRejected: return pop3 ? .pop3GreetingRejected : .imapGreetingRejected
        case .tlsNotOffered: return pop3 ? .pop3STLSNotOffered : .imapSTARTTLSNotOffered
        case .capabilityMissing: return pop3 ? .pop3CapabilityMissing : .imapCapabilityMissing
        case .protocolError: return pop3 ? .pop3ProtocolError : .imapProtocolError
        case .timeout: return pop3 ? .pop3Timeout : .imapTimeout
        case .connectionClosed: return pop3 ? .pop3ConnectionClosed : .imapConnectionClosed
        }
    }

    var severity: Severity { .fail }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [MailboxRemedy] {
        switch self {
        case .greetingRejected: [.allowClient, .askProvider]
        case .tlsNotOffered: [.enableTLS(mailProtocol), .askProvider]
        case .capabilityMissing: [.enablePasswordLogin(mailProtocol), .askProvider]
        case .protocolError, .connectionClosed: [.checkServer(mailProtocol), .askProvider]
        case .timeout(_, let phase, _): [.checkResponsiveness(phase), .askProvider]
        }
    }
}

/// The remedies of the POP3 and IMAP checks.
enum MailboxRemedy: CheckRemedy {
    case allowClient
    case enableTLS(MailProtocol)
    case enablePasswordLogin(MailProtocol)
    case checkServer(MailProtocol)
    case checkResponsiveness(MailboxPhase)
    case askProvider

    var kind: String {
        switch self {
        case .allowClient: "allow_client"
        case .enableTLS: "enable_mailbox_tls"
        case .enablePasswordLogin: "enable_password_login"
        case .checkServer: "check_mailbox_server"
        case .checkResponsiveness: "check_responsiveness"
        case .askProvider: "ask_mail_provider"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText(routeHost: routeHost), ja: jaText(routeHost: routeHost))
    }
}

extension FindingCode {
    public static let pop3GreetingRejected = FindingCode("pop3.greeting_rejected")
    public static let pop3ProtocolError = FindingCode("pop3.protocol_error")
    public static let pop3STLSNotOffered = FindingCode("pop3.stls_not_offered")
    public static let pop3CapabilityMissing = FindingCode("pop3.capability_missing")
    public static let pop3Timeout = FindingCode("pop3.timeout")
    public static let pop3ConnectionClosed = FindingCode("pop3.connection_closed")
    public static let imapGreetingRejected = FindingCode("imap.greeting_rejected")
    public static let imapProtocolError = FindingCode("imap.protocol_error")
    public static let imapSTARTTLSNotOffered = FindingCode("imap.starttls_not_offered")
    public static let imapCapabilityMissing = FindingCode("imap.capability_missing")
    public static let imapTimeout = FindingCode("imap.timeout")
    public static let imapConnectionClosed = FindingCode("imap.connection_closed")
}

extension MailboxPhase {
    /// The step's name in a sentence, in `language`.
    func name(_ language: Language, _ mailProtocol: MailProtocol) -> String {
        let pop3 = mailProtocol == .pop3
        switch (self, language) {
        case (.connect, .en): return "connecting"
        case (.connect, .ja): return "接続"
        case (.greeting, .en): return "the greeting"
        case (.greeting, .ja): return "接続時の応答 (グリーティング)"
        case (.capability, _): return pop3 ? "CAPA" : "CAPABILITY"
        case (.starttls, _): return pop3 ? "STLS" : "STARTTLS"
        case (.handshake, .en): return "the TLS handshake"
        case (.handshake, .ja): return "TLS ハンドシェイク"
        case (.capabilityAfterTLS, .en): return (pop3 ? "CAPA" : "CAPABILITY") + " after TLS"
        case (.capabilityAfterTLS, .ja): return "TLS 開始後の " + (pop3 ? "CAPA" : "CAPABILITY")
        case (.login, .en): return "the login"
        case (.login, .ja): return "ログイン"
        case (.mailboxSize, _): return pop3 ? "STAT" : "STATUS"
        case (.quit, _): return pop3 ? "QUIT" : "LOGOUT"
        }
    }
}
