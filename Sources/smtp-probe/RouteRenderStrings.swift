import SMTPProbe

/// The words of the text report of routes and route options, each written once with its
/// English beside its Japanese.
struct RouteRenderStrings {
    let language: Language

    func routeTitle(_ value: String) -> String {
        language.pick(en: "smtp-probe route: \(value)",
                      ja: "smtp-probe ルート: \(value)")
    }

    func fileTitle(_ value: String) -> String {
        language.pick(en: "smtp-probe route file: \(value)",
                      ja: "smtp-probe ルートファイル: \(value)")
    }

    var options: String { language.pick(en: "options", ja: "オプション") }
    var mxLookup: String { language.pick(en: "MX lookup", ja: "MX ルックアップ") }
    var on: String { language.pick(en: "on", ja: "オン") }
    var off: String { language.pick(en: "off", ja: "オフ") }

    func load(_ value: Int) -> String {
        language.pick(en: "load \(value) %",
                      ja: "負荷 \(value)%")
    }

    var mxRecords: String { language.pick(en: "MX", ja: "MX") }
    var noMXRecords: String { language.pick(en: "no MX records", ja: "MX レコードなし") }
    var routeFindings: String { language.pick(en: "The route itself", ja: "ルート自体") }
    var forTheMail: String { language.pick(en: "What this means for the mail", ja: "メールへの影響") }
    var relaxTitle: String { language.pick(en: "Route options that would let the test pass (a last resort, when the servers cannot be fixed)", ja: "テストが成功するルートオプション (サーバー側で直せない場合の最後の手段)") }
    var relaxNone: String { language.pick(en: "No route option would let the test pass: the failures above are not about TLS or certificates.", ja: "テストを成功させるルートオプションはありません: 上の失敗は TLS や証明書の問題ではありません。") }

    func turnOff(_ value: String) -> String {
        language.pick(en: "Turn off \(value)",
                      ja: "\(value)をオフにする")
    }

    func waived(_ value: String) -> String {
        language.pick(en: "Passes only because \(value) is off in the route.",
                      ja: "ルートで\(value)がオフのため合格扱いです。")
    }

    var inClear: String { language.pick(en: "Mail to this server would travel in clear text.", ja: "このサーバーへのメールは暗号化されずに送られます。") }

    func table(_ value: RouteTable) -> String {
        language.pick(en: value.rawValue,
                      ja: value == .primary ? "プライマリ" : "セカンダリ")
    }

    func routeVerdictPass(_ value: String) -> String {
        language.pick(en: "PASS: every host of route \"\(value)\" should pass Gmail's \"Test TLS connection\".",
                      ja: "合格: ルート「\(value)」のすべてのホストで Gmail の [TLS 接続をテスト] は成功するはずです。")
    }

    func routeVerdictWarn(_ value: String) -> String {
        language.pick(en: "WARN: route \"\(value)\" should pass, but see the warnings above.",
                      ja: "警告: ルート「\(value)」のテストは成功するはずですが、上の警告を確認してください。")
    }

    func routeVerdictFail(_ value: String) -> String {
        language.pick(en: "FAIL: route \"\(value)\" would fail; mail to the failing hosts would bounce.",
                      ja: "不合格: ルート「\(value)」のテストは失敗します。失敗するホストへのメールはバウンスされます。")
    }

    /// `smtp-probe gateway`: the route test passes, the gateway relays for anyone.
    func routeVerdictOpenRelay(_ value: String) -> String {
        language.pick(en: "FAIL: gateway \"\(value)\" is an open relay: it relays mail for clients that are not Google. Its route test itself passes.",
                      ja: "不合格: ゲートウェイ「\(value)」はオープンリレーです。Google 以外のクライアントのためにメールを転送します。ルートのテスト自体は成功します。")
    }

    /// The console would not save the route as it is (a `route.*` failure).
    func routeVerdictRefused(_ value: String) -> String {
        language.pick(en: "FAIL: the console would not save route \"\(value)\" as it is; see \"The route itself\" above.",
                      ja: "不合格: 管理コンソールはルート「\(value)」をこのままでは保存しません。上の「ルート自体」を確認してください。")
    }

    func hostVerdict(_ verdict: Verdict) -> String {
        switch language {
        case .en:
            switch verdict {
            case .pass: "PASS"
            case .warn: "WARN"
            case .fail: "FAIL"
            }
        case .ja:
            switch verdict {
            case .pass: "合格"
            case .warn: "警告"
            case .fail: "不合格"
            }
        }
    }

    static func forLanguage(_ language: Language) -> RouteRenderStrings { RouteRenderStrings(language: language) }
}
