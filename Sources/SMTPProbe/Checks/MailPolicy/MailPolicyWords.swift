/// What the mail-policy families (SPF, DMARC, DKIM, TLS-RPT) say alike: why a TXT lookup failed,
/// and the zone-file line a remedy asks to publish.
enum MailPolicyWords {
    /// Why a lookup failed, in `language`; the resolver's own words (from libunbound) stay as
    /// they came.
    static func failure(_ language: Language, _ reason: DNSFailureReason) -> String {
        switch reason {
        case .noAnswer(let seconds): language.pick(en: "no answer within \(seconds) s", ja: "\(seconds) 秒以内に応答がありません")
        case .serverAnswered(let code): language.pick(en: "the DNS server answered \(code)", ja: "DNS サーバーの応答は \(code) でした")
        case .malformedMX: language.pick(en: "an MX record that cannot be read", ja: "読み取れない MX レコードがあります")
        case .malformedRecords: language.pick(en: "a record that cannot be read", ja: "読み取れないレコードがあります")
        case .validationFailed(let words): language.pick(en: "DNSSEC validation failed (\(words))", ja: "DNSSEC の検証に失敗しました (\(words))")
        case .resolver(let words): words
        }
    }

    /// The zone-file line publishing `record` as the TXT record of `name`, split into strings
    /// of at most 255 bytes as a TXT record must be (RFC 7208 §3.3), quotes escaped.
    static func zoneLine(name: String, record: String) -> String {
        var chunks: [String] = []
        var rest = Substring(record)
        while !rest.isEmpty {
            chunks.append(String(rest.prefix(255)))
            rest = rest.dropFirst(255)
        }
        let quoted = chunks.map { chunk in
            "\"" + chunk.flatMap { $0 == "\"" ? ["\\", "\""] : [$0] }.map(String.init).joined() + "\""
        }
        return "\(name). 3600 IN TXT \(quoted.joined(separator: " "))"
    }
}
