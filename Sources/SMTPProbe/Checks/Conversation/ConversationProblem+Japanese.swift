#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Japanese words of the conversation checks: each problem's message and detail, and each remedy.
extension ConversationProblem {
    var jaMessage: String {
        switch self {
        case .connectRefused(let address, let port): "\(address) のポート \(port) への接続が拒否されました"
        case .connectTimeout(let address, let port, let seconds): "\(address) のポート \(port) から \(TextFormat.seconds(seconds, .ja)) 以内に応答がありません"
        case .connectUnreachable(let address, let port, _): "\(address) のポート \(port) に到達できません"
        case .greetingRejected(let reply): "サーバーがこのクライアントを拒否しています: \(reply.code) \(reply.lines.first ?? "")"
        case .ehloRejected(let reply): "サーバーが EHLO と HELO を拒否しました: \(reply.code) \(reply.lines.first ?? "")"
        case .unavailable(let reply, _): "サーバーが一時的に利用できません: \(reply.code) \(reply.lines.first ?? "")"
        case .timeout(let phase, let seconds): "\(phase.name(.ja)) の途中でサーバーが応答しなくなりました (\(TextFormat.seconds(seconds, .ja)))"
        case .protocolError(let phase, _): "\(phase.name(.ja)) でサーバーが SMTP プロトコルに違反しました"
        case .connectionClosed(let phase, _): "\(phase.name(.ja)) の途中でサーバーが接続を切断しました"
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
        }
    }

    var jaDetail: String? {
        switch self {
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
                ? "\(phase.name(.ja)) でサーバーが 421 を返しました。過負荷、停止処理中、またはこのアドレスからの接続数を制限しています。"
                : "\(phase.name(.ja)) にサーバーが \(reply.code) (一時的な拒否) を返しました。グレイリスティング、このアドレスへの流量制限、またはリソース不足が考えられます。"
        case .timeout(let phase, _):
            phase == .handshake
                ? "サーバーは STARTTLS を受け付けましたが、ハンドシェイクを完了しませんでした。SMTP を検査するファイアウォールやアプライアンスがよく原因になります。"
                : "各段階には期限があります。サーバーは \(phase.name(.ja)) への応答を期限内に返しませんでした。"
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
                ? "TLS 開始の許可 (STARTTLS への 220、POP3 と IMAP では STLS や STARTTLS への OK) を返した後、TLS ハンドシェイクに平文で応答しました: \"\(preview)\"。STARTTLS を理解しないファイアウォールや SMTP プロキシ、または TLS が設定されていないサーバーでよく起こります。"
                : "TLS ハンドシェイクが始まるはずの位置で \"\(preview)\" を送ってきました。このポートで平文の挨拶をするサーバーは STARTTLS を想定しています (--tls starttls)。最初のバイトから TLS を使うのはポート 465 (SMTP)、995 (POP3)、993 (IMAP) です。"
        case .protocolUnsupported(let reasons):
            "サーバーが SSL 3.0 以前を提示したか、TLS 1.0 から TLS 1.3 までのすべてを拒否しました (OpenSSL: \(reasons.joined(separator: "; ")))。"
        case .protocolTooOld:
            "TLS 1.0 と 1.1 は廃止されています (RFC 8996)。現在の TLS ライブラリは既定でこれらを拒否するため、このサーバーへのメールは拒否されるか平文で送られるおそれがあります。"
        case .starttlsOfferedAfterTLS:
            "TLS の内側での EHLO 応答に STARTTLS が再び含まれています。これは RFC 3207 §4.2 で禁止されています。慎重な送信側は無視して配信しますが、この提示に応じる送信側は 2 度目の STARTTLS で失敗します。"
        case .ehloAfterTLSFailed:
            "TLS 開始後、クライアントは EHLO からやり直す必要があります。これを拒否するサーバーは TLS でメールを受け取れません。"
        }
    }

    /// What broke SMTP, after "サーバーが送ったもの:". The server's own text stays as it came.
    private func protocolFault(_ fault: ProtocolFault) -> String {
        switch fault {
        case .unexpectedGreeting(let reply): "想定外の挨拶 \"\(reply)\""
        case .reply(.lineTooLong(let limit)): "\(limit) バイトを超える応答行"
        case .reply(.tooManyLines(let limit)): "\(limit) 行を超える応答"
        case .reply(.malformedLine(let line)): "SMTP の応答ではない行 \"\(line)\""
        case .reply(.inconsistentCode(let expected, let got)):
            "途中でコードが \(expected) から \(got) に変わる複数行の応答"
        case .unexpectedReply(let phase, let reply):
            "\(phase.name(.ja)) への応答としてあり得ない \"\(reply)\" (RFC 5321 §4.3.2 で許されるのは \(phase.expectedReplies))。やり取りの順序が崩れています"
        case .unsolicited(let phase, let preview):
            "クライアントが \(phase.name(.ja)) を送る前に届いた \"\(preview)\"。何にも対応しない応答で、クライアントは次のコマンドへの応答として扱ってはなりません"
        }
    }
}

extension ConversationRemedy {
    func jaText(routeHost: String) -> String {
        switch self {
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
        case .askRelayProvider:
            SharedRemedy.askRelayProvider.text(.ja, routeHost: routeHost)
        }
    }
}
