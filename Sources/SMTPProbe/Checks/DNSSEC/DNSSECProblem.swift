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

    static let codes: [FindingCode] = [.dnssecBogus, .daneTLSAInsecure, .daneUnusableUsage]

    var code: FindingCode {
        switch self {
        case .bogus: .dnssecBogus
        case .tlsaInsecure: .daneTLSAInsecure
        case .unusableUsage: .daneUnusableUsage
        }
    }

    var severity: Severity {
        switch self {
        case .bogus: .fail
        case .tlsaInsecure, .unusableUsage: .warn
        }
    }

    func message(_ language: Language) -> String { words(language).message }
    func detail(_ language: Language) -> String? { words(language).detail }

    var remedies: [DNSSECRemedy] {
        switch self {
        case .bogus(let name, _, _):
            [.resign(name: name), .publishCurrentDS(name: name)]
        case .tlsaInsecure(let name, let records):
            [.signZone(name: name, records: records)]
        case .unusableUsage(let name, let record):
            [.replaceUsage(name: name, record: record)]
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

    var kind: String {
        switch self {
        case .resign: "resign_zone"
        case .publishCurrentDS: "publish_current_ds"
        case .signZone: "sign_zone"
        case .replaceUsage: "use_dane_usage"
        }
    }

    func text(_ language: Language, routeHost: String) -> String { words(language) }
}

extension FindingCode {
    /// A validating resolver found the answer bogus: validating senders will not deliver.
    public static let dnssecBogus = FindingCode("dnssec.bogus")
    /// TLSA records in an unsigned zone, which senders ignore.
    public static let daneTLSAInsecure = FindingCode("dane.tlsa_insecure")
    /// A TLSA record with usage 0 or 1, which SMTP ignores.
    public static let daneUnusableUsage = FindingCode("dane.unusable_usage")
}
