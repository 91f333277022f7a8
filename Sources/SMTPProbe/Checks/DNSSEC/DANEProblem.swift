/// The DANE checks that need an MX host's chain (RFC 7672 §3): whether the secure TLSA records
/// at `_25._tcp.HOST` match what the server sent. `dane.tlsa_ok` is a fact, not a problem: it
/// says which record matched, so that a report shows DANE working. Reported as
/// ``DNSSECProblem/dane(_:)``: the `dane.*` codes are one family's.
enum DANEMatch: Hashable, Sendable {
    /// No usable TLSA record at `name` matches the chain `address` sent: DANE senders refuse
    /// to deliver to it.
    case tlsaMismatch(name: String, address: String, records: [TLSARecord], leafSHA256: String?)
    /// `record` at `name` matches the certificate at `position` of the chain `address` sent.
    case tlsaOK(name: String, address: String, record: TLSARecord, position: Int)

    var code: FindingCode {
        switch self {
        case .tlsaMismatch: .daneTLSAMismatch
        case .tlsaOK: .daneTLSAOK
        }
    }

    var severity: Severity {
        switch self {
        case .tlsaMismatch: .fail
        case .tlsaOK: .info
        }
    }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.tlsaMismatch(let name, let address, _, _), .en):
            "No TLSA record at \(name) matches the certificate chain \(address) sent: DANE senders will not deliver to it"
        case (.tlsaMismatch(let name, let address, _, _), .ja):
            "\(name) の TLSA レコードのどれも、\(address) が送った証明書チェーンと一致しません。DANE を使う送信側はここへ配送しません"
        case (.tlsaOK(let name, let address, let record, _), .en):
            "The TLSA record \(name) \(record) matches the chain \(address) sent"
        case (.tlsaOK(let name, let address, let record, _), .ja):
            "TLSA レコード \(name) \(record) は \(address) が送った証明書チェーンと一致します"
        }
    }

    func detail(_ language: Language) -> String? {
        switch (self, language) {
        case (.tlsaMismatch(_, _, let records, let leaf), .en):
            "Published: \(records.map(\.description).joined(separator: "; ")). The server's certificate has SHA-256 fingerprint \(leaf ?? "(none sent)"). RFC 7672 §2.2: with secure TLSA records and none matching, senders defer the mail and finally bounce it; this usually follows a certificate or key renewal without new TLSA records."
        case (.tlsaMismatch(_, _, let records, let leaf), .ja):
            "公開されているもの: \(records.map(\.description).joined(separator: "; "))。サーバー証明書の SHA-256 フィンガープリント: \(leaf ?? "(送られていません)")。RFC 7672 §2.2 により、secure な TLSA レコードがあってどれも一致しない場合、送信側はメールを保留し、最後には差し戻します。多くは、TLSA レコードを更新せずに証明書や鍵を更新したときに起こります。"
        case (.tlsaOK(_, _, let record, let position), .en):
            "Usage \(record.usage == 3 ? "3 (DANE-EE)" : "2 (DANE-TA)") matched the certificate at position \(position) of the chain as sent."
        case (.tlsaOK(_, _, let record, let position), .ja):
            "用途 \(record.usage == 3 ? "3 (DANE-EE)" : "2 (DANE-TA)") のレコードが、送られたチェーンの \(position) 番目の証明書と一致しました。"
        }
    }

    var remedies: [DANERemedy] {
        switch self {
        case .tlsaMismatch(let name, _, _, _): [.publishMatchingTLSA(name: name)]
        case .tlsaOK: []
        }
    }

    /// What the chains of one MX host say against its secure, usable TLSA `records`: for each
    /// address that sent a chain, the first matching record (`dane.tlsa_ok`) or a mismatch. A
    /// DANE-TA match counts only when the certificate names the host (`hostnameMatches`),
    /// which RFC 7672 §3.2.2 requires of it; DANE-EE needs no name.
    static func judge(name: String, records: [TLSARecord],
                      chains: [(address: String, chain: [X509Certificate], hostnameMatches: Bool)]) -> [DANEMatch] {
        let usable = records.filter { TLSAMatcher.unusable($0) == nil }
        guard !usable.isEmpty else { return [] }
        return chains.compactMap { address, chain, hostnameMatches in
            guard !chain.isEmpty else { return nil }
            let match = TLSAMatcher.matches(usable, chain: chain).first { $0.record.usage == 3 || hostnameMatches }
            if let match { return .tlsaOK(name: name, address: address, record: match.record, position: match.position) }
            return .tlsaMismatch(name: name, address: address, records: records,
                                 leafSHA256: chain.first?.sha256Fingerprint)
        }
    }
}

/// The remedies of the DANE checks.
enum DANERemedy: CheckRemedy {
    /// Publish a TLSA record for the key the server now uses.
    case publishMatchingTLSA(name: String)

    var kind: String { "publish_matching_tlsa" }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.publishMatchingTLSA(let name), .en):
            "Publish a TLSA record for the key the server uses now, next to the old one until every cache has it: `\(name). 3600 IN TLSA 3 1 1 <SHA-256 of the certificate's public key>` (`openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256`); or install the certificate whose key the records name."
        case (.publishMatchingTLSA(let name), .ja):
            "サーバーが今使っている鍵の TLSA レコードを、すべてのキャッシュに行き渡るまで古いものと並べて公開してください: `\(name). 3600 IN TLSA 3 1 1 <証明書の公開鍵の SHA-256>` (`openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256`)。または、レコードが示す鍵の証明書をインストールしてください。"
        }
    }
}

extension FindingCode {
    /// Secure TLSA records, none matching the chain the MX host sent.
    public static let daneTLSAMismatch = FindingCode("dane.tlsa_mismatch")
    /// A secure TLSA record matches the chain the MX host sent (a fact, severity info).
    public static let daneTLSAOK = FindingCode("dane.tlsa_ok")
}
