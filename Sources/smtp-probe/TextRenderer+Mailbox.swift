import SMTPProbe

/// The steps of a POP3 or IMAP probe (and the verdict of any probe that is not the route
/// test), in the same checklist as SMTP's.
extension TextRenderer {
    func renderMailboxSteps(_ address: AddressReport, session: MailboxSession, routeHost: String) -> String {
        var out = ""
        let t = address.timingsMS
        let pop3 = session.mailProtocol == .pop3
        let capability = pop3 ? "CAPA" : "CAPABILITY"
        let firstFailure = address.findings.first { $0.severity == .fail }?.message ?? strings.notReached
        if session.tlsMode == .implicit {
            guard let tls = address.tls else { return out + step(false, strings.tls, firstFailure) }
            out += renderTLSSteps(address, tls: tls, routeHost: routeHost)
        }
        guard let greeting = session.greeting else { return out + step(false, strings.greeting, firstFailure) }
        out += step(session.greetingAccepted, strings.greeting, greeting, timing: t["greeting"])
        guard session.greetingAccepted else { return out }
        if session.tlsMode == .starttls {
            let command = pop3 ? "STLS" : "STARTTLS"
            if let capabilities = session.capabilitiesBeforeTLS {
                let offered = session.tlsOffered ? offeredText(command) : missingText(command)
                out += step(session.tlsOffered, capability, offered + " (" + capabilities.joined(separator: ", ") + ")",
                            timing: t["capability"])
            } else if let refusal = session.capabilityRefusal {
                return out + step(false, capability, refusal)
            } else {
                return out + step(false, capability, firstFailure)
            }
            guard session.tlsOffered else { return out }
            guard let reply = session.tlsReply else { return out + step(false, command, firstFailure) }
            out += step(session.tlsAccepted, command, reply, timing: t["starttls"])
            guard session.tlsAccepted else { return out }
            guard let tls = address.tls else { return out + step(false, strings.tls, firstFailure) }
            out += renderTLSSteps(address, tls: tls, routeHost: routeHost)
        }
        if let capabilities = session.capabilitiesAfterTLS {
            out += step(true, capability, capabilities.joined(separator: ", "), timing: t["capability_after_tls"])
        }
        if let login = session.login {
            var text = "\(login.user) (\(login.mechanism)): " + (login.reply ?? "")
            if let messages = login.messages {
                text += language.pick(en: " · \(messages) messages", ja: " · メッセージ \(messages) 通")
                if let octets = login.octets { text += language.pick(en: ", \(octets) octets", ja: "、\(octets) オクテット") }
            }
            out += step(login.succeeded, language.pick(en: "Login", ja: "ログイン"), text, timing: t["login"])
        } else if let skipped = session.loginSkipped {
            out += step(false, language.pick(en: "Login", ja: "ログイン"), loginSkippedText(skipped))
        }
        return out
    }

    private func offeredText(_ command: String) -> String {
        language.pick(en: "\(command) offered", ja: "\(command) あり")
    }

    private func missingText(_ command: String) -> String {
        language.pick(en: "no \(command)", ja: "\(command) なし")
    }

    func loginSkippedText(_ reason: LoginSkipReason) -> String {
        switch reason {
        case .certificateNotVerified:
            language.pick(en: "not tried: the password is sent only to a server whose certificate checks passed",
                          ja: "未実施: パスワードは証明書の検査に合格したサーバーにのみ送ります")
        case .noTLS:
            language.pick(en: "not tried: the password is sent only inside TLS",
                          ja: "未実施: パスワードは TLS の中でのみ送ります")
        case .noMechanism:
            language.pick(en: "not tried: the server offers no password login this probe uses",
                          ja: "未実施: このプローブが使うパスワードによるログイン方式をサーバーが提供していません")
        }
    }

    /// The last line of a submission, POP3 or IMAP probe: what Gmail's "Send mail as" or
    /// "Check mail from other accounts" meets, not the route test.
    func protocolVerdictLine(_ verdict: Verdict, _ mailProtocol: MailProtocol) -> String {
        let name = mailProtocol.displayName
        return switch verdict {
        case .pass: style.green(style.bold(language.pick(
            en: "PASS: Gmail should connect to this \(name) server over verified TLS.",
            ja: "合格: Gmail はこの \(name) サーバーに検証済みの TLS で接続できるはずです。")))
        case .warn: style.yellow(style.bold(strings.verdictWarn))
        case .fail: style.red(style.bold(language.pick(
            en: "FAIL: Gmail would not connect to this \(name) server as it should; see the findings above.",
            ja: "不合格: Gmail はこの \(name) サーバーに正しく接続できません。上の検出事項を確認してください。")))
        }
    }
}
