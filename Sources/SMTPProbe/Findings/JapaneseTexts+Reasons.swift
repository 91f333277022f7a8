extension JapaneseTexts {
    /// What broke SMTP, after "サーバーが送ったもの:". The server's own text stays as it came.
    func protocolFault(_ fault: ProtocolFault) -> String {
        switch fault {
        case .unexpectedGreeting(let reply): "想定外の挨拶 \"\(reply)\""
        case .reply(.lineTooLong(let limit)): "\(limit) バイトを超える応答行"
        case .reply(.tooManyLines(let limit)): "\(limit) 行を超える応答"
        case .reply(.malformedLine(let line)): "SMTP の応答ではない行 \"\(line)\""
        case .reply(.inconsistentCode(let expected, let got)):
            "途中でコードが \(expected) から \(got) に変わる複数行の応答"
        case .unexpectedReply(let phase, let reply):
            "\(phaseName(phase)) への応答としてあり得ない \"\(reply)\" (RFC 5321 §4.3.2 で許されるのは \(phase.expectedReplies))。やり取りの順序が崩れています"
        case .unsolicited(let phase, let preview):
            "クライアントが \(phaseName(phase)) を送る前に届いた \"\(preview)\"。何にも対応しない応答で、クライアントは次のコマンドへの応答として扱ってはなりません"
        }
    }

    /// How the certificates are out of order, after "このファイルでは".
    func chainOrder(_ fault: ChainOrderFault) -> String {
        switch fault {
        case .leafAt(let position): "サーバー証明書が先頭ではなく #\(position) にあります"
        case .notIssuer(let position): "#\(position + 1) は #\(position) の発行者ではありません"
        }
    }

    /// The resolver's own words (from the system or libunbound) stay as they came.
    func dnsFailure(_ reason: DNSFailureReason) -> String {
        switch reason {
        case .noAnswer(let seconds): "\(seconds) 秒以内に応答がありません"
        case .serverAnswered(let code): "DNS サーバーが \(code) を返しました"
        case .malformedMX: "読み取れない MX レコードがあります"
        case .resolver(let words): words
        }
    }

    /// The parser's explanation of an unusable entry is the command line's, in English.
    func invalidHost(_ reason: InvalidHostReason) -> String {
        switch reason {
        case .mxLookupOfAddress(let address): "MX 検索にはメールドメインが必要です。\(address) は IP アドレスです。"
        case .portTwice(let inEntry, let inKey):
            "エントリではポート \(inEntry)、port キーでは \(inKey) になっています。ポートは 1 か所で指定してください。"
        case .invisibleCharacter(let invisible):
            "\(invisible.position) 文字目は \(invisible.codePoint) で、目に見えない文字です。見た目が同じ別の名前になるため使えません。この文字を含めずにホスト名を入力し直してください。"
        case .unusable(let explanation): "ホスト名としても IP アドレスとしても使えません (\(explanation))"
        }
    }
}
