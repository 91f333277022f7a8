/// The DNSSEC and DANE checks of a mail domain that need no server: whether its answers
/// validate, and whether its TLSA records can be used by senders at all. Judges the facts of
/// ``ValidatingResolver`` (``ValidatedLookup``, ``DNSSECState``, ``TLSARecord``). Matching
/// TLSA records against a chain (`dane.tlsa_mismatch`, `dane.tlsa_ok`) is ``TLSAMatcher``'s,
/// judged once the MX probes have chains.
enum DNSSECProblem: CheckProblem {
    /// A validating resolver found the answer for `name` (`type`) bogus: it refuses it, and
    /// senders that validate cannot deliver. `reason` is libunbound's why_bogus.
    case bogus(name: String, type: String, reason: String)
    /// TLSA records at `name` in a zone that is not signed: senders ignore them (RFC 7672 §2.2).
    case tlsaInsecure(name: String, records: [TLSARecord])
    /// A TLSA record with usage 0 or 1, which SMTP senders ignore (RFC 7672 §3.1.3).
    case unusableUsage(name: String, record: TLSARecord)
    /// What the TLSA records of an MX host say against the chain it sent.
    case dane(DANEMatch)

    static let codes: [FindingCode] = [.dnssecBogus, .daneTLSAInsecure, .daneUnusableUsage, .daneTLSAMismatch, .daneTLSAOK]

    var code: FindingCode {
        switch self {
        case .bogus: .dnssecBogus
        case .tlsaInsecure: .daneTLSAInsecure
        case .unusableUsage: .daneUnusableUsage
        case .dane(let match): match.code
        }
    }

    var severity: Severity {
        switch self {
        case .bogus: .fail
        case .tlsaInsecure, .unusableUsage: .warn
        case .dane(let match): match.severity
        }
    }

    func message(_ language: Language) -> String {
        if case .dane(let match) = self { return match.message(language) }
        return words(language).message
    }

    func detail(_ language: Language) -> String? {
        if case .dane(let match) = self { return match.detail(language) }
        return words(language).detail
    }

    var remedies: [DNSSECRemedy] {
        switch self {
        case .bogus(let name, _, _):
            [.resign(name: name), .publishCurrentDS(name: name)]
        case .tlsaInsecure(let name, let records):
            [.signZone(name: name, records: records)]
        case .unusableUsage(let name, let record):
            [.replaceUsage(name: name, record: record)]
        case .dane(let match):
            match.remedies.map(DNSSECRemedy.dane)
        }
    }

    /// `dnssec.bogus` when `lookup`'s answer did not validate.
    static func judge<Record>(_ lookup: ValidatedLookup<Record>, type: String) -> DNSSECProblem? {
        guard case .bogus(let reason) = lookup.security else { return nil }
        return .bogus(name: lookup.name, type: type, reason: reason)
    }

    /// The problems of the TLSA records at `lookup.name` that need no chain to see: a bogus
    /// answer, TLSA records in an unsigned zone (then their usages do not matter: senders
    /// ignore them all), or records with a usage SMTP ignores.
    static func judgeTLSA(_ lookup: ValidatedLookup<TLSARecord>) -> [DNSSECProblem] {
        if let bogus = judge(lookup, type: "TLSA") { return [bogus] }
        let records = lookup.outcome.records
        guard !records.isEmpty else { return [] }
        if lookup.security == .insecure { return [.tlsaInsecure(name: lookup.name, records: records)] }
        return records.compactMap { record in
            guard case .pkixUsage = TLSAMatcher.unusable(record) else { return nil }
            return .unusableUsage(name: lookup.name, record: record)
        }
    }
}

/// The remedies of the DNSSEC and DANE checks: what to publish, in zone-file syntax.
enum DNSSECRemedy: CheckRemedy {
    /// Sign the zone of `name` again with current signatures.
    case resign(name: String)
    /// Make the parent's DS match the zone's current key.
    case publishCurrentDS(name: String)
    /// Sign the zone holding the TLSA records at `name` (or withdraw them).
    case signZone(name: String, records: [TLSARecord])
    /// Publish `record` with the DANE usage that stands for the same certificate.
    case replaceUsage(name: String, record: TLSARecord)
    /// A remedy of the DANE match against a chain.
    case dane(DANERemedy)

    var kind: String {
        switch self {
        case .resign: "resign_zone"
        case .publishCurrentDS: "publish_current_ds"
        case .signZone: "sign_zone"
        case .replaceUsage: "use_dane_usage"
        case .dane(let remedy): remedy.kind
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        if case .dane(let remedy) = self { return remedy.text(language, routeHost: routeHost) }
        return words(language)
    }
}

extension FindingCode {
    /// A validating resolver found the answer bogus: validating senders will not deliver.
    public static let dnssecBogus = FindingCode("dnssec.bogus")
    /// TLSA records in an unsigned zone, which senders ignore.
    public static let daneTLSAInsecure = FindingCode("dane.tlsa_insecure")
    /// A TLSA record with usage 0 or 1, which SMTP ignores.
    public static let daneUnusableUsage = FindingCode("dane.unusable_usage")
}

/// The words of the DNSSEC and DANE checks, each English text next to its Japanese one.
extension DNSSECProblem {
    func words(_ language: Language) -> (message: String, detail: String?) {
        switch (self, language) {
        case (.dane, _): ("", nil)  // worded by DANEMatch
        case (.bogus(let name, let type, let reason), .en):
            ("The DNSSEC signatures of \(name) (\(type)) do not validate: the answer is bogus",
             "A validating resolver said: \(reason). Validating resolvers (Google Public DNS, Gmail's and most large providers' senders) answer SERVFAIL for this name: as long as it stays bogus, mail to it is not delivered but deferred and finally bounced.")
        case (.bogus(let name, let type, let reason), .ja):
            ("\(name) (\(type)) の DNSSEC 署名を検証できません (bogus)",
             "検証するリゾルバーの応答: \(reason)。検証するリゾルバー (Google Public DNS、Gmail や多くの大手事業者の送信サーバー) はこの名前に SERVFAIL を返します。bogus のままでは、ここ宛てのメールは配送されず、保留の後に差し戻されます。")
        case (.tlsaInsecure(let name, _), .en):
            ("The TLSA records at \(name) are in a zone that is not DNSSEC-signed: senders ignore them",
             "DANE applies only to TLSA records that validate as secure (RFC 7672 §2.2). Unsigned, they protect nothing: senders deliver as if there were none.")
        case (.tlsaInsecure(let name, _), .ja):
            ("\(name) の TLSA レコードは DNSSEC で署名されていないゾーンにあるため、送信側に無視されます",
             "DANE が使われるのは、検証結果が secure の TLSA レコードだけです (RFC 7672 §2.2)。署名がなければ何も守られず、送信側は TLSA レコードがないものとして配送します。")
        case (.unusableUsage(let name, let record), .en):
            ("The TLSA record \(name) \(record) has usage \(record.usage), which mail senders ignore",
             "RFC 7672 §3.1.3: for SMTP, usages 0 (PKIX-TA) and 1 (PKIX-EE) are unusable, since senders have no common set of public CAs to check them against. If no other record is usable, DANE senders treat the host as having no usable TLSA records.")
        case (.unusableUsage(let name, let record), .ja):
            ("TLSA レコード \(name) \(record) の用途 (usage) \(record.usage) は、メールの送信側に無視されます",
             "RFC 7672 §3.1.3 により、SMTP では用途 0 (PKIX-TA) と 1 (PKIX-EE) は使えません。送信側に共通の公的 CA の一覧がないためです。ほかに使えるレコードがなければ、DANE の送信側はこのホストに使える TLSA レコードがないものとして扱います。")
        }
    }
}

extension DNSSECRemedy {
    func words(_ language: Language) -> String {
        switch (self, language) {
        case (.dane, _): ""  // worded by DANERemedy
        case (.resign(let name), .en):
            "Sign the zone that holds \(name) again and keep its signer running, so that no RRSIG expires (check with `delv \(name)`); its signatures must verify with the keys published as the zone's DNSKEY records."
        case (.resign(let name), .ja):
            "\(name) を含むゾーンに署名し直し、RRSIG が期限切れにならないよう署名処理を動かし続けてください (`delv \(name)` で確認できます)。署名は、ゾーンの DNSKEY レコードとして公開している鍵で検証できなければなりません。"
        case (.publishCurrentDS(let name), .en):
            "If the zone's keys changed, publish at the parent the DS of its current key-signing key, as `ldns-key2ds` or `dnssec-dsfromkey` prints it, and remove the old one: `\(dotted(name)) 3600 IN DS <key tag> 13 2 <SHA-256 of the DNSKEY>`. To stop signing instead, remove the DS at the parent first and the signatures only after the DS's TTL has passed."
        case (.publishCurrentDS(let name), .ja):
            "ゾーンの鍵を替えた場合は、現在の鍵署名鍵 (KSK) の DS を `ldns-key2ds` や `dnssec-dsfromkey` で作って親ゾーンに登録し、古い DS を削除してください: `\(dotted(name)) 3600 IN DS <鍵タグ> 13 2 <DNSKEY の SHA-256>`。署名をやめる場合は、先に親ゾーンの DS を削除し、その TTL が過ぎてから署名を外してください。"
        case (.signZone(let name, let records), .en):
            "Sign the zone that holds \(name) with DNSSEC and publish its DS at the parent, so that these records validate as secure: \(zoneLines(name, records)). Or, if DANE is not meant, remove them."
        case (.signZone(let name, let records), .ja):
            "\(name) を含むゾーンに DNSSEC で署名し、親ゾーンに DS を登録して、次のレコードが secure と検証されるようにしてください: \(zoneLines(name, records))。DANE を使うつもりがなければ、これらのレコードを削除してください。"
        case (.replaceUsage(let name, let record), .en):
            "Publish the same certificate data with the DANE usage instead (\(daneUsage(record.usage)) for \(record.usage)), and remove the old record: \(zoneLines(name, [replaced(record)]))"
        case (.replaceUsage(let name, let record), .ja):
            "同じ証明書データを DANE の用途 (\(record.usage) の代わりに \(daneUsage(record.usage))) で公開し、古いレコードを削除してください: \(zoneLines(name, [replaced(record)]))"
        }
    }

    /// PKIX-TA (0) becomes DANE-TA (2), PKIX-EE (1) DANE-EE (3): the same certificate.
    private func daneUsage(_ usage: UInt8) -> UInt8 { usage == 0 ? 2 : 3 }

    private func replaced(_ record: TLSARecord) -> TLSARecord {
        var record = record
        record.usage = daneUsage(record.usage)
        return record
    }

    /// The records as zone-file lines, each quoted, separated by commas: texts are one line.
    private func zoneLines(_ name: String, _ records: [TLSARecord]) -> String {
        records.map { "`\(dotted(name)) 3600 IN TLSA \($0)`" }.joined(separator: ", ")
    }

    /// An absolute name as a zone file writes it, with its trailing dot.
    private func dotted(_ name: String) -> String { name.hasSuffix(".") ? name : name + "." }
}
