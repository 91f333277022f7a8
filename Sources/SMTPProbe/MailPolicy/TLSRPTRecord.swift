/// A TLS-RPT record (RFC 8460 §3) at `_smtp._tls.DOMAIN`: a fact of DNS, judged by
/// Checks/TLSRPT.
struct TLSRPTRecord: Hashable, Sendable {
    var text: String
    /// The `rua` URIs: `mailto:` or `https:`.
    var reportURIs: [String]

    /// Whether a TXT record is a TLS-RPT record: it starts `v=TLSRPTv1` then `;` (§3).
    static func isTLSRPT(_ text: String) -> Bool {
        guard text.hasPrefix("v=TLSRPTv1") else { return false }
        let rest = text.dropFirst(10).drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty || rest.first == ";"
    }

    /// Parses a record ``isTLSRPT(_:)`` accepted; nil reason when it is usable.
    static func parse(_ text: String) -> Result<TLSRPTRecord, TLSRPTInvalidReason> {
        var rua: String?
        for part in text.split(separator: ";").dropFirst() {
            let trimmed = part.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return .failure(.notATag(trimmed)) }
            if trimmed[..<equals].trimmingWhitespace() == "rua" {
                guard rua == nil else { return .failure(.repeatedRua) }
                rua = trimmed[trimmed.index(after: equals)...].trimmingWhitespace()
            }
        }
        guard let rua, !rua.isEmpty else { return .failure(.noRua) }
        let uris = rua.split(separator: ",").map { $0.trimmingWhitespace() }
        for uri in uris {
            let lower = uri.lowercased()
            let ok = (lower.hasPrefix("mailto:") && uri.dropFirst(7).contains("@")) || (lower.hasPrefix("https://") && uri.count > 8)
            guard ok else { return .failure(.badURI(uri)) }
        }
        return .success(TLSRPTRecord(text: text, reportURIs: uris))
    }
}

/// Why a TLS-RPT record, or the set of them, gives no reports.
enum TLSRPTInvalidReason: Error, Hashable, Sendable {
    case notATag(String)
    case noRua
    case repeatedRua
    /// A `rua` entry that is neither `mailto:` with an address nor `https://`.
    case badURI(String)
    /// More than one record starts `v=TLSRPTv1`: senders then assume none (§3).
    case several(Int)
}

/// What the TLS-RPT lookup of a domain found.
enum TLSRPTLookup: Sendable {
    case record(TLSRPTRecord)
    case none
    case invalid(TLSRPTInvalidReason)
    case failed(DNSFailureReason)

    /// Looks up `_smtp._tls.DOMAIN` through `txt`, any resolver's TXT lookup.
    static func evaluate(domain: String, txt: @Sendable (String) async -> TXTLookup) async -> TLSRPTLookup {
        switch await txt("_smtp._tls." + SPFDomainSpec.normalise(domain)) {
        case .nodata, .nxdomain: return .none
        case .failure(let reason): return .failed(reason)
        case .records(let texts):
            let records = texts.filter(TLSRPTRecord.isTLSRPT)
            guard records.count <= 1 else { return .invalid(.several(records.count)) }
            guard let text = records.first else { return .none }
            switch TLSRPTRecord.parse(text) {
            case .success(let record): return .record(record)
            case .failure(let reason): return .invalid(reason)
            }
        }
    }
}
