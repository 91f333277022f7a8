/// Matches TLSA records against the chain a mail server sent, as a DANE sender does
/// (RFC 7672 §3.1, RFC 7671 §5): the pure part of `dane.tlsa_mismatch` and `dane.tlsa_ok`,
/// which the MX probes of `smtp-probe domain` feed with real chains.
///
/// Only the record-against-certificate comparison is here. A DANE-TA match also needs the
/// leaf to chain up to that certificate and to name the MX host (RFC 7672 §3.2.2); the chain
/// verification already does both and is combined with this by the caller.
enum TLSAMatcher {
    /// Why a record cannot match anything, whatever the server sends.
    enum Unusable: Hashable, Sendable {
        /// Usage 0 (PKIX-TA) or 1 (PKIX-EE): SMTP senders ignore them (RFC 7672 §3.1.3).
        case pkixUsage(UInt8)
        /// A usage, selector or matching type RFC 6698 does not define.
        case unknownParameter
    }

    /// Why `record` can never match, or nil when it is usable for SMTP.
    static func unusable(_ record: TLSARecord) -> Unusable? {
        if record.usage == 0 || record.usage == 1 { return .pkixUsage(record.usage) }
        guard record.usage <= 3, record.selector <= 1, record.matchingType <= 2 else { return .unknownParameter }
        return nil
    }

    /// The position in `chain` (0 the leaf) of the certificate `record` matches, or nil.
    ///
    /// Usage 3 (DANE-EE) matches the leaf only; usage 2 (DANE-TA) any certificate of the chain
    /// as sent, since the trust anchor must be among what the server sends unless the record
    /// holds the whole certificate (RFC 7671 §5.2.2), and then it is compared with what came.
    static func position(of record: TLSARecord, in chain: [X509Certificate]) -> Int? {
        guard unusable(record) == nil else { return nil }
        let candidates = record.usage == 3 ? Array(chain.prefix(1).enumerated()) : Array(chain.enumerated())
        return candidates.first { matches(record, $0.element) }?.offset
    }

    /// Whether `record`'s association data is `certificate`'s, by its selector and matching type.
    static func matches(_ record: TLSARecord, _ certificate: X509Certificate) -> Bool {
        let selected = record.selector == 0 ? certificate.derBytes : certificate.subjectPublicKeyInfoDER
        guard !selected.isEmpty else { return false }
        switch record.matchingType {
        case 0: return selected == record.data
        case 1: return X509Certificate.digest(selected, .sha256) == record.data
        case 2: return X509Certificate.digest(selected, .sha512) == record.data
        default: return false
        }
    }

    /// The records of `records` that match `chain`, each with the position it matched, in
    /// the records' order: empty is `dane.tlsa_mismatch`, anything else `dane.tlsa_ok`.
    static func matches(_ records: [TLSARecord], chain: [X509Certificate]) -> [(record: TLSARecord, position: Int)] {
        records.compactMap { record in position(of: record, in: chain).map { (record, $0) } }
    }
}
