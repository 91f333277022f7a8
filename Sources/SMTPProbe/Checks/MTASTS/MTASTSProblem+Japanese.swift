/// The Japanese words of the MTA-STS checks: each problem's message and detail, and each remedy.
extension MTASTSProblem {
    var jaMessage: String {
        switch self {
        case .recordInvalid(let domain, .several, _):
            "\(domain) は MTA-STS レコードを複数公開しています。送信側はどれも使いません"
        case .recordInvalid(let domain, _, _):
            "\(domain) に有効な MTA-STS レコードがありません。送信側には MTA-STS ポリシーがないものとして扱われます"
        case .policyUnreachable(let domain, _, _):
            "\(domain) の MTA-STS ポリシーを取得できません"
        case .policyInvalid(let domain, _, _):
            "\(domain) の MTA-STS ポリシーが不正です。送信側はこれを無視します"
        case .mxNotCovered(let domain, let mxHost, _, let mode, _):
            mode == .enforce
                ? "MX ホスト \(mxHost) が \(domain) の MTA-STS ポリシーにありません。ポリシーを適用する送信側はここに配信しません"
                : "MX ホスト \(mxHost) が \(domain) の MTA-STS ポリシーにありません (testing モード: 報告のみで配信は続きます)"
        case .testingMode(let domain, _):
            "\(domain) の MTA-STS ポリシーは testing モードです。送信側は失敗を報告しますが、配信は続けます"
        case .mxCertificateInvalid(let domain, let mxHost, _, let mode):
            mode == .enforce
                ? "MX ホスト \(mxHost) の証明書は検証に失敗します。\(domain) の MTA-STS ポリシー (enforce) を適用する送信側はここに配信しません"
                : "MX ホスト \(mxHost) の証明書は検証に失敗します (\(domain) の MTA-STS ポリシーは testing モード: 報告のみで配信は続きます)"
        case .lookupFailed(let name, _):
            "\(name) の DNS 検索が失敗しました。このドメインが MTA-STS を使っているかどうかは分かりません"
        }
    }

    var jaDetail: String? {
        switch self {
        case .recordInvalid(_, .noneClaimsVersion(let texts), _):
            "_mta-sts の TXT レコード (\(texts.map { "「\($0)」" }.joined(separator: "、"))) は「v=STSv1」で始まっていません。RFC 8461 3.1 節により、送信側はこのようなレコードを捨てます。"
        case .recordInvalid(_, .several(let texts), _):
            "RFC 8461 3.1 節: 「v=STSv1」で始まるレコードが複数あると (\(texts.map { "「\($0)」" }.joined(separator: "、")))、送信側はこのドメインに MTA-STS がないものとみなします。"
        case .recordInvalid(_, .invalid(let text, let fault), _):
            "レコード「\(text)」は\(Self.jaWords(fault))。送信側はこのドメインに MTA-STS がないものとみなします (RFC 8461 3.1 節)。"
        case .policyUnreachable(_, let url, let reason):
            "\(url): \(Self.jaWords(reason))。以前に取得したポリシーを持たない送信側はポリシーがないものとして配信し、持っている送信側は max_age が切れるまでそれを使い続けます。"
        case .policyInvalid(_, let faults, _):
            faults.map(Self.jaWords).joined(separator: "。") + "。送信側は解析できないポリシーを捨てます (RFC 8461 3.2 節)。"
        case .mxNotCovered(_, _, let patterns, _, _):
            "ポリシーの mx パターンは \(patterns.joined(separator: ", ")) です。「*.」のパターンはちょうど 1 つのラベルにだけ一致します (RFC 8461 4.1 節)。"
        case .mxCertificateInvalid(_, _, let codes, _):
            "RFC 8461 4.2 節により、ポリシーを適用する送信側は、MX ホスト名に対して信頼できる CA が発行した証明書を求めます。このホストの検査結果: \(codes.joined(separator: ", "))。管理コンソールでルートのオプションを緩めても、ほかの送信側の動作は変わりません。"
        case .lookupFailed(_, let reason):
            "リゾルバの応答: \(MailPolicyWords.failure(.ja, reason))。応答を得られない送信側は、以前に取得したポリシーを max_age が切れるまで使い続けるか、ポリシーがないものとして配信します。MTA-STS の検査はできませんでした。"
        case .testingMode:
            "testing モードは導入期間のためのものです。TLS-RPT のレポートに失敗がなければ enforce に切り替え、有効な TLS のない接続を送信側が拒否するようにしてください。"
        }
    }

    static func jaWords(_ fault: MTASTSRecord.Fault) -> String {
        switch fault {
        case .missingID: "id フィールドがありません"
        case .invalidID(let id): "id「\(id)」が 1～32 文字の英数字ではありません"
        case .malformedField(let field): "「\(field)」が name=value の形ではありません"
        case .versionNotFirst: "v=STSv1 で始まっていません"
        }
    }

    static func jaWords(_ fault: MTASTSPolicy.Fault) -> String {
        switch fault {
        case .notText: "UTF-8 のテキストではありません"
        case .malformedLine(let number, let text): "\(number) 行目 (「\(text)」) が「key: value」の形ではありません"
        case .missingField(let key): "\(key) フィールドがありません"
        case .repeatedField(let key): "\(key) フィールドが複数あります"
        case .invalidVersion(let value): "version が STSv1 ではなく「\(value)」です"
        case .invalidMode(let value): "mode が enforce / testing / none のどれでもなく「\(value)」です"
        case .invalidMaxAge(let value): "max_age「\(value)」が 0～31557600 の秒数ではありません"
        case .invalidMXPattern(let value): "mx「\(value)」がホスト名 (または「*.」とドメイン) ではありません"
        }
    }
}

extension MTASTSRemedy {
    var jaText: String {
        switch self {
        case .publishRecord(let domain, let id):
            "_mta-sts.\(domain) に次の TXT レコードを 1 つだけ公開してください: \(Self.record(domain: domain, id: id))"
        case .keepOneRecord(let domain, let id):
            "_mta-sts.\(domain) の TXT レコードを 1 つだけ残して削除し、残すレコードを次の内容にしてください: \(Self.record(domain: domain, id: id))"
        case .removeRecord(let domain):
            "\(domain) で MTA-STS を使うつもりがない場合は、代わりに _mta-sts.\(domain) の TXT レコードを削除してください。"
        case .publishPolicyHost(let domain):
            "ポリシーを配信する Web サーバー mta-sts.\(domain) のアドレスを公開してください。例: mta-sts.\(domain). 3600 IN A 192.0.2.80 (またはポリシーのホスティング先への CNAME)。"
        case .installCertificate(let domain):
            "mta-sts.\(domain) に、mta-sts.\(domain) を含む公的な CA の証明書を中間証明書とともにインストールしてください。送信側はブラウザと同じく厳密に検証します。"
        case .servePolicy(let domain):
            "https://mta-sts.\(domain)/.well-known/mta-sts.txt でポリシーそのものを返してください: ステータス 200、「Content-Type: text/plain」、リダイレクトなし (送信側はリダイレクトをたどりません)。"
        case .shortenPolicy(let domain):
            "https://mta-sts.\(domain)/.well-known/mta-sts.txt ではポリシーだけを 64 KiB 未満で返してください: version、mode、mx、max_age の行です。"
        case .publishPolicy(let domain, let policy):
            "https://mta-sts.\(domain)/.well-known/mta-sts.txt で次の行のポリシーを返してください: \(Self.jaLines(policy))。そのうえで、送信側が取得し直すようレコードの id を変えてください: \(Self.record(domain: domain, id: policy.id))"
        case .addMXPattern(let domain, let mxHost, let policy):
            "ポリシーに「mx: \(mxHost)」の行を加え、次の内容にしてください: \(Self.jaLines(policy))。そのうえでレコードの id を変えてください: \(Self.record(domain: domain, id: policy.id))"
        case .installMXCertificate(let mxHost):
            "\(mxHost) に、公的な CA が発行した \(mxHost) の証明書を中間証明書とともにインストールしてください (現在の問題は下のこのホストの検査結果にあります)。"
        case .checkNameServers(let name):
            "\(name) のネームサーバーが応答すること、DNSSEC の署名が検証できることを確認してください。"
        case .switchToEnforce(let domain, let policy):
            "TLS-RPT のレポートに失敗がなければ、ポリシーを次の内容にしてください: \(Self.jaLines(policy))。そのうえでレコードの id を変えてください: \(Self.record(domain: domain, id: policy.id))"
        }
    }

    static func jaLines(_ policy: SuggestedPolicy) -> String {
        policy.lines.map { "「\($0)」" }.joined(separator: "、")
    }
}
