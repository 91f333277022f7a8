import SMTPProbe

/// The words of the text report around the findings (which come translated from the library).
struct RenderStrings {
    var title: (String, Int) -> String
    var routeHost: String
    var connectingTo: String
    var mxOf: String
    var ehlo: String
    var trust: String
    var systemStore: String
    var validatedAt: String
    var connected: String
    var greeting: String
    var ehloStep: String
    var starttls: String
    var tls: String
    var chain: String
    var hostname: String
    var ehloAfterTLS: String
    var notReached: String
    var starttlsOffered: String
    var starttlsMissing: String
    var chainTrusted: (String) -> String
    var chainUntrusted: String
    var hostnameMatches: (String, String) -> String
    var hostnameFails: (String) -> String
    var extensions: (Int) -> String
    var certificatesAsSent: String
    var issuer: String
    var names: String
    var noSAN: String
    var valid: String
    var findings: String
    var consoleSays: String
    var whatToDo: String
    var verdictPass: String
    var verdictWarn: String
    var verdictFail: String
    /// Failed only on `--crit-days`: the console's test itself passes.
    var verdictFailThreshold: String
    /// Failed only because the server refused this client, which Google's servers may not be.
    var verdictFailRefused: String
    var dnsFailed: String
    var key = "Key"
    var keyMatches = "matches the certificate"
    var keyDoesNotMatch = "does not match the certificate"

    static var english: RenderStrings { RenderStrings(
        title: { host, port in "Test TLS connection to \(host), port \(port)" },
        routeHost: "route host", connectingTo: "connecting to", mxOf: "MX host of", ehlo: "EHLO as", trust: "trusting",
        systemStore: "the system's CA store", validatedAt: "certificates judged as of",
        connected: "Connected", greeting: "Greeting", ehloStep: "EHLO", starttls: "STARTTLS", tls: "TLS",
        chain: "CA chain", hostname: "Hostname", ehloAfterTLS: "EHLO again", notReached: "not reached",
        starttlsOffered: "STARTTLS offered", starttlsMissing: "no STARTTLS",
        chainTrusted: { root in "trusted, up to \(root)" }, chainUntrusted: "not trusted",
        hostnameMatches: { host, name in "\(host) matches \(name)" },
        hostnameFails: { host in "\(host) is not on the certificate" },
        extensions: { count in count == 1 ? "1 extension" : "\(count) extensions" },
        certificatesAsSent: "Certificates as the server sent them", issuer: "issuer", names: "names",
        noSAN: "(no subjectAltName)", valid: "valid",
        findings: "Findings", consoleSays: "The console says", whatToDo: "What to do",
        verdictPass: "PASS: Gmail's \"Test TLS connection\" should pass for this server.",
        verdictWarn: "WARN: the test should pass, but see the warnings above.",
        verdictFail: "FAIL: Gmail's \"Test TLS connection\" would fail. A route saved like this bounces mail.",
        verdictFailThreshold: "FAIL: a certificate expires within your --crit-days limit. Gmail's \"Test TLS connection\" itself still passes; renew the certificate now.",
        verdictFailRefused: "FAIL: the server refuses this client. If it admits Google's servers, Gmail's test may still pass; if not, it fails and a route saved like this bounces mail.",
        dnsFailed: "DNS") }

    static var japanese: RenderStrings { RenderStrings(
        title: { host, port in "\(host) (ポート \(port)) への TLS 接続テスト" },
        routeHost: "ルートのホスト", connectingTo: "接続先", mxOf: "MX として登録しているドメイン", ehlo: "EHLO 名", trust: "信頼する CA",
        systemStore: "システムの CA ストア", validatedAt: "証明書の判定時刻",
        connected: "接続", greeting: "グリーティング", ehloStep: "EHLO", starttls: "STARTTLS", tls: "TLS",
        chain: "CA チェーン", hostname: "ホスト名", ehloAfterTLS: "再 EHLO", notReached: "未実施",
        starttlsOffered: "STARTTLS あり", starttlsMissing: "STARTTLS なし",
        chainTrusted: { root in "信頼済み (\(root) まで)" }, chainUntrusted: "信頼されていません",
        hostnameMatches: { host, name in "\(host) は \(name) に一致" },
        hostnameFails: { host in "\(host) は証明書に記載されていません" },
        extensions: { count in "拡張 \(count) 個" },
        certificatesAsSent: "サーバーが送った証明書", issuer: "発行者", names: "名前",
        noSAN: "(subjectAltName なし)", valid: "有効期間",
        findings: "検出結果", consoleSays: "管理コンソールの表示", whatToDo: "対処方法",
        verdictPass: "合格: Gmail の [TLS 接続をテスト] はこのサーバーで成功するはずです。",
        verdictWarn: "警告: テストは成功するはずですが、上の警告を確認してください。",
        verdictFail: "不合格: Gmail の [TLS 接続をテスト] は失敗します。このまま保存したルートではメールがバウンスされます。",
        verdictFailThreshold: "不合格: 証明書の有効期限が --crit-days の範囲内です。Gmail の [TLS 接続をテスト] 自体は成功しますが、今すぐ証明書を更新してください。",
        verdictFailRefused: "不合格: サーバーがこのクライアントを拒否しています。Google のサーバーを許可していれば Gmail のテストは成功する可能性がありますが、許可していなければ失敗し、このまま保存したルートではメールがバウンスされます。",
        dnsFailed: "DNS") }

    static func forLanguage(_ language: Language) -> RenderStrings {
        guard language == .ja else { return english }
        var strings = japanese
        strings.key = "秘密鍵"
        strings.keyMatches = "証明書と一致"
        strings.keyDoesNotMatch = "証明書と一致しません"
        return strings
    }
}
