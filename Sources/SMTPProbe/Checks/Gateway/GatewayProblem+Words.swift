/// The gateway checks' words, English beside Japanese.
extension GatewayProblem {
    /// Said with every finding of the family: the test means nothing from Google's own ranges.
    private static func vantage(_ language: Language) -> String {
        language.pick(
            en: "This check is meaningful only when smtp-probe runs from an address outside Google's mail server ranges: the gateway should treat this client as anyone on the Internet.",
            ja: "この検査は、smtp-probe を Google のメールサーバーのアドレス範囲の外から実行した場合にのみ意味があります。ゲートウェイはこのクライアントをインターネット上の誰かとして扱うべきです。")
    }

    private static func said(_ reply: SMTPReply) -> String {
        "\(reply.code) " + reply.lines.joined(separator: " / ")
    }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.openRelay(let rcptTo, let reply), .en):
            "Open relay: the gateway accepted RCPT TO:<\(rcptTo)> from this client, which is not Google (\(Self.said(reply)))"
        case (.openRelay(let rcptTo, let reply), .ja):
            "オープンリレー: ゲートウェイは Google ではないこのクライアントからの RCPT TO:<\(rcptTo)> を受け付けました (\(Self.said(reply)))"
        case (.relayRefused(let rcptTo, let reply), .en):
            "The gateway refused to relay to <\(rcptTo)> for this client (\(Self.said(reply)))"
        case (.relayRefused(let rcptTo, let reply), .ja):
            "ゲートウェイはこのクライアントのための <\(rcptTo)> への転送を拒否しました (\(Self.said(reply)))"
        case (.acceptsNonGoogle(let mailFrom, _), .en):
            "The gateway accepts connections and MAIL FROM:<\(mailFrom)> from this address, which is not one of Google's"
        case (.acceptsNonGoogle(let mailFrom, _), .ja):
            "ゲートウェイは Google のものではないこのアドレスからの接続と MAIL FROM:<\(mailFrom)> を受け付けます"
        case (.rejectsNonGoogle(let reply, let phase), .en):
            "The gateway refused this address, which is not one of Google's, at \(phase.name(.en)) (\(Self.said(reply)))"
        case (.rejectsNonGoogle(let reply, let phase), .ja):
            "ゲートウェイは Google のものではないこのアドレスを \(phase.name(.ja)) で拒否しました (\(Self.said(reply)))"
        case (.relayNotTested, .en):
            "Relaying was not tested: the conversation ended before RCPT TO"
        case (.relayNotTested, .ja):
            "転送はテストされませんでした: RCPT TO の前に通信が終わりました"
        }
    }

    func detail(_ language: Language) -> String? {
        let own: String = switch (self, language) {
        case (.openRelay, .en):
            "A gateway that relays for a client outside Google's ranges relays for anyone: spammers can send through it, and its addresses end up on blocklists. smtp-probe sent no message: after RCPT it sent RSET and QUIT, never DATA."
        case (.openRelay, .ja):
            "Google の範囲外のクライアントのために転送するゲートウェイは、誰のためにでも転送します。迷惑メールの送信者に使われ、そのアドレスはブロックリストに載ります。smtp-probe はメッセージを送っていません。RCPT の後は RSET と QUIT を送り、DATA は送っていません。"
        case (.relayRefused, .en):
            "That is the answer a gateway should give a client that is not Google. smtp-probe sent RSET and QUIT, never DATA."
        case (.relayRefused, .ja):
            "Google ではないクライアントにゲートウェイが返すべき応答です。smtp-probe は RSET と QUIT を送り、DATA は送っていません。"
        case (.acceptsNonGoogle, .en):
            "Not a fault by itself as long as it refuses to relay, but a gateway that accepts connections only from Google's ranges cannot be misused at all."
        case (.acceptsNonGoogle, .ja):
            "転送を拒否する限りそれ自体は問題ではありませんが、Google の範囲からの接続だけを受け付けるゲートウェイは、そもそも悪用できません。"
        case (.rejectsNonGoogle, .en):
            "The gateway limits who may send through it, as it should; relaying could not be tested from here, and the TLS test may be incomplete for the same reason."
        case (.rejectsNonGoogle, .ja):
            "ゲートウェイは送信できる相手を制限しており、それが正しい設定です。ここからは転送をテストできず、同じ理由で TLS のテストも不完全な場合があります。"
        case (.relayNotTested, .en):
            "MAIL FROM and RCPT TO are sent only inside TLS, after EHLO succeeded."
        case (.relayNotTested, .ja):
            "MAIL FROM と RCPT TO は、TLS の中で EHLO が成功した後にのみ送ります。"
        }
        return own + " " + Self.vantage(language)
    }
}
