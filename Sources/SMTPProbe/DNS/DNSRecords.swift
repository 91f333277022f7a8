/// What DNSSEC validation said of an answer (libunbound's `ub_result.secure`, `bogus`,
/// `why_bogus`).
enum DNSSECState: Hashable, Sendable {
    /// Signed, and the signatures chain up to a trust anchor.
    case secure
    /// Not signed (or under a delegation without DS), or asked without validation.
    case insecure
    /// Signed but not verifiable: expired or wrong signatures, a DS that matches no key.
    /// Validating resolvers refuse such answers. `reason` is libunbound's why_bogus.
    case bogus(reason: String)
}

/// What a typed query found. A lookup that fails is a failure, never an absence: `noData`
/// and `nxdomain` are answers from the zone, `failed` is not.
enum DNSOutcome<Record: Hashable & Sendable>: Hashable, Sendable {
    /// NOERROR with records of the type asked.
    case records([Record])
    /// NOERROR, the name exists, but no record of this type (NODATA).
    case noData
    /// The name does not exist.
    case nxdomain
    /// SERVFAIL, REFUSED, a timeout or the resolver's own failure; for a bogus answer,
    /// `validationFailed`, since a validating resolver gives SERVFAIL and no records.
    case failed(DNSFailureReason)

    /// The records, when the query found some.
    var records: [Record] {
        if case .records(let records) = self { return records }
        return []
    }
}

/// One name and type as the domain checks asked it: what came back and its DNSSEC state.
struct ValidatedLookup<Record: Hashable & Sendable>: Hashable, Sendable {
    /// The name asked, normalised (lower case, no trailing dot).
    var name: String
    var outcome: DNSOutcome<Record>
    var security: DNSSECState
}

/// A TXT record: its character-strings as published, and their concatenation.
struct TXTRecord: Hashable, Sendable {
    /// Each character-string, in order (bytes that are not UTF-8 read as U+FFFD).
    var strings: [String]

    /// The strings concatenated without anything between them, as RFC 7208 §3.3 says SPF
    /// (and DKIM, DMARC) records are read: `"v=spf1 a" " -all"` is `v=spf1 a -all`.
    var text: String { strings.joined() }

    init(strings: [String]) { self.strings = strings }

    /// Parses TXT RDATA: one or more length-prefixed character-strings; nil when a length
    /// runs past the end.
    init?(rdata: [UInt8]) {
        var strings: [String] = []
        var index = 0
        while index < rdata.count {
            let length = Int(rdata[index])
            index += 1
            guard index + length <= rdata.count else { return nil }
            strings.append(String(decoding: rdata[index..<index + length], as: UTF8.self))
            index += length
        }
        self.strings = strings
    }
}

/// A TLSA record (RFC 6698 §2.1): which certificate of a chain to match, and how.
struct TLSARecord: Hashable, Sendable, CustomStringConvertible {
    /// 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.
    var usage: UInt8
    /// 0 the full certificate, 1 its SubjectPublicKeyInfo.
    var selector: UInt8
    /// 0 exact bytes, 1 SHA-256, 2 SHA-512.
    var matchingType: UInt8
    /// The certificate association data.
    var data: [UInt8]

    init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }

    /// Parses TLSA RDATA: three octets, then the data; nil when shorter than four octets.
    init?(rdata: [UInt8]) {
        guard rdata.count >= 4 else { return nil }
        self.init(usage: rdata[0], selector: rdata[1], matchingType: rdata[2], data: Array(rdata[3...]))
    }

    /// As in a zone file: `3 1 1 8cb0fc6c…` (data in lower-case hex).
    var description: String {
        let hex = data.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return "\(usage) \(selector) \(matchingType) \(hex)"
    }
}
