#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// 検出結果と対処方法の日本語テキスト。管理コンソールの表記 (オプション名やエラー文言) に合わせる。
struct JapaneseTexts: FindingTexts {
    let consoleCouldNotVerify = "証明書を検証できませんでした"

    func phaseName(_ phase: SMTPPhase) -> String {
        switch phase {
        case .connect: "接続"
        case .greeting: "接続時の応答 (グリーティング)"
        case .ehlo: "EHLO"
        case .helo: "HELO"
        case .starttls: "STARTTLS"
        case .handshake: "TLS ハンドシェイク"
        case .ehloAfterTLS: "TLS 開始後の EHLO"
        case .quit: "QUIT"
        }
    }

    func routeOptionName(_ option: RouteOption) -> String {
        switch option {
        case .requireTLS: "セキュアなトランスポート(TLS)を使用する"
        case .requireCASigned: "CA 署名済み証明書を使用する"
        case .validateHostname: "証明書のホスト名を検証する"
        }
    }

    private func which(_ reference: CertificateReference) -> String {
        switch reference.position {
        case 0?: "サーバー証明書 (\(reference.subject))"
        case let position?: "サーバーが送ったチェーンの #\(position) の証明書 (\(reference.subject))"
        case nil: "トラストストアの CA 証明書 \(reference.subject)"
        }
    }

    func message(for issue: Problem) -> String {
        switch issue {
        case .dnsNXDomain(let host): "\(host) は DNS に存在しません (NXDOMAIN)"
        case .dnsNoAddress(let host): "\(host) は DNS にありますが、A / AAAA レコードがありません"
        case .dnsTemporaryFailure(let host, _): "\(host) の DNS 検索が一時的に失敗しました"
        case .connectRefused(let address, let port): "\(address) のポート \(port) への接続が拒否されました"
        case .connectTimeout(let address, let port, let seconds): "\(address) のポート \(port) から \(Self.seconds(seconds)) 以内に応答がありません"
        case .connectUnreachable(let address, let port, _): "\(address) のポート \(port) に到達できません"
        case .greetingRejected(let reply): "サーバーがこのクライアントを拒否しています: \(reply.code) \(reply.lines.first ?? "")"
        case .ehloRejected(let reply): "サーバーが EHLO と HELO を拒否しました: \(reply.code) \(reply.lines.first ?? "")"
        case .unavailable(let reply, _): "サーバーが一時的に利用できません: \(reply.code) \(reply.lines.first ?? "")"
        case .timeout(let phase, let seconds): "\(phaseName(phase)) の途中でサーバーが応答しなくなりました (\(Self.seconds(seconds)))"
        case .protocolError(let phase, _): "\(phaseName(phase)) でサーバーが SMTP プロトコルに違反しました"
        case .connectionClosed(let phase, _): "\(phaseName(phase)) の途中でサーバーが接続を切断しました"
        case .noESMTP: "サーバーが ESMTP に対応していないため、STARTTLS を提供できません"
        case .starttlsNotOffered: "サーバーが STARTTLS を提供していません"
        case .starttlsRejected(let reply): "サーバーが STARTTLS を拒否しました: \(reply.code) \(reply.lines.first ?? "")"
        case .starttlsInjection(let bytes, _): "「220 ready to start TLS」の後、ハンドシェイク前に \(bytes) バイトが届きました"
        case .handshakeFailed: "TLS ハンドシェイクに失敗しました"
        case .clientCertificateRequired: "サーバーがクライアント証明書を要求しています"
        case .plaintextInsteadOfTLS: "サーバーが TLS ではなく平文で応答しました"
        case .protocolUnsupported: "サーバーが、このクライアントで使える TLS バージョンを提供していません (TLS 1.0 より古い)"
        case .protocolTooOld(let version): "サーバーは \(version) しか話しません。このバージョンは廃止されています"
        case .ehloAfterTLSFailed(let reply): "TLS 開始後の EHLO をサーバーが拒否しました: \(reply.code) \(reply.lines.first ?? "")"
        case .starttlsOfferedAfterTLS: "TLS 開始後もサーバーが STARTTLS を提示しています"
        case .expired(let ref, let date): "\(which(ref)) は \(FindingCatalog.format(date)) に有効期限が切れています"
        case .notYetValid(let ref, let date): "\(which(ref)) は \(FindingCatalog.format(date)) まで有効になりません"
        case .expiringSoon(let ref, let date, let days): "\(which(ref)) はあと \(days) 日 (\(FindingCatalog.format(date))) で有効期限が切れます"
        case .expiringCritical(let ref, let date, let days): "\(which(ref)) はあと \(days) 日 (\(FindingCatalog.format(date))) で有効期限が切れます。今すぐ更新してください"
        case .selfSigned: "サーバー証明書が自己署名です"
        case .untrustedRoot(_, let issuer): "チェーンが信頼されていない CA につながっています: \(issuer)"
        case .incompleteChain(_, let issuer): "チェーンが不完全です: 発行者 \(issuer) の証明書が送られていません"
        case .invalidChain(let ref, let reason):
            ref.map { "証明書チェーンが無効です (\(which($0))): \(reason)" } ?? "証明書チェーンが無効です: \(reason)"
        case .hostnameMismatch(let host, _): "証明書に \(host) が記載されていません"
        case .noSAN: "証明書に subjectAltName がなく、ホスト名が 1 つも記載されていません"
        case .weakKey(let ref, let key): "\(which(ref)) の鍵が弱すぎます (\(key))"
        case .weakSignature(let ref, let algorithm): "\(which(ref)) の署名アルゴリズムが弱すぎます (\(algorithm))"
        case .chainOrder: "ファイル内の証明書が、サーバーが送るべき順序になっていません"
        case .keyMismatch(let file): "\(file) の秘密鍵はこの証明書のものではありません"
        case .routePortNotAllowed(let port, _): "ポート \(port) は Google Workspace のルートでは使用できません"
        case .dnsNullMX(let domain): "\(domain) は Null MX を公開しています: メールを受け付けません"
        case .dnsNoMX(let domain): "\(domain) に MX レコードがありません。メールはドメイン自身のアドレスに送られます"
        case .dnsMXIsCNAME(let exchange, let canonical): "MX ホスト \(exchange) は \(canonical) の別名 (CNAME) です"
        case .dnsNullMXNotAlone(let domain, let hosts): "\(domain) は Null MX (「0 .」) をほかの \(hosts.count) 件の MX ホストと一緒に公開しています"
        case .dnsUnusableAddress(let host, let address): "DNS が \(host) に返したアドレス \(address) は、メールサーバーのアドレスになりえません"
        case .dnsMXHostsNotProbed(let domain, let probed, let leftOut):
            "\(domain) には MX ホストが \(probed + leftOut.count) 件あります: 先頭の \(probed) 件を検査し、\(leftOut.count) 件は検査していません"
        case .routeNameMissing(let position): "ルート #\(position) に名前がありません"
        case .routeNoHosts(let route): "ルート「\(route)」にホストがありません"
        case .routeLoadsNot100(let table, let total, let missing, let outOfRange):
            outOfRange ? "\(table.japaneseName)ホストの負荷に 0〜100% の範囲外の値があります"
                : missing > 0 ? "\(table.japaneseName)ホストのうち \(missing) 件に負荷が指定されていません"
                : "\(table.japaneseName)ホストの負荷の合計が 100% ではなく \(total)% です"
        case .routeInvalidHost(let entry, _): "「\(entry)」はルートのホストとして使用できません"
        case .deadlineExceeded(let seconds): "このターゲットの検査が終わる前に、実行全体の制限時間 (\(Self.seconds(seconds))) が過ぎました"
        }
    }

    func detail(for issue: Problem) -> String? {
        switch issue {
        case .dnsNXDomain:
            "この名前は DNS に存在しません。ルートに入力したホスト名の綴りと、ゾーンが公開されていることを確認してください。"
        case .dnsNoAddress:
            "ルートのホストはアドレスに解決できる必要があります。MX 検索を使わない限り、MX レコードだけでは足りません。"
        case .dnsTemporaryFailure(_, let reason):
            "リゾルバの応答: \(dnsFailure(reason))。一時的な失敗なら Gmail は再試行しますが、続く場合はゾーンのネームサーバーが応答していません。"
        case .connectRefused:
            "アドレスには応答がありますが、そのポートで待ち受けているものがありません。メールサーバーが停止している、別のポートで待ち受けている、またはファイアウォールが接続を拒否しています。"
        case .connectTimeout:
            "そのポートへのパケットに応答がありません。多くはファイアウォールによる破棄か、アドレスの誤りです。"
        case .connectUnreachable(_, _, let reason):
            "ネットワークの応答: \(reason)。"
        case .greetingRejected(let reply), .ehloRejected(let reply):
            "サーバーの応答: \(reply.description.replacing("\n", with: " / "))。Google のメールサーバーのアドレスが許可されていなければ、Gmail も同じように拒否されます。"
        case .unavailable(let reply, let phase):
            reply.code == 421
                ? "\(phaseName(phase)) でサーバーが 421 を返しました。過負荷、停止処理中、またはこのアドレスからの接続数を制限しています。"
                : "\(phaseName(phase)) にサーバーが \(reply.code) (一時的な拒否) を返しました。グレイリスティング、このアドレスへの流量制限、またはリソース不足が考えられます。"
        case .timeout(let phase, _):
            phase == .handshake
                ? "サーバーは STARTTLS を受け付けましたが、ハンドシェイクを完了しませんでした。SMTP を検査するファイアウォールやアプライアンスがよく原因になります。"
                : "各段階には期限があります。サーバーは \(phaseName(phase)) への応答を期限内に返しませんでした。"
        case .protocolError(_, let fault):
            "サーバーが送ったもの: \(protocolFault(fault))。送信側のサーバーもここで配信をあきらめます。"
        case .connectionClosed(_, let detail):
            detail.map { "接続の終了理由: \($0)。" } ?? "応答がないまま接続が終了しました。"
        case .noESMTP(let reply):
            "EHLO に \(reply.code) が返り、HELO は受け付けられました。旧来の SMTP (RFC 821) のみのサーバーで、STARTTLS には ESMTP が必要です。"
        case .starttlsNotOffered(let extensions):
            "EHLO の応答に含まれる拡張: \(extensions.isEmpty ? "なし" : extensions.joined(separator: ", "))。STARTTLS がなければルートで TLS を使えません。STARTTLS を設定済みなら、ファイアウォールやアプライアンスが応答から取り除いている可能性があります。"
        case .starttlsRejected(let reply):
            "サーバーは STARTTLS を提示しながら \(reply.description.replacing("\n", with: " / ")) と応答しました。多くは証明書や秘密鍵を読み込めていません。"
        case .starttlsInjection(_, let preview):
            "届いたバイト列: \"\(preview)\"。正しいクライアントとして破棄しました。220 とハンドシェイクの間には何も届いてはなりません。ここに平文が届くのは、サーバーや SMTP プロキシの不具合か、経路上の第三者が応答を注入しているためです。脆弱なクライアントはそれを TLS の内側で送られたものとして扱ってしまいます (STARTTLS 応答インジェクション)。"
        case .handshakeFailed(let reasons):
            "OpenSSL のエラー: \(reasons.isEmpty ? "ハンドシェイク中に接続が閉じられました" : reasons.joined(separator: "; "))。"
        case .clientCertificateRequired(let reasons):
            "サーバーはクライアント証明書を求め、送られなかったためハンドシェイクを終了しました (OpenSSL: \(reasons.joined(separator: "; ")))。smtp-probe は証明書を送りません。証明書を必須にしたサーバーは、既知の証明書を持たないすべての送信元を拒否します。メールサーバーは通常、証明書を求めるだけにとどめ (Postfix: smtpd_tls_ask_ccert)、必須にする (smtpd_tls_req_ccert) のは既知のクライアントが接続する場所だけです。"
        case .plaintextInsteadOfTLS(let preview, let afterSTARTTLS):
            afterSTARTTLS
                ? "STARTTLS に 220 で応答した後、TLS ハンドシェイクに平文で応答しました: \"\(preview)\"。STARTTLS を理解しないファイアウォールや SMTP プロキシ、または TLS が設定されていないサーバーでよく起こります。"
                : "TLS ハンドシェイクが始まるはずの位置で \"\(preview)\" を送ってきました。このポートで平文の挨拶をするサーバーは STARTTLS を想定しています (--tls starttls)。最初のバイトから TLS を使うのはポート 465 です。"
        case .protocolUnsupported(let reasons):
            "サーバーが SSL 3.0 以前を提示したか、TLS 1.0 から TLS 1.3 までのすべてを拒否しました (OpenSSL: \(reasons.joined(separator: "; ")))。"
        case .protocolTooOld:
            "TLS 1.0 と 1.1 は廃止されています (RFC 8996)。現在の TLS ライブラリは既定でこれらを拒否するため、このサーバーへのメールは拒否されるか平文で送られるおそれがあります。"
        case .starttlsOfferedAfterTLS:
            "TLS の内側での EHLO 応答に STARTTLS が再び含まれています。これは RFC 3207 §4.2 で禁止されています。慎重な送信側は無視して配信しますが、この提示に応じる送信側は 2 度目の STARTTLS で失敗します。"
        case .ehloAfterTLSFailed:
            "TLS 開始後、クライアントは EHLO からやり直す必要があります。これを拒否するサーバーは TLS でメールを受け取れません。"
        case .expired, .notYetValid:
            "有効期間外の証明書は、発行者が誰であっても信頼されません。"
        case .expiringSoon:
            "それまでに更新してください。期限の日からルートのテストとメール配信が失敗し始めます。"
        case .expiringCritical:
            "コンソールのテストはまだ成功しますが、有効期限がこのチェックの緊急しきい値以内に入っています。期限の日からルートのテストとメール配信が失敗し始めます。"
        case .selfSigned:
            "自己署名の証明書は誰にも保証されていません。「CA 署名済み証明書を使用する」がオンなら、Gmail はこのサーバーに配信しません。"
        case .untrustedRoot(let ref, let issuer):
            (ref.subject == issuer
                ? "チェーンは \(which(ref)) で終わっています。このルート CA は、このトラストストアが信頼する CA ではありません。"
                : "チェーンは \(which(ref)) で終わっています。その発行者 \(issuer) は、このトラストストアが信頼する CA ではありません。")
                + "社内 CA やプライベート CA でよく見られ、Google もこれらを信頼しません。"
        case .incompleteChain(_, let issuer):
            "サーバーは自身の証明書を送りましたが、信頼されたルートにつなぐ中間 CA 証明書 (\(issuer)) を送っていません。クライアントは足りない中間証明書を取りに行きません。\(issuer) がプライベート CA の場合、この証明書はそもそも信頼されません。"
        case .invalidChain(let ref, _):
            ref.map { "この理由により、OpenSSL は \(which($0)) でチェーンを検証できませんでした。" }
                ?? "この理由により、OpenSSL はチェーンを検証できませんでした。"
        case .hostnameMismatch(let host, let names):
            names.isEmpty
                ? "ルートのホストは \(host) ですが、証明書には一致しうるホスト名がありません。"
                : "ルートのホストは \(host)、証明書に記載された名前は \(names.joined(separator: ", ")) です。"
                    + (names.contains { $0.hasPrefix("*.") } ? "ワイルドカードはちょうど 1 つのラベルにだけ一致します。" : "")
        case .noSAN(let host, let commonNames, let cnWouldMatch):
            "ホスト名は subjectAltName 拡張に記載する必要があり、サブジェクトの CN (\(commonNames.joined(separator: ", "))) は照合に使われません (RFC 9525)。" + (cnWouldMatch ? "CN にフォールバックする古いクライアントなら \(host) として受け入れますが、Gmail の検証は受け入れません。" : "")
        case .weakKey:
            "2048 ビット未満の RSA 鍵や 224 ビット未満の EC 鍵は、現在の TLS ライブラリに拒否されます。"
        case .weakSignature:
            "SHA-1 や MD5 の署名は偽造が可能で、現在の TLS ライブラリに拒否されます。"
        case .chainOrder(let fault):
            "このファイルでは、\(chainOrder(fault))。サーバー証明書を先頭に、続けてそれを発行した証明書、という順に並べる必要があります。"
        case .dnsNullMX:
            "MX レコードが「0 .」のみです (RFC 7505)。MX ルックアップでこのドメインに送るメールはすぐにバウンスされます。"
        case .dnsNoMX:
            "送信側 (Gmail を含む) はドメインの A/AAAA アドレスに配信します (RFC 5321 5.1 節)。動作はしますが、配信先は MX レコードで明示するのが確実です。"
        case .dnsMXIsCNAME:
            "RFC 5321 5.1 節と RFC 2181 10.3 節では、MX は別名ではなくホスト自身の名前を指す必要があります。このような MX を拒否する送信側もあります。証明書は Gmail と同じく MX の名前と照合されます。"
        case .dnsNullMXNotAlone(_, let hosts):
            "RFC 7505 3 節では、Null MX を公開するドメインはほかの MX レコードを持ってはいけません。これに従う送信側はここを Null MX とはみなさず、「.」のアドレスが見つからないので \(hosts.joined(separator: ", ")) に進みます (これらを検査しました)。「0 .」を「メールを受け付けない」と解釈する送信側は、メールをバウンスします。"
        case .dnsUnusableAddress(_, let address):
            "\(address) は 0.0.0.0/8 の範囲か「::」で、ネットワーク上のアドレスではありません。接続すると接続した側のマシン自身につながるため、smtp-probe は接続しません。Gmail もここには配信できません。"
        case .dnsMXHostsNotProbed(_, let probed, let leftOut):
            "1 つのドメインについて検査する MX ホストは、送信側と同じく優先度順に最大 \(probed) 件です。検査していないホスト: \(leftOut.joined(separator: ", "))。"
        case .routeNameMissing:
            "名前のないルートは管理コンソールで保存できません。"
        case .routeNoHosts:
            "ルートには、名前または IP アドレスでホストを 1 つ以上指定する必要があります。"
        case .routeLoadsNot100(let table, _, _, _):
            "管理コンソールでは、\(table.japaneseName)ホストごとに 0〜100% の負荷を指定し、合計をちょうど 100 にする必要があります (ホストが 1 つだけなら省略できます)。"
        case .routeInvalidHost(_, let reason):
            invalidHost(reason)
        case .routePortNotAllowed(let port, _):
            port == 465
                ? "ポート 465 は最初のバイトから TLS を使います (暗黙的 TLS)。SMTP リレーサービスはこれを受け付けますが、ルートのホストはポート 25、587、または 1024~65535 で STARTTLS を受け付ける必要があります。"
                : "ルートのポートは 25、587、または 1024~65535 の範囲である必要があります。"
        case .keyMismatch:
            "この組み合わせで設定したサーバーは TLS を開始できず、STARTTLS を提供しないか拒否します。"
        case .deadlineExceeded:
            "この実行では、このターゲットについて何もわかっていません。順番を待っていたか、応答の遅いサーバーや止まったサーバーとまだ通信していました。ほかのターゲットの結果には影響しません。"
        }
    }

    func text(for remedy: RemedyKind, routeHost: String) -> String {
        switch remedy {
        case .removeNullMXOrOthers(let domain):
            "\(domain) がメールを受け取るかどうかを決めてください。受け取るなら「0 .」の MX レコードを削除し、受け取らないならほかの MX レコードを削除して「0 .」だけを残します。"
        case .fixAddressRecord(let host, let address):
            "\(host) にアドレス \(address) を与えているレコードを削除するか、メールサーバーの実際のアドレスに置き換えてください。"
        case .checkDNS(let host):
            "\(host) の DNS レコードを確認してください。ルートには A または AAAA レコードを持つ名前が必要です (エントリがメールドメインなら MX 検索をオンにします)。"
        case .checkListening(let port):
            "メールサーバーが起動していて、このアドレスのポート \(port) で待ち受けていること、ファイアウォールが接続を拒否していないことを確認してください。"
        case .checkFirewall(let port):
            "経路上のすべてのファイアウォールで、Google のメールサーバーからの TCP ポート \(port) への接続を許可し、ルートが正しいアドレスを指していることを確認してください。"
        case .allowGoogleSenders:
            "このサーバーで Google Workspace のメールサーバーからの接続を許可してください (クライアントのアクセス制限、許可リスト、グレイリスティングの除外など)。"
        case .retryLater:
            "時間をおいて再試行してください。続く場合は、サーバーの接続数の上限を上げるか、過負荷の原因を調べてください。"
        case .checkResponsiveness(let phase):
            phase == .handshake
                ? "Gmail とサーバーの間で SMTP や TLS を検査しているファイアウォールやアプライアンスを探し、その検査をオフにしてください。"
                : "サーバーの負荷とログ、および接続を保持している可能性のある前段のアプライアンスを確認してください。"
        case .fixSMTPServer:
            "このセッションについてサーバーのログと設定を確認してください。前段の SMTP プロキシやアプライアンスがよく原因になります。"
        case .enableSTARTTLS:
            "サーバーで \(routeHost) の証明書を使って STARTTLS を有効にし (Postfix: smtpd_tls_security_level = may、smtpd_tls_chain_files に鍵とフルチェーン)、STARTTLS を取り除くアプライアンスがないことを確認してください。"
        case .fixSTARTTLS:
            "サーバーの TLS 設定とログを確認してください。証明書と秘密鍵のファイルが存在し、読み取り可能で、対になっている必要があります。"
        case .fixInjection:
            "STARTTLS への 220 応答の後にデータを送っているものを特定してください。サーバー前段の SMTP プロキシ、ファイアウォール、アプライアンス (SMTP 検査機能を無効にするか更新する)、またはサーバー自身 (更新する) です。どちらでもなければ、ネットワーク経路上で接続が改ざんされています。"
        case .removeSTARTTLSAfterTLS:
            "TLS が有効になった後の EHLO 応答から STARTTLS を除くようにサーバーを設定してください。Postfix は自ら除くため、Postfix の場合は前段で EHLO 応答を書き換えている SMTP プロキシやアプライアンスを探してください。"
        case .fixTLSConfiguration:
            "サーバーの TLS 設定 (証明書と秘密鍵、プロトコルバージョン、暗号スイート) を確認してください。サーバー側のネットワークから `openssl s_client -starttls smtp -connect HOST:PORT` を実行すると同じ失敗を確認できます。"
        case .enableModernTLS:
            "サーバーで TLS 1.2 と TLS 1.3 を有効にしてください (Postfix: smtpd_tls_protocols = >=TLSv1.2)。必要なら OpenSSL を更新してください。"
        case .useCertificateHostname(let names):
            "メールサーバーに複数のホスト名がある場合は、ルートに証明書に記載されたホスト名を使ってください: \(names.joined(separator: ", "))。"
        case .serveFullChain(let issuer):
            "サーバーが自身の証明書に続けて中間証明書を送るよう設定してください (ルート証明書は不要。ここでは \(issuer))。Postfix では smtpd_tls_chain_files で指定するファイルに、秘密鍵、サーバー証明書、中間証明書の順に入れます。新しい証明書は必要ありません。"
        case .renewCertificate(let expired):
            expired
                ? "信頼できる CA で \(routeHost) を記載した証明書を更新し、今すぐインストールしてください。古い証明書は期限が切れています。"
                : "信頼できる CA で \(routeHost) を記載した証明書を更新し、古い証明書の期限が切れる前にインストールしてください。"
        case .checkClock:
            "証明書の日付と発行元の時計を確認してください。将来の日付で発行された証明書なら、現在有効な証明書をインストールしてください。"
        case .installTrustedCertificate:
            "サーバーにアクセスできる場合は、\(routeHost) を subjectAltName に記載した、信頼できる公的な認証局の新しい証明書をインストールし、中間証明書と一緒に送るようにしてください。"
        case .strongerKey:
            "2048 ビット以上の RSA 鍵か ECDSA P-256 鍵で証明書を新たに発行し、インストールしてください。"
        case .strongerSignature:
            "SHA-256 署名で証明書を再発行してもらい、現在の中間証明書と一緒にインストールしてください。"
        case .reorderChain:
            "ファイルを並べ替えてください: サーバー証明書を先頭に、続けて各中間証明書を、発行した側が後になるように並べます。"
        case .removeNullMX(let domain):
            "\(domain) でメールを受信する必要がある場合は、Null MX をメールサーバーを指す MX レコードに置き換えてください。そうでなければ、ルートを削除するか、MX ルックアップをオフにしてメールサーバー自体を指定してください。"
        case .publishMX(let domain):
            "\(domain) のメールサーバーを指す MX レコードを公開するか、MX ルックアップをオフにしてルートにメールサーバーを指定してください。"
        case .pointMXAtCanonicalName(let exchange, let canonical):
            "MX レコードが別名 \(exchange) ではなく \(canonical) 自体を指すようにし、証明書に MX の名前が含まれていることを確認してください。"
        case .nameRoute:
            "ルートに名前を付けてください。"
        case .fixLoads(let table):
            "\(table.japaneseName)ホストすべてに負荷を指定し、合計が 100 になるようにしてください。"
        case .fixRouteHost:
            "各ホストは DNS 名 (推奨) または IP アドレスで指定します。:ポート を付けることもできます。"
        case .useRoutePort:
            "ルートには、サーバーの STARTTLS のポート (25、587、または 1024~65535) を指定してください。"
        case .matchKey:
            "この証明書の署名要求 (CSR) を作ったときの秘密鍵をインストールするか、この鍵で証明書を再発行してもらってください。"
        case .allowMoreTime:
            "このターゲットだけを検査してどの段階で止まるかを確認するか、実行の制限時間 (--deadline) や同時に検査するターゲット数 (--concurrency) を増やしてください。"
        case .askRelayProvider:
            "このルートがサードパーティのリレーサービスやフィルタリングサービスにつながっている場合は、このレポートをそのプロバイダに送り、対応を依頼してください。"
        case .relaxRouteOptions(let options):
            "最後の手段: ルートの設定で\(options.map { "「\(routeOptionName($0))」" }.joined(separator: "と"))をオフにします。オンのままにすることを強くおすすめします。" + options.map(cost).joined() + "テストが失敗したままルートを保存することはできますが、そのルートへのメールはバウンスされます。"
        }
    }

    func cost(_ option: RouteOption) -> String {
        switch option {
        case .requireTLS: "TLS がなければメールは平文で送られ、途中で読まれたり改ざんされたりするおそれがあります。"
        case .requireCASigned: "CA 署名済み証明書がなければ、接続を傍受できる誰もがサーバーになりすませます。"
        case .validateHostname: "ホスト名を検証しなければ、CA 署名済みの証明書を持つどのサーバーでもこのメールを受け取れます。"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) 秒" : cFormat("%.1f 秒", value)
    }
}
