/// The English and Japanese words of the DKIM checks, side by side.
extension DKIMProblem {
    var enMessage: String {
        switch self {
        case .missing(let domain, let selector): "\(domain) publishes no DKIM key for the selector \(selector) (\(selector)._domainkey.\(domain))"
        case .syntaxError(let domain, let selector, let tag, _): "The DKIM key record \(selector)._domainkey.\(domain) cannot be read at \(tag)"
        case .revoked(let domain, let selector): "The DKIM key of the selector \(selector) of \(domain) is revoked (empty p=)"
        case .weakKey(let domain, let selector, let bits): "The DKIM key of the selector \(selector) of \(domain) is a \(bits)-bit RSA key"
        case .lookupFailed(let name, _): "The DNS lookup of \(name) failed"
        }
    }

    var jaMessage: String {
        switch self {
        case .missing(let domain, let selector): "\(domain) はセレクタ \(selector) の DKIM 鍵を公開していません (\(selector)._domainkey.\(domain))"
        case .syntaxError(let domain, let selector, let tag, _): "DKIM 鍵レコード \(selector)._domainkey.\(domain) が \(tag) の箇所で読めません"
        case .revoked(let domain, let selector): "\(domain) のセレクタ \(selector) の DKIM 鍵は失効しています (p= が空)"
        case .weakKey(let domain, let selector, let bits): "\(domain) のセレクタ \(selector) の DKIM 鍵は \(bits) ビットの RSA 鍵です"
        case .lookupFailed(let name, _): "\(name) の DNS 検索が失敗しました"
        }
    }

    var enDetail: String? {
        switch self {
        case .missing: "Receivers cannot verify signatures made with this selector; Google Workspace signs with the selector \"google\" once DKIM is turned on in the Admin console."
        case .syntaxError(_, _, _, let reason): Self.enReason(reason) + " (RFC 6376 §3.6.1)."
        case .revoked: "An empty p= withdraws the key: every signature made with this selector fails."
        case .weakKey(_, _, let bits):
            bits < 1024 ? "RFC 8301 §3.2: verifiers must not accept RSA keys under 1024 bits; signatures with it count as unsigned."
                : "RFC 8301 §3.2 asks signers for at least 1024 bits and recommends 2048; Google Workspace generates 2048-bit keys."
        case .lookupFailed(_, let reason): "The resolver said: \(MailPolicyWords.failure(.en, reason))."
        }
    }

    var jaDetail: String? {
        switch self {
        case .missing: "このセレクタの署名を受信側は検証できません。Google Workspace は管理コンソールで DKIM を有効にすると、セレクタ「google」で署名します。"
        case .syntaxError(_, _, _, let reason): Self.jaReason(reason) + " (RFC 6376 3.6.1 節)。"
        case .revoked: "空の p= は鍵の取り消しです。このセレクタの署名はすべて失敗します。"
        case .weakKey(_, _, let bits):
            bits < 1024 ? "RFC 8301 3.2 節: 検証側は 1024 ビット未満の RSA 鍵を受け入れてはなりません。署名は無いものとして扱われます。"
                : "RFC 8301 3.2 節は署名側に 1024 ビット以上を求め、2048 ビットを推奨しています。Google Workspace は 2048 ビットの鍵を生成します。"
        case .lookupFailed(_, let reason): "リゾルバの応答: \(MailPolicyWords.failure(.ja, reason))。"
        }
    }

    private static func enReason(_ reason: DKIMSyntaxReason) -> String {
        switch reason {
        case .notATag: "Each part must be tag=value, separated by \";\""
        case .repeated: "A tag may appear only once"
        case .missingKey: "The p= tag (the public key) is required"
        case .invalidKey: "The p= value is not a base64 public key of the kind k= names"
        case .invalidValue: "The value is not one this tag allows (v=DKIM1 first, k=rsa or ed25519)"
        }
    }

    private static func jaReason(_ reason: DKIMSyntaxReason) -> String {
        switch reason {
        case .notATag: "各部分は「;」で区切った tag=value の形でなければなりません"
        case .repeated: "同じタグは 1 回しか書けません"
        case .missingKey: "p= タグ (公開鍵) は必須です"
        case .invalidKey: "p= の値が、k= の種類の base64 公開鍵ではありません"
        case .invalidValue: "このタグに使えない値です (v=DKIM1 は先頭、k= は rsa か ed25519)"
        }
    }
}

extension DKIMRemedy {
    var enText: String {
        switch self {
        case .publishKey(let domain, let selector):
            "Publish the key the signer gives for the selector \(selector) (for Google Workspace: Admin console > Apps > Google Workspace > Gmail > Authenticate email, 2048 bits): \(selector)._domainkey.\(domain). 3600 IN TXT \"v=DKIM1; k=rsa; p=<key>\", then turn on signing."
        case .rotateKey(let domain, let selector):
            "Generate a 2048-bit key, publish it under a new selector (\(selector)2._domainkey.\(domain). 3600 IN TXT \"v=DKIM1; k=rsa; p=<key>\"), switch signing to it, then revoke the old one with \(selector)._domainkey.\(domain). 3600 IN TXT \"v=DKIM1; p=\"."
        case .checkNameServers(let name): "Check that the name servers of \(name) answer."
        }
    }

    var jaText: String {
        switch self {
        case .publishKey(let domain, let selector):
            "署名側が発行するセレクタ \(selector) の鍵を公開してください (Google Workspace では 管理コンソール > アプリ > Google Workspace > Gmail > メールの認証、2048 ビット): \(selector)._domainkey.\(domain). 3600 IN TXT \"v=DKIM1; k=rsa; p=<鍵>\"。その後、署名を有効にしてください。"
        case .rotateKey(let domain, let selector):
            "2048 ビットの鍵を生成して新しいセレクタで公開し (\(selector)2._domainkey.\(domain). 3600 IN TXT \"v=DKIM1; k=rsa; p=<鍵>\")、署名をそれに切り替えてから、古い鍵を \(selector)._domainkey.\(domain). 3600 IN TXT \"v=DKIM1; p=\" で取り消してください。"
        case .checkNameServers(let name): "\(name) のネームサーバーが応答することを確認してください。"
        }
    }
}
