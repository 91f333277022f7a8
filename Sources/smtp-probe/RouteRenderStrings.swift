import SMTPProbe

/// The words of the text report of routes and route options.
struct RouteRenderStrings {
    var routeTitle: (String) -> String
    var fileTitle: (String) -> String
    var options: String
    var mxLookup: String
    var on: String
    var off: String
    var load: (Int) -> String
    var mxRecords: String
    var noMXRecords: String
    var routeFindings: String
    var forTheMail: String
    var relaxTitle: String
    var relaxNone: String
    var turnOff: (String) -> String
    var waived: (String) -> String
    var inClear: String
    var table: (RouteTable) -> String
    var routeVerdictPass: (String) -> String
    var routeVerdictWarn: (String) -> String
    var routeVerdictFail: (String) -> String
    /// The console would not save the route as it is (a `route.*` failure).
    var routeVerdictRefused: (String) -> String
    var hostVerdict: (Verdict) -> String

    static var english: RouteRenderStrings { RouteRenderStrings(
        routeTitle: { "smtp-probe route: \($0)" },
        fileTitle: { "smtp-probe route file: \($0)" },
        options: "options", mxLookup: "MX lookup", on: "on", off: "off",
        load: { "load \($0) %" },
        mxRecords: "MX", noMXRecords: "no MX records",
        routeFindings: "The route itself",
        forTheMail: "What this means for the mail",
        relaxTitle: "Route options that would let the test pass (a last resort, when the servers cannot be fixed)",
        relaxNone: "No route option would let the test pass: the failures above are not about TLS or certificates.",
        turnOff: { "Turn off \($0)" },
        waived: { "Passes only because \($0) is off in the route." },
        inClear: "Mail to this server would travel in clear text.",
        table: { $0.rawValue },
        routeVerdictPass: { "PASS: every host of route \"\($0)\" should pass Gmail's \"Test TLS connection\"." },
        routeVerdictWarn: { "WARN: route \"\($0)\" should pass, but see the warnings above." },
        routeVerdictFail: { "FAIL: route \"\($0)\" would fail; mail to the failing hosts would bounce." },
        routeVerdictRefused: { "FAIL: the console would not save route \"\($0)\" as it is; see \"The route itself\" above." },
        hostVerdict: { verdict in
            switch verdict {
            case .pass: "PASS"
            case .warn: "WARN"
            case .fail: "FAIL"
            }
        }) }

    static var japanese: RouteRenderStrings { RouteRenderStrings(
        routeTitle: { "smtp-probe ルート: \($0)" },
        fileTitle: { "smtp-probe ルートファイル: \($0)" },
        options: "オプション", mxLookup: "MX ルックアップ", on: "オン", off: "オフ",
        load: { "負荷 \($0)%" },
        mxRecords: "MX", noMXRecords: "MX レコードなし",
        routeFindings: "ルート自体",
        forTheMail: "メールへの影響",
        relaxTitle: "テストが成功するルートオプション (サーバー側で直せない場合の最後の手段)",
        relaxNone: "テストを成功させるルートオプションはありません: 上の失敗は TLS や証明書の問題ではありません。",
        turnOff: { "\($0)をオフにする" },
        waived: { "ルートで\($0)がオフのため合格扱いです。" },
        inClear: "このサーバーへのメールは暗号化されずに送られます。",
        table: { $0 == .primary ? "プライマリ" : "セカンダリ" },
        routeVerdictPass: { "合格: ルート「\($0)」のすべてのホストで Gmail の [TLS 接続をテスト] は成功するはずです。" },
        routeVerdictWarn: { "警告: ルート「\($0)」のテストは成功するはずですが、上の警告を確認してください。" },
        routeVerdictFail: { "不合格: ルート「\($0)」のテストは失敗します。失敗するホストへのメールはバウンスされます。" },
        routeVerdictRefused: { "不合格: 管理コンソールはルート「\($0)」をこのままでは保存しません。上の「ルート自体」を確認してください。" },
        hostVerdict: { verdict in
            switch verdict {
            case .pass: "合格"
            case .warn: "警告"
            case .fail: "不合格"
            }
        }) }

    static func forLanguage(_ language: Language) -> RouteRenderStrings {
        language == .ja ? japanese : english
    }
}
