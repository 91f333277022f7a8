/// The Japanese words of the SPF checks: each problem's message and detail, and each remedy.
/// Records and terms stay as published.
extension SPFProblem {
    var jaMessage: String {
        switch self {
        case .missing(let domain, nil, _): "\(domain) は SPF レコードを公開していません"
        case .missing(let domain, let includer?, _): "\(includer) の SPF レコードが指す \(domain) に SPF レコードがありません"
        case .multipleRecords(let domain, let records): "\(domain) は SPF レコードを \(records.count) 件公開しています。受信側が認めるのは 1 件だけです"
        case .syntaxError(let domain, let term, _): "\(domain) の SPF レコードに、受信側が読めない項目があります: \(term)"
        case .tooManyLookups(let domain, let count, _, let loop, let lowerBound):
            loop == nil
                ? "\(domain) の SPF レコードは DNS 検索を \(count) 回\(lowerBound ? "以上" : "")必要とします。受信側が認めるのは 10 回までです"
                : "\(domain) の SPF レコードは include が循環しています。受信側は DNS 検索 10 回で打ち切ります"
        case .tooManyVoidLookups(let domain, let names): "\(domain) の SPF レコードは、存在しない名前を \(names.count) 件参照しています。受信側が認めるのは 2 件までです"
        case .permissiveAll(let domain, _, let term):
            term.hasPrefix("?") ? "\(domain) の SPF レコードは \(term) で終わっています: それ以外の送信元について何も述べていません"
                : "\(domain) の SPF レコードは、インターネット上のどのサーバーにもこのドメインとしての送信を認めています (\(term))"
        case .ptrMechanism(let domain, let term): "\(domain) の SPF レコードが ptr メカニズムを使っています (\(term))"
        case .noGoogleInclude(let domain, _): "\(domain) の SPF レコードが Google のサーバーを許可していません (include:_spf.google.com)"
        case .lookupFailed(let name, _): "SPF ポリシーに必要な \(name) の DNS 検索が失敗しました"
        }
    }

    var jaDetail: String? {
        switch self {
        case .missing(_, nil, _):
            "SPF がないと、受信側はドメインのサーバーとなりすましを区別できません。2024 年 2 月から Gmail は個人用 Gmail アカウント宛てのメールに送信者認証 (SPF または DKIM) を求めています。"
        case .missing(_, let includer?, _):
            "SPF レコードのないドメインの include や redirect は恒久的エラーです (RFC 7208 5.2 節、6.1 節)。受信側は \(includer) の SPF 全体を壊れたものとして扱います。"
        case .multipleRecords(_, let records):
            "RFC 7208 4.5 節: 「v=spf1」で始まるレコードが複数あると、結果は恒久的エラーです。レコード: " + records.map { "「\($0)」" }.joined(separator: "、")
        case .syntaxError(_, let term, let reason):
            "\(term): \(Self.jaReason(reason))。読めない項目が 1 つあるとレコード全体が恒久的エラーになります (RFC 7208 4.6 節)。"
        case .tooManyLookups(_, _, let spends, let loop, _):
            (loop.map { "\($0.joined(separator: " → ")) は、すでに通ったドメインに戻っています。" } ?? "")
                + "include、a、mx、ptr、exists、redirect はそれぞれ 1 回と数え、include 先のレコードも合計します (RFC 7208 4.6.4 節)。10 回を超えると恒久的エラーです。内訳: "
                + spends.map { "\($0.path.joined(separator: " → ")) \($0.lookups) 回" }.joined(separator: "、")
        case .tooManyVoidLookups(_, let names):
            "名前が存在しない、またはレコードがないと応答された検索 (RFC 7208 4.6.4 節): \(names.joined(separator: "、"))。2 件を超えると恒久的エラーです。"
        case .permissiveAll(_, _, let term):
            term.hasPrefix("?") ? "「?all」は中立です。他のサーバーからのメールは合格も不合格もせず、SPF は何も守りません。"
                : "「\(term)」はなりすましを含むすべてのアドレスからのメールを合格にします。include 先のレコードにあれば、その include で誰でも合格します。"
        case .ptrMechanism:
            "RFC 7208 5.5 節は ptr を使わないよう求めています。メールごとに逆引きとその名前の検索が必要で、無視する受信側も多くあります。"
        case .noGoogleInclude:
            "Google Workspace から送るメールは Google のサーバーから届きます。include:_spf.google.com が (直接または include 先に) ないと、その SPF は不合格になります。"
        case .lookupFailed(_, let reason):
            "リゾルバの応答: \(MailPolicyWords.failure(.ja, reason))。続く間、受信側ではすべてのメールの SPF が一時エラー (temperror) になります。"
        }
    }

    static func jaReason(_ reason: SPFSyntaxReason) -> String {
        switch reason {
        case .unknownMechanism: "メカニズムでも name=value 形式の修飾子でもありません"
        case .missingValue: "このメカニズムには値が必要です"
        case .invalidDomain: "ドメイン名ではありません (または %{…} マクロの形が誤っています)"
        case .invalidAddress: "アドレスではないか、プレフィックス長が範囲外です"
        case .repeatedModifier: "この修飾子は 1 回しか書けません"
        }
    }
}

extension SPFRemedy {
    var jaText: String {
        switch self {
        case .publish(let domain, let record):
            "\(domain) の唯一の SPF レコードとして、メールを送るすべてのサーバーを挙げて次を公開してください: \(MailPolicyWords.zoneLine(name: domain, record: record))"
        case .merge(let domain, let record):
            "\(domain) の SPF レコードを、すべてをまとめた 1 件に置き換えてください: \(MailPolicyWords.zoneLine(name: domain, record: record))"
        case .fixInclude(let domain, let includer):
            "\(includer) の SPF レコードから \(domain) の include を削除するか、\(domain) の運用者に include すべき名前を確認してください。"
        case .fixTerm(let domain, let term):
            "\(domain) の SPF レコードの「\(term)」を修正または削除してください (自分のレコードでなければ所有者に伝えてください)。"
        case .breakLoop(let domain, let target):
            "\(domain) の SPF レコードから \(target) の include または redirect を削除してください。"
        case .reduceLookups(let domain):
            "\(domain) の SPF レコードの検索を 10 回以下にしてください: もう送信しないサービスの include を削除し、a、mx、自社の include は対応する ip4:/ip6: の範囲に置き換えます。"
        case .removeVoidTerms(let domain, let names):
            "\(domain) の SPF レコードから \(names.joined(separator: "、")) を指す項目を削除するか、求められるレコードを公開してください。"
        case .replacePTR(let domain, let term):
            "\(domain) の SPF レコードの「\(term)」を、対応するサーバーの ip4:/ip6: の範囲か a: の名前に置き換えてください。"
        case .checkNameServers(let name):
            "\(name) のネームサーバーが応答することを確認してください。\(name) がプロバイダーのものなら、プロバイダーに問い合わせてください。"
        }
    }
}
