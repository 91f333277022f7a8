#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Japanese words of the certificate checks: each problem's message and detail, and each remedy.
extension CertificateProblem {
    var jaMessage: String {
        switch self {
        case .expired(let ref, let date): "\(which(ref)) は \(FindingDates.format(date)) に有効期限が切れています"
        case .notYetValid(let ref, let date): "\(which(ref)) は \(FindingDates.format(date)) まで有効になりません"
        case .expiringSoon(let ref, let date, let days): "\(which(ref)) はあと \(days) 日 (\(FindingDates.format(date))) で有効期限が切れます"
        case .expiringCritical(let ref, let date, let days): "\(which(ref)) はあと \(days) 日 (\(FindingDates.format(date))) で有効期限が切れます。今すぐ更新してください"
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
        case .alternativePath: "サーバーの証明書が示すものとは別のパスでしか、チェーンを検証できません"
        }
    }

    var jaDetail: String? {
        switch self {
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
        case .keyMismatch:
            "この組み合わせで設定したサーバーは TLS を開始できず、STARTTLS を提供しないか拒否します。"
        case .alternativePath(let ref, let reason, let path):
            "証明書を送られたとおりに使い、別のパスを構築しないクライアント (OpenSSL 1.0 などの古い TLS ライブラリ) は、"
                + (ref.map { "\(which($0)) で" } ?? "") + "検証に失敗します: \(reason)。"
                + "Gmail や現在の検証器は別のパスを構築し、そのパスは検証に成功します: \(path.joined(separator: " → "))。"
        }
    }

    private func which(_ reference: CertificateReference) -> String {
        switch reference.position {
        case 0?: "サーバー証明書 (\(reference.subject))"
        case let position?: "サーバーが送ったチェーンの #\(position) の証明書 (\(reference.subject))"
        case nil: "トラストストアの CA 証明書 \(reference.subject)"
        }
    }

    /// How the certificates are out of order, after "このファイルでは".
    private func chainOrder(_ fault: ChainOrderFault) -> String {
        switch fault {
        case .leafAt(let position): "サーバー証明書が先頭ではなく #\(position) にあります"
        case .notIssuer(let position): "#\(position + 1) は #\(position) の発行者ではありません"
        }
    }
}

extension CertificateRemedy {
    func jaText(routeHost: String) -> String {
        switch self {
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
        case .matchKey:
            "この証明書の署名要求 (CSR) を作ったときの秘密鍵をインストールするか、この鍵で証明書を再発行してもらってください。"
        case .serveCurrentChain(let root):
            "現在のルート (ここでは \(root)) 向けのチェーンを送るようにしてください: サーバー証明書に続けて、そのルートにつながる中間証明書を送り、期限切れまたは廃止されたルートによるクロス署名証明書は含めません。このチェーンは CA が公開しています。新しい証明書は必要ありません。"
        case .askRelayProvider:
            SharedRemedy.askRelayProvider.text(.ja, routeHost: routeHost)
        }
    }
}
