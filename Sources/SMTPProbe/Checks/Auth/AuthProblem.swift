/// The authentication checks: where SMTP AUTH is offered (in clear or only inside TLS), and
/// the opt-in login test of any protocol (`auth.login_failed`, and `auth.login_ok` as a fact).
/// Judges ``SMTPSession``'s AUTH facts and ``LoginOutcome``.
enum AuthProblem: CheckProblem {
    /// PLAIN or LOGIN offered before TLS: a client may send its password in clear.
    case offeredBeforeTLS(mechanisms: [String], submission: Bool)
    /// A submission server that offers no AUTH inside TLS: nobody can log in to send.
    case notOffered
    /// The server refused the credentials; `reply`: its words, made printable.
    case loginFailed(MailProtocol, user: String, mechanism: String, reply: String?)
    /// A fact: the login succeeded, with the mailbox size where it was read.
    case loginOK(MailProtocol, user: String, mechanism: String, messages: Int?, octets: Int?)

    static let codes: [FindingCode] = [.authOfferedBeforeTLS, .authNotOffered, .authLoginFailed, .authLoginOK]

    var code: FindingCode {
        switch self {
        case .offeredBeforeTLS: .authOfferedBeforeTLS
        case .notOffered: .authNotOffered
        case .loginFailed: .authLoginFailed
        case .loginOK: .authLoginOK
        }
    }

    /// AUTH in clear is a failure on a submission port, whose clients are people's mail
    /// programs, and a warning on port 25, where servers do not log in.
    var severity: Severity {
        switch self {
        case .offeredBeforeTLS(_, let submission): submission ? .fail : .warn
        case .notOffered, .loginFailed: .fail
        case .loginOK: .info
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [AuthRemedy] {
        switch self {
        case .offeredBeforeTLS: [.authOnlyAfterTLS]
        case .notOffered: [.enableAuth]
        case .loginFailed: [.checkCredentials, .loginRestrictedByAddress, .askProvider]
        case .loginOK: []
        }
    }
}

/// The remedies of the authentication checks.
enum AuthRemedy: CheckRemedy {
    case authOnlyAfterTLS
    case enableAuth
    case checkCredentials
    /// Seed 004: a provider that limits logins by IP address or country refuses Gmail's
    /// attempts as authentication errors even with the right password.
    case loginRestrictedByAddress
    case askProvider

    var kind: String {
        switch self {
        case .authOnlyAfterTLS: "offer_auth_only_after_tls"
        case .enableAuth: "enable_auth"
        case .checkCredentials: "check_credentials"
        case .loginRestrictedByAddress: "allow_login_from_google"
        case .askProvider: "ask_mail_provider"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText, ja: jaText)
    }
}

extension FindingCode {
    /// PLAIN or LOGIN offered in clear (a warning on port 25, a failure for submission).
    public static let authOfferedBeforeTLS = FindingCode("auth.offered_before_tls")
    /// No AUTH inside TLS on a submission server.
    public static let authNotOffered = FindingCode("auth.not_offered")
    /// The login test was refused.
    public static let authLoginFailed = FindingCode("auth.login_failed")
    /// The login test succeeded (a fact, severity info).
    public static let authLoginOK = FindingCode("auth.login_ok")
}

/// Chooses the authentication problems from the facts.
enum AuthAnalyzer {
    /// What SMTP's EHLO said of AUTH before and inside TLS.
    static func problems(of session: SMTPSession, submission: Bool, tlsEstablished: Bool) -> [AuthProblem] {
        var problems: [AuthProblem] = []
        if session.tlsMode == .starttls, let before = session.authBeforeTLS {
            let clear = before.filter { $0 == "PLAIN" || $0 == "LOGIN" }
            if !clear.isEmpty { problems.append(.offeredBeforeTLS(mechanisms: before, submission: submission)) }
        }
        if submission, tlsEstablished, session.ehloAfterTLSReply?.isPositive == true,
           (session.authAfterTLS ?? []).isEmpty {
            problems.append(.notOffered)
        }
        return problems
    }

    /// The login test's outcome, when it ran.
    static func problems(of login: LoginOutcome?, mailProtocol: MailProtocol) -> [AuthProblem] {
        guard let login else { return [] }
        if login.succeeded {
            return [.loginOK(mailProtocol, user: login.user, mechanism: login.mechanism, messages: login.messages,
                             octets: login.octets)]
        }
        return [.loginFailed(mailProtocol, user: login.user, mechanism: login.mechanism, reply: login.reply)]
    }
}
