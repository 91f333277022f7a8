/// Why a policy fetch failed, in words, in both languages side by side: names, numbers and
/// OpenSSL's or the system's own words stay as they came.
extension MTASTSProblem {
    static func enWords(_ reason: MTASTSPolicyFetch.Failure) -> String {
        switch reason {
        case .redirect(let status, let location):
            "the server answered \(status), a redirect\(location.map { " to \($0)" } ?? ""), which senders do not follow"
        case .status(let status, let words):
            "the server answered \(status) \(words), not 200"
        case .contentType(let type?):
            "the policy is served as \"\(type)\", not text/plain"
        case .contentType(nil):
            "the policy is served without a Content-Type; it must be text/plain"
        case .https(let failure):
            enWords(failure)
        }
    }

    static func jaWords(_ reason: MTASTSPolicyFetch.Failure) -> String {
        switch reason {
        case .redirect(let status, let location):
            "サーバーが \(status) (リダイレクト\(location.map { ": \($0)" } ?? "")) を返しました。送信側はリダイレクトをたどりません"
        case .status(let status, let words):
            "サーバーが 200 ではなく \(status) \(words) を返しました"
        case .contentType(let type?):
            "ポリシーが text/plain ではなく「\(type)」として返されました"
        case .contentType(nil):
            "ポリシーに Content-Type がありません。text/plain である必要があります"
        case .https(let failure):
            jaWords(failure)
        }
    }

    private static func enWords(_ failure: HTTPSFetchFailure) -> String {
        switch failure {
        case .dns(.nxdomain(let host)): "\(host) does not exist in DNS (NXDOMAIN)"
        case .dns(.noAddress(let host)): "\(host) has no A or AAAA record"
        case .dns(.temporary(let host, _)): "the DNS lookup of \(host) failed"
        case .connect(let address, .refused): "\(address) refused the connection"
        case .connect(let address, .timeout): "\(address) did not take the connection in time"
        case .connect(let address, .unreachable(let words)), .connect(let address, .reset(let words)):
            "cannot connect to \(address): \(words)"
        case .tlsHandshake(let errors) where errors.isEmpty: "the server closed the connection during the TLS handshake"
        case .tlsHandshake(let errors): "the TLS handshake failed: \(errors.map(\.reason).joined(separator: "; "))"
        case .noCertificate: "the server sent no certificate"
        case .certificateNotTrusted(let issues):
            "its certificate is not trusted: \(issues.isEmpty ? "its chain could not be verified" : issues.map(\.text).joined(separator: "; "))"
        case .certificateChainTooLong(let excess):
            "its certificate chain is too long: \(excess.certificates) certificates, where OpenSSL follows at most \(excess.limit)"
        case .certificateNameMismatch(let names):
            "its certificate does not name the policy host (it names \(names.isEmpty ? "no host" : names.joined(separator: ", ")))"
        case .timedOut(let phase, let seconds): "no \(enPhase(phase)) within \(seconds.formattedSeconds) s"
        case .connectionLost(let words): "the connection broke off: \(words)"
        case .malformedResponse(.closedEarly): "the connection closed before the response ended"
        case .malformedResponse(.headersTooLong): "the response's headers are too long"
        case .malformedResponse(.badChunk): "a chunk of the chunked response has an invalid size"
        case .malformedResponse(.notHTTP): "the answer is not HTTP/1.1"
        case .bodyTooLarge(let limit): "the policy is longer than \(limit / 1024) KiB, where senders stop reading"
        }
    }

    private static func jaWords(_ failure: HTTPSFetchFailure) -> String {
        switch failure {
        case .dns(.nxdomain(let host)): "\(host) は DNS に存在しません (NXDOMAIN)"
        case .dns(.noAddress(let host)): "\(host) に A / AAAA レコードがありません"
        case .dns(.temporary(let host, _)): "\(host) の DNS 検索に失敗しました"
        case .connect(let address, .refused): "\(address) が接続を拒否しました"
        case .connect(let address, .timeout): "\(address) への接続が時間内に確立しませんでした"
        case .connect(let address, .unreachable(let words)), .connect(let address, .reset(let words)):
            "\(address) に接続できません: \(words)"
        case .tlsHandshake(let errors) where errors.isEmpty: "TLS ハンドシェイク中にサーバーが接続を閉じました"
        case .tlsHandshake(let errors): "TLS ハンドシェイクに失敗しました: \(errors.map(\.reason).joined(separator: "; "))"
        case .noCertificate: "サーバーが証明書を送りませんでした"
        case .certificateNotTrusted(let issues):
            "証明書が信頼されていません: \(issues.isEmpty ? "チェーンを検証できませんでした" : issues.map(\.text).joined(separator: "; "))"
        case .certificateChainTooLong(let excess):
            "証明書チェーンが長すぎます: \(excess.certificates) 枚 (OpenSSL がたどるのは最大 \(excess.limit) 枚)"
        case .certificateNameMismatch(let names):
            "証明書にポリシーのホスト名がありません (証明書の名前: \(names.isEmpty ? "なし" : names.joined(separator: ", ")))"
        case .timedOut(let phase, let seconds): "\(seconds.formattedSeconds) 秒以内に\(jaPhase(phase))がありません"
        case .connectionLost(let words): "接続が途中で切れました: \(words)"
        case .malformedResponse(.closedEarly): "応答の途中で接続が閉じられました"
        case .malformedResponse(.headersTooLong): "応答のヘッダーが長すぎます"
        case .malformedResponse(.badChunk): "chunked 形式の応答のチャンクサイズが不正です"
        case .malformedResponse(.notHTTP): "応答が HTTP/1.1 ではありません"
        case .bodyTooLarge(let limit): "ポリシーが \(limit / 1024) KiB を超えています。送信側はそこで読むのをやめます"
        }
    }

    private static func enPhase(_ phase: HTTPSPhase) -> String {
        switch phase {
        case .connect: "connection"
        case .handshake: "TLS handshake"
        case .response: "complete response"
        }
    }

    private static func jaPhase(_ phase: HTTPSPhase) -> String {
        switch phase {
        case .connect: "接続"
        case .handshake: "TLS ハンドシェイクの完了"
        case .response: "応答の完了"
        }
    }
}

private extension Double {
    /// "10" for whole seconds, "0.5" otherwise.
    var formattedSeconds: String { self == rounded() ? String(Int(self)) : String(self) }
}
