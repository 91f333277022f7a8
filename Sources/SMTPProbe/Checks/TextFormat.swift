/// Words that findings of every family share.
enum TextFormat {
    /// `2.5 s`, `3 秒`: a duration as findings give it.
    static func seconds(_ value: Double, _ language: Language) -> String {
        let unit = language == .ja ? "秒" : "s"
        return value == value.rounded() ? "\(Int(value)) \(unit)" : cFormat("%.1f \(unit)", value)
    }

    /// What the admin console says when its test fails on the certificate.
    static func consoleCouldNotVerify(_ language: Language) -> String {
        switch language {
        case .en: "could not verify certificate"
        case .ja: "証明書を検証できませんでした"
        }
    }
}

extension RouteOption {
    /// The option's name as the admin console shows it, in `language`.
    public func consoleName(_ language: Language) -> String {
        switch (self, language) {
        case (.requireTLS, .en): "Require secure transport (TLS)"
        case (.requireCASigned, .en): "Require CA signed certificate"
        case (.validateHostname, .en): "Validate certificate hostname"
        case (.requireTLS, .ja): "セキュアなトランスポート(TLS)を使用する"
        case (.requireCASigned, .ja): "CA 署名済み証明書を使用する"
        case (.validateHostname, .ja): "証明書のホスト名を検証する"
        }
    }

    /// What turning the option off gives up, in one sentence.
    func cost(_ language: Language) -> String {
        switch (self, language) {
        case (.requireTLS, .en): "without TLS the mail travels in clear text and can be read or altered on the way."
        case (.requireCASigned, .en): "without a CA-signed certificate, anyone able to intercept the connection can pose as the server."
        case (.validateHostname, .en): "without hostname validation, any server with any CA-signed certificate can receive this mail."
        case (.requireTLS, .ja): "TLS がなければメールは平文で送られ、途中で読まれたり改ざんされたりするおそれがあります。"
        case (.requireCASigned, .ja): "CA 署名済み証明書がなければ、接続を傍受できる誰もがサーバーになりすませます。"
        case (.validateHostname, .ja): "ホスト名を検証しなければ、CA 署名済みの証明書を持つどのサーバーでもこのメールを受け取れます。"
        }
    }
}
