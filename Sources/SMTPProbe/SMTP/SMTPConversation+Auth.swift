/// SMTP AUTH (RFC 4954) for the opt-in login test: PLAIN with its initial response, else
/// LOGIN; only inside TLS whose checks passed (the engine's ``LoginPlan/gate``), never MAIL.
extension SMTPConversation {
    /// The mechanisms of an EHLO `AUTH` keyword (also the old `AUTH=` form); nil when none.
    static func authMechanisms(_ extensions: [String]) -> [String]? {
        var mechanisms: [String] = []
        var found = false
        for line in extensions {
            let upper = line.uppercased()
            guard upper.hasPrefix("AUTH ") || upper.hasPrefix("AUTH=") || upper == "AUTH" else { continue }
            found = true
            for word in upper.dropFirst(5).split(separator: " ") where !mechanisms.contains(String(word)) {
                mechanisms.append(String(word))
            }
        }
        return found ? mechanisms : nil
    }

    mutating func tlsEstablished(in phase: SMTPPhase, tls: TLSSessionInfo) -> LineAction<SMTPPhase, DialogueFailure> {
        if let login, let reason = login.gate(tls) { session.loginSkipped = reason }
        return tlsEstablished(in: phase)
    }

    /// After EHLO inside TLS: AUTH when a login test was asked for and may run, else QUIT.
    mutating func beginLogin() -> LineAction<SMTPPhase, DialogueFailure> {
        guard let login, session.loginSkipped == nil else { return Self.quit }
        let mechanisms = session.authAfterTLS ?? []
        if mechanisms.contains("PLAIN") {
            session.login = LoginOutcome(user: login.credentials.user, mechanism: "AUTH PLAIN")
            return .send("AUTH PLAIN \(login.credentials.saslPlain)", then: .auth, secret: true)
        }
        if mechanisms.contains("LOGIN") {
            session.login = LoginOutcome(user: login.credentials.user, mechanism: "AUTH LOGIN")
            return .send("AUTH LOGIN", then: .auth)
        }
        session.loginSkipped = .noMechanism
        return Self.quit
    }

    /// The answer to AUTH: 235 logged in, 334 a challenge (LOGIN asks for the user name, then
    /// the password), anything else refused.
    mutating func authReply(_ reply: SMTPReply) -> LineAction<SMTPPhase, DialogueFailure> {
        guard let login, session.login != nil else { return Self.quit }
        if reply.code == 334 {
            guard session.login?.mechanism == "AUTH LOGIN" else { return .send("*", then: .auth) }
            if sentLoginUser { return .send(login.credentials.saslLoginPassword, then: .auth, secret: true) }
            sentLoginUser = true
            return .send(login.credentials.saslLoginUser, then: .auth, secret: true)
        }
        session.login?.succeeded = reply.code == 235
        session.login?.reply = SMTPReplyParser.printable(login.credentials.masking(reply.description).replacing("\n", with: " / "))
        return Self.quit
    }
}
