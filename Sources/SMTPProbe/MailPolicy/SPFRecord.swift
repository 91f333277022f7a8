/// One SPF record (RFC 7208 §4.5, §12), parsed into its terms: a fact of DNS, judged by
/// Checks/SPF. Parsing is strict where a receiver's is: any term it cannot read makes the whole
/// record a permerror (§4.6), so the first such term is what is reported.
struct SPFRecord: Hashable, Sendable {
    /// The record as published, character-strings joined.
    var text: String
    var terms: [SPFTerm]

    /// Whether a TXT record is an SPF record at all: `v=spf1` alone or followed by a space
    /// (§4.5); `v=spf10` or `v=spf1x` is some other record.
    static func isSPF(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }

    /// Parses `text`, which ``isSPF(_:)`` accepted.
    static func parse(_ text: String) -> Result<SPFRecord, SPFSyntaxError> {
        var terms: [SPFTerm] = []
        // Terms are separated by one or more spaces (§12: 1*SP); a tab or other byte is part of
        // a term and makes it unreadable.
        for word in text.split(separator: " ").dropFirst() {
            switch SPFTerm.parse(String(word)) {
            case .success(let term): terms.append(term)
            case .failure(let error): return .failure(error)
            }
        }
        for modifier in ["redirect", "exp"] where terms.filter({ $0.modifierName == modifier }).count > 1 {
            return .failure(SPFSyntaxError(term: modifier + "=", reason: .repeatedModifier))
        }
        return .success(SPFRecord(text: text, terms: terms))
    }

    /// The `all` mechanism, if the record has one: terms after it are never reached.
    var all: SPFTerm? { terms.first { $0.mechanism == .all } }

    /// The `redirect=` target, ignored when the record has an `all` (§6.1).
    var redirect: String? {
        guard all == nil, let term = terms.first(where: { $0.modifierName == "redirect" }),
              case .redirect(let domain) = term.kind else { return nil }
        return domain
    }
}

/// Why an SPF term cannot be read.
struct SPFSyntaxError: Error, Hashable, Sendable {
    /// The term as written.
    var term: String
    var reason: SPFSyntaxReason
}

enum SPFSyntaxReason: Hashable, Sendable {
    /// Neither a known mechanism nor a `name=value` modifier.
    case unknownMechanism
    /// A mechanism that needs a value (`include`, `exists`, `ip4`, `ip6`) without one.
    case missingValue
    /// A domain-spec that is no domain name, or a malformed macro.
    case invalidDomain
    /// An `ip4`/`ip6` value that is no address, or a prefix length out of range.
    case invalidAddress
    /// `redirect=` or `exp=` more than once (§6).
    case repeatedModifier
}
