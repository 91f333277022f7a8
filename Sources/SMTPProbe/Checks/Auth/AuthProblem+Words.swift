/// The words of the authentication checks, each English text beside its Japanese one.
extension AuthProblem {
    var enMessage: String {
        switch self {
        case .offeredBeforeTLS(let mechanisms, _):
            "The server offers AUTH \(mechanisms.joined(separator: " ")) before STARTTLS: a password can be sent in clear"
        case .notOffered: "The submission server offers no AUTH inside TLS"
        case .loginFailed(let p, let user, _, _): "The \(p.displayName) server refused the login of \(user)"
        case .loginOK(let p, let user, let mechanism, _, _): "Logged in to the \(p.displayName) server as \(user) (\(mechanism))"
        }
    }

    var jaMessage: String {
        switch self {
        case .offeredBeforeTLS(let mechanisms, _):
            "サーバーが STARTTLS の前に AUTH \(mechanisms.joined(separator: " ")) を提供しています。パスワードが平文で送られる可能性があります"
        case .notOffered: "サブミッションサーバーが TLS 開始後に AUTH を提供していません"
        case .loginFailed(let p, let user, _, _): "\(p.displayName) サーバーが \(user) のログインを拒否しました"
        case .loginOK(let p, let user, let mechanism, _, _): "\(p.displayName) サーバーに \(user) としてログインしました (\(mechanism))"
        }
    }

    var enDetail: String? {
        switch self {
        case .offeredBeforeTLS(_, let submission):
            submission
                ? "A mail program that does not insist on TLS sends its password readably over the network."
                : "On port 25 servers do not log in, but a client that does may send a password in clear."
        case .notOffered: "Gmail's \"Send mail as\" and devices sending through this server need to log in after STARTTLS."
        case .loginFailed(_, _, let mechanism, let reply):
            "Sent with \(mechanism) inside verified TLS. The server said: \(reply ?? "(nothing)")"
        case .loginOK(_, _, _, let messages?, let octets?): "The mailbox holds \(messages) messages (\(octets) octets); nothing was read or changed."
        case .loginOK(_, _, _, let messages?, nil): "The mailbox holds \(messages) messages; nothing was read or changed."
        case .loginOK: "Nothing was read, changed or sent."
        }
    }

    var jaDetail: String? {
        switch self {
        case .offeredBeforeTLS(_, let submission):
            submission
                ? "TLS を必須にしていないメールソフトは、パスワードを読める形でネットワークに送ります。"
                : "ポート 25 ではサーバーはログインしませんが、ログインするクライアントはパスワードを平文で送る可能性があります。"
        case .notOffered: "Gmail の「他のアドレスからメールを送信」や、このサーバー経由で送信する機器は、STARTTLS の後にログインする必要があります。"
        case .loginFailed(_, _, let mechanism, let reply):
            "検証済みの TLS の中で \(mechanism) により送信しました。サーバーの応答: \(reply ?? "(なし)")"
        case .loginOK(_, _, _, let messages?, let octets?): "メールボックスにはメッセージが \(messages) 通 (\(octets) オクテット) あります。何も読まず、変更していません。"
        case .loginOK(_, _, _, let messages?, nil): "メールボックスにはメッセージが \(messages) 通あります。何も読まず、変更していません。"
        case .loginOK: "何も読まず、変更も送信もしていません。"
        }
    }
}

extension AuthRemedy {
    var enText: String {
        switch self {
        case .authOnlyAfterTLS:
            "Offer AUTH only after STARTTLS (Postfix: smtpd_tls_auth_only = yes; Exim: auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}})."
        case .enableAuth:
            "Enable SMTP AUTH inside TLS on this port (Postfix: smtpd_sasl_auth_enable = yes with a SASL backend)."
        case .checkCredentials:
            "Check the user name (often the whole address) and the password, and that the account is allowed to use this protocol."
        case .loginRestrictedByAddress:
            "If the password is right: many providers limit logins by IP address or country, and refuse them as authentication errors. Gmail connects from Google's addresses, often abroad, so it fails even with the right password. Ask the provider whether logins from outside its network or country are blocked, and to allow them for this account."
        case .askProvider:
            "If a provider runs this server, send them this report (it never contains the password) and ask them to act on it."
        }
    }

    var jaText: String {
        switch self {
        case .authOnlyAfterTLS:
            "AUTH は STARTTLS の後にのみ提供してください (Postfix: smtpd_tls_auth_only = yes、Exim: auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}})。"
        case .enableAuth:
            "このポートで TLS 上の SMTP AUTH を有効にしてください (Postfix: smtpd_sasl_auth_enable = yes と SASL の設定)。"
        case .checkCredentials:
            "ユーザー名 (多くはメールアドレス全体) とパスワード、およびこのアカウントがこのプロトコルを使えることを確認してください。"
        case .loginRestrictedByAddress:
            "パスワードが正しい場合: 多くのプロバイダは IP アドレスや国によってログインを制限しており、拒否を認証エラーとして返します。Gmail は Google のアドレス (多くは海外) から接続するため、正しいパスワードでも失敗します。プロバイダに、ネットワーク外や海外からのログインを制限していないか確認し、このアカウントで許可するよう依頼してください。"
        case .askProvider:
            "このサーバーをプロバイダが運用している場合は、このレポート (パスワードは含まれません) を送って対応を依頼してください。"
        }
    }
}
