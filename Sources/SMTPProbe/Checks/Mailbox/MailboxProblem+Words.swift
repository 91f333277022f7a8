/// The words of the POP3 and IMAP checks, each English text beside its Japanese one.
extension MailboxProblem {
    private var name: String { mailProtocol.displayName }
    private var tlsCommand: String { mailProtocol == .pop3 ? "STLS" : "STARTTLS" }

    var enMessage: String {
        switch self {
        case .greetingRejected: "The \(name) server refused this client in its greeting"
        case .tlsNotOffered(_, _, nil): "The \(name) server does not offer \(tlsCommand)"
        case .tlsNotOffered: "The \(name) server refused \(tlsCommand)"
        case .capabilityMissing: "Inside TLS the \(name) server offers no password login that Gmail can use"
        case .protocolError(_, let phase, _): "The \(name) server answered \(phase.name(.en, mailProtocol)) with something that is not \(name)"
        case .timeout(_, let phase, _): "The \(name) server did not answer \(phase.name(.en, mailProtocol)) in time"
        case .connectionClosed(_, let phase, _): "The \(name) server closed the connection during \(phase.name(.en, mailProtocol))"
        }
    }

    var jaMessage: String {
        switch self {
        case .greetingRejected: "\(name) サーバーがグリーティングでこのクライアントを拒否しました"
        case .tlsNotOffered(_, _, nil): "\(name) サーバーが \(tlsCommand) を提供していません"
        case .tlsNotOffered: "\(name) サーバーが \(tlsCommand) を拒否しました"
        case .capabilityMissing: "TLS 開始後、\(name) サーバーは Gmail が使えるパスワードによるログイン方式を提供していません"
        case .protocolError(_, let phase, _): "\(name) サーバーが\(phase.name(.ja, mailProtocol))に \(name) ではない応答を返しました"
        case .timeout(_, let phase, _): "\(name) サーバーが\(phase.name(.ja, mailProtocol))に時間内に応答しませんでした"
        case .connectionClosed(_, let phase, _): "\(name) サーバーが\(phase.name(.ja, mailProtocol))の途中で接続を閉じました"
        }
    }

    var enDetail: String? {
        switch self {
        case .greetingRejected(_, let greeting): "The server said: \(greeting)"
        case .tlsNotOffered(_, let capabilities, nil):
            "Gmail fetches mail only over an encrypted connection. Capabilities offered: \(Self.list(capabilities, .en))."
        case .tlsNotOffered(_, _, let refusal?): "The server said: \(refusal)"
        case .capabilityMissing(let p, let capabilities):
            (p == .pop3 ? "Neither USER nor SASL PLAIN is listed" : "LOGIN is disabled and AUTH=PLAIN is not listed")
                + ". Capabilities offered: \(Self.list(capabilities, .en))."
        case .protocolError(_, _, let line): "The server sent: \(line)"
        case .timeout(_, _, let seconds): "No answer within \(TextFormat.seconds(seconds, .en))."
        case .connectionClosed(_, _, let detail): detail.map { "The system said: \($0)" }
        }
    }

    var jaDetail: String? {
        switch self {
        case .greetingRejected(_, let greeting): "サーバーの応答: \(greeting)"
        case .tlsNotOffered(_, let capabilities, nil):
            "Gmail は暗号化された接続でのみメールを取得します。提供されている機能: \(Self.list(capabilities, .ja))。"
        case .tlsNotOffered(_, _, let refusal?): "サーバーの応答: \(refusal)"
        case .capabilityMissing(let p, let capabilities):
            (p == .pop3 ? "USER も SASL PLAIN もありません" : "LOGIN が無効で、AUTH=PLAIN もありません")
                + "。提供されている機能: \(Self.list(capabilities, .ja))。"
        case .protocolError(_, _, let line): "サーバーが送った内容: \(line)"
        case .timeout(_, _, let seconds): "\(TextFormat.seconds(seconds, .ja))以内に応答がありませんでした。"
        case .connectionClosed(_, _, let detail): detail.map { "システムのメッセージ: \($0)" }
        }
    }

    private static func list(_ items: [String], _ language: Language) -> String {
        items.isEmpty ? language.pick(en: "none", ja: "なし") : items.joined(separator: ", ")
    }
}

extension MailboxRemedy {
    func enText(routeHost: String) -> String {
        switch self {
        case .allowClient:
            "Check the server's access rules: it may refuse this address, this country or too many connections. Gmail connects from Google's addresses, not from yours."
        case .enableTLS(let p):
            p == .pop3
                ? "Enable STLS on this port with a certificate for \(routeHost), or use POP3 with SSL on port 995, as Gmail's \"Always use a secure connection (SSL)\" does."
                : "Enable STARTTLS on this port with a certificate for \(routeHost), or use IMAP with SSL on port 993."
        case .enablePasswordLogin(let p):
            p == .pop3
                ? "Allow USER/PASS or SASL PLAIN inside TLS on this server."
                : "Allow LOGIN or AUTHENTICATE PLAIN inside TLS on this server."
        case .checkServer(let p):
            "Check that a \(p.displayName) server, not another service, listens on this port, and read its log for this connection."
        case .checkResponsiveness:
            "Check why the server stalls at this step: its load, its DNS lookups of the client, or a filter in front of it."
        case .askProvider:
            "If a provider runs this server, send them this report and ask them to act on it."
        }
    }

    func jaText(routeHost: String) -> String {
        switch self {
        case .allowClient:
            "サーバーのアクセス制限を確認してください。このアドレスや国、または接続数の多さを理由に拒否している可能性があります。Gmail はお使いの環境ではなく Google のアドレスから接続します。"
        case .enableTLS(let p):
            p == .pop3
                ? "このポートで \(routeHost) の証明書を使って STLS を有効にするか、Gmail の「メールの取得にセキュリティで保護された接続 (SSL) を使用する」と同じく、ポート 995 の POP3 over SSL を使ってください。"
                : "このポートで \(routeHost) の証明書を使って STARTTLS を有効にするか、ポート 993 の IMAP over SSL を使ってください。"
        case .enablePasswordLogin(let p):
            p == .pop3
                ? "このサーバーで、TLS 上の USER/PASS または SASL PLAIN を許可してください。"
                : "このサーバーで、TLS 上の LOGIN または AUTHENTICATE PLAIN を許可してください。"
        case .checkServer(let p):
            "このポートで別のサービスではなく \(p.displayName) サーバーが待ち受けていることを確認し、この接続についてのサーバーのログを確認してください。"
        case .checkResponsiveness:
            "サーバーが止まる理由 (負荷、クライアントの DNS 逆引き、前段のフィルタなど) を確認してください。"
        case .askProvider:
            "このサーバーをプロバイダが運用している場合は、このレポートを送って対応を依頼してください。"
        }
    }
}
