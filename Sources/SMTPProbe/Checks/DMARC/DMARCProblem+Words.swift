/// The English and Japanese words of the DMARC checks, side by side.
extension DMARCProblem {
    var enMessage: String {
        switch self {
        case .missing(let domain): "\(domain) publishes no DMARC record (_dmarc.\(domain))"
        case .multipleRecords(let domain, let records): "_dmarc.\(domain) holds \(records.count) DMARC records; receivers then apply none"
        case .syntaxError(let domain, let tag, _): "The DMARC record of \(domain) cannot be read at \(tag)"
        case .policyNone(let domain, _): "The DMARC policy of \(domain) is p=none: receivers act on nothing"
        case .policyMissing(let domain, _): "The DMARC record of \(domain) has no p= tag: receivers apply it as p=none"
        case .ruaNotAuthorized(let domain, let other, _): "\(other) has not agreed to receive the DMARC reports of \(domain)"
        case .lookupFailed(let name, _): "The DNS lookup of \(name) failed"
        }
    }

    var jaMessage: String {
        switch self {
        case .missing(let domain): "\(domain) は DMARC レコード (_dmarc.\(domain)) を公開していません"
        case .multipleRecords(let domain, let records): "_dmarc.\(domain) に DMARC レコードが \(records.count) 件あります。受信側はどれも適用しません"
        case .syntaxError(let domain, let tag, _): "\(domain) の DMARC レコードが \(tag) の箇所で読めません"
        case .policyNone(let domain, _): "\(domain) の DMARC ポリシーは p=none です: 受信側は何も処置しません"
        case .policyMissing(let domain, _): "\(domain) の DMARC レコードに p= タグがありません。受信側は p=none として扱います"
        case .ruaNotAuthorized(let domain, let other, _): "\(other) は \(domain) の DMARC レポートの受け取りを承認していません"
        case .lookupFailed(let name, _): "\(name) の DNS 検索が失敗しました"
        }
    }

    var enDetail: String? {
        switch self {
        case .missing: "Without DMARC, receivers have no policy for mail that fails SPF and DKIM, and the domain gets no reports; since February 2024 Gmail asks for sender authentication (SPF, DKIM, DMARC) for mail to personal Gmail accounts."
        case .multipleRecords(_, let records): "RFC 7489 §6.6.3: with more than one record, none applies. Records: " + records.map { "\"\($0)\"" }.joined(separator: "; ")
        case .syntaxError(_, _, let reason):
            switch reason {
            case .notATag: "Each part must be tag=value, separated by \";\" (RFC 7489 §6.4)."
            case .repeated: "A tag may appear only once."
            case .missingPolicy: "The p= tag (none, quarantine or reject) is required (RFC 7489 §6.3)."
            case .invalidValue: "The value is not one this tag allows (RFC 7489 §6.3)."
            }
        case .policyMissing(_, let record): "RFC 7489 §6.3 requires p=; §6.6.3 has receivers that find none in a record with a valid rua (\"\(record)\") act as if p=none were published, and a receiver that reads the record strictly ignores it. Write the policy out, so that every receiver applies the same one."
        case .policyNone: "p=none is for the first weeks, while reports show every legitimate sender passing; it protects nothing against forgery."
        case .ruaNotAuthorized(_, _, let name): "Reports go to another domain only if it publishes \(name) starting \"v=DMARC1\" (RFC 7489 §7.1); without it, receivers send no reports there."
        case .lookupFailed(_, let reason): "The resolver said: \(MailPolicyWords.failure(.en, reason))."
        }
    }

    var jaDetail: String? {
        switch self {
        case .missing: "DMARC がないと、SPF と DKIM に失敗したメールの扱いを受信側に示せず、レポートも届きません。2024 年 2 月から Gmail は個人用 Gmail アカウント宛てのメールに送信者認証 (SPF、DKIM、DMARC) を求めています。"
        case .multipleRecords(_, let records): "RFC 7489 6.6.3 節: レコードが複数あると、どれも適用されません。レコード: " + records.map { "「\($0)」" }.joined(separator: "、")
        case .syntaxError(_, _, let reason):
            switch reason {
            case .notATag: "各部分は「;」で区切った tag=value の形でなければなりません (RFC 7489 6.4 節)。"
            case .repeated: "同じタグは 1 回しか書けません。"
            case .missingPolicy: "p= タグ (none、quarantine、reject) は必須です (RFC 7489 6.3 節)。"
            case .invalidValue: "このタグに使えない値です (RFC 7489 6.3 節)。"
            }
        case .policyMissing(_, let record): "RFC 7489 6.3 節では p= は必須です。6.6.3 節により、p= がなく rua が有効なレコード (「\(record)」) は p=none が公開されているものとして扱われますが、厳密に読む受信側はこのレコードを無視します。すべての受信側が同じポリシーを適用するよう、ポリシーを明記してください。"
        case .policyNone: "p=none は、正規の送信元がすべて合格することをレポートで確かめる最初の数週間のためのものです。なりすましは防げません。"
        case .ruaNotAuthorized(_, _, let name): "別ドメインへのレポートは、そのドメインが「v=DMARC1」で始まる \(name) を公開している場合だけ送られます (RFC 7489 7.1 節)。"
        case .lookupFailed(_, let reason): "リゾルバの応答: \(MailPolicyWords.failure(.ja, reason))。"
        }
    }
}

extension DMARCRemedy {
    var enText: String {
        switch self {
        case .publish(let domain, let record):
            "Publish this as the only DMARC record of \(domain): \(Self.zoneLine("_dmarc." + domain, record))"
        case .fixTag(let domain, let tag): "Correct \"\(tag)\" in the DMARC record of \(domain)."
        case .authorise(let name): "Publish at the report domain: \(Self.zoneLine(name, "v=DMARC1")) (or send the reports to an address in the domain itself)."
        case .checkNameServers(let name): "Check that the name servers of \(name) answer."
        }
    }

    var jaText: String {
        switch self {
        case .publish(let domain, let record):
            "\(domain) の唯一の DMARC レコードとして次を公開してください: \(Self.zoneLine("_dmarc." + domain, record))"
        case .fixTag(let domain, let tag): "\(domain) の DMARC レコードの「\(tag)」を修正してください。"
        case .authorise(let name): "レポート先のドメインで次を公開してください: \(Self.zoneLine(name, "v=DMARC1")) (またはドメイン内のアドレスにレポートを送ってください)。"
        case .checkNameServers(let name): "\(name) のネームサーバーが応答することを確認してください。"
        }
    }
}
