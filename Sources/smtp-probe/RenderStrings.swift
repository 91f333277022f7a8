import SMTPProbe

/// The words of the text report around the findings (which come translated from the library),
/// each written once with its English beside its Japanese, as the library writes its own.
struct RenderStrings {
    let language: Language

    func title(_ host: String, _ port: Int) -> String {
        language.pick(en: "Test TLS connection to \(host), port \(port)",
                      ja: "\(host) (ポート \(port)) への TLS 接続テスト")
    }

    var routeHost: String { language.pick(en: "route host", ja: "ルートのホスト") }
    var connectingTo: String { language.pick(en: "connecting to", ja: "接続先") }
    var mxOf: String { language.pick(en: "MX host of", ja: "MX として登録しているドメイン") }
    var ehlo: String { language.pick(en: "EHLO as", ja: "EHLO 名") }
    var trust: String { language.pick(en: "trusting", ja: "信頼する CA") }
    var systemStore: String { language.pick(en: "the system's CA store", ja: "システムの CA ストア") }
    var validatedAt: String { language.pick(en: "certificates judged as of", ja: "証明書の判定時刻") }
    var connected: String { language.pick(en: "Connected", ja: "接続") }
    var greeting: String { language.pick(en: "Greeting", ja: "グリーティング") }
    var ehloStep: String { language.pick(en: "EHLO", ja: "EHLO") }
    var starttls: String { language.pick(en: "STARTTLS", ja: "STARTTLS") }
    var tls: String { language.pick(en: "TLS", ja: "TLS") }
    var chain: String { language.pick(en: "CA chain", ja: "CA チェーン") }
    var hostname: String { language.pick(en: "Hostname", ja: "ホスト名") }
    var ehloAfterTLS: String { language.pick(en: "EHLO again", ja: "再 EHLO") }
    var notReached: String { language.pick(en: "not reached", ja: "未実施") }
    var starttlsOffered: String { language.pick(en: "STARTTLS offered", ja: "STARTTLS あり") }
    var starttlsMissing: String { language.pick(en: "no STARTTLS", ja: "STARTTLS なし") }

    func chainTrusted(_ root: String) -> String {
        language.pick(en: "trusted, up to \(root)",
                      ja: "信頼済み (\(root) まで)")
    }

    var chainUntrusted: String { language.pick(en: "not trusted", ja: "信頼されていません") }

    func hostnameMatches(_ host: String, _ name: String) -> String {
        language.pick(en: "\(host) matches \(name)",
                      ja: "\(host) は \(name) に一致")
    }

    func hostnameFails(_ host: String) -> String {
        language.pick(en: "\(host) is not on the certificate",
                      ja: "\(host) は証明書に記載されていません")
    }

    func extensions(_ count: Int) -> String {
        language.pick(en: count == 1 ? "1 extension" : "\(count) extensions",
                      ja: "拡張 \(count) 個")
    }

    var certificatesAsSent: String { language.pick(en: "Certificates as the server sent them", ja: "サーバーが送った証明書") }
    var issuer: String { language.pick(en: "issuer", ja: "発行者") }
    var names: String { language.pick(en: "names", ja: "名前") }
    var noSAN: String { language.pick(en: "(no subjectAltName)", ja: "(subjectAltName なし)") }
    var valid: String { language.pick(en: "valid", ja: "有効期間") }
    var findings: String { language.pick(en: "Findings", ja: "検出結果") }
    var consoleSays: String { language.pick(en: "The console says", ja: "管理コンソールの表示") }
    var whatToDo: String { language.pick(en: "What to do", ja: "対処方法") }
    var verdictPass: String { language.pick(en: "PASS: Gmail's \"Test TLS connection\" should pass for this server.", ja: "合格: Gmail の [TLS 接続をテスト] はこのサーバーで成功するはずです。") }
    var verdictWarn: String { language.pick(en: "WARN: the test should pass, but see the warnings above.", ja: "警告: テストは成功するはずですが、上の警告を確認してください。") }
    var verdictFail: String { language.pick(en: "FAIL: Gmail's \"Test TLS connection\" would fail. A route saved like this bounces mail.", ja: "不合格: Gmail の [TLS 接続をテスト] は失敗します。このまま保存したルートではメールがバウンスされます。") }

    /// Failed only on `--crit-days`: the console's test itself passes.
    var verdictFailThreshold: String { language.pick(en: "FAIL: a certificate expires within your --crit-days limit. Gmail's \"Test TLS connection\" itself still passes; renew the certificate now.", ja: "不合格: 証明書の有効期限が --crit-days の範囲内です。Gmail の [TLS 接続をテスト] 自体は成功しますが、今すぐ証明書を更新してください。") }

    /// Failed only because the server refused this client, which Google's servers may not be.
    var verdictFailRefused: String { language.pick(en: "FAIL: the server refuses this client. If it admits Google's servers, Gmail's test may still pass; if not, it fails and a route saved like this bounces mail.", ja: "不合格: サーバーがこのクライアントを拒否しています。Google のサーバーを許可していれば Gmail のテストは成功する可能性がありますが、許可していなければ失敗し、このまま保存したルートではメールがバウンスされます。") }
    var dnsFailed: String { language.pick(en: "DNS", ja: "DNS") }
    var key: String { language.pick(en: "Key", ja: "秘密鍵") }
    var keyMatches: String { language.pick(en: "matches the certificate", ja: "証明書と一致") }
    var keyDoesNotMatch: String { language.pick(en: "does not match the certificate", ja: "証明書と一致しません") }

    static func forLanguage(_ language: Language) -> RenderStrings { RenderStrings(language: language) }
}
