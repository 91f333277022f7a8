/// One `mx:` pattern of an MTA-STS policy: a host name, or `*.` and a domain, where the
/// wildcard stands for exactly one left-most label (RFC 8461 §4.1): `*.example.com` matches
/// `mx1.example.com`, but neither `example.com` nor `a.b.example.com`.
struct MXPattern: Hashable, Sendable, CustomStringConvertible {
    /// The domain after `*.`, or the whole host name: lower case, A-labels, no final dot.
    let domain: String
    let isWildcard: Bool

    /// The pattern `text` stands for, or nil when it is not `["*."] Domain` (RFC 5321's
    /// Domain: labels of letters, digits and hyphens, neither beginning nor ending with one).
    init?(_ text: String) {
        var rest = Substring(text)
        isWildcard = rest.hasPrefix("*.")
        if isWildcard { rest = rest.dropFirst(2) }
        // A-labels for an internationalised name, as a sender compares names on the wire.
        let normalised = HostName.wireForm(String(rest))
        let labels = normalised.split(separator: ".", omittingEmptySubsequences: false)
        guard !normalised.isEmpty, !rest.hasSuffix("."), labels.allSatisfy(Self.isLabel) else { return nil }
        // A wildcard over a top-level domain alone would match every host under it.
        if isWildcard, labels.count < 2 { return nil }
        domain = normalised
    }

    var description: String { isWildcard ? "*." + domain : domain }

    /// Whether the MX host `host` (an MX record's exchange, with or without its final dot)
    /// matches this pattern.
    func matches(_ host: String) -> Bool {
        let host = HostName.wireForm(host)
        guard isWildcard else { return host == domain }
        guard let dot = host.firstIndex(of: ".") else { return false }
        return dot != host.startIndex && host[host.index(after: dot)...] == domain
    }

    private static func isLabel(_ label: Substring) -> Bool {
        guard (1...63).contains(label.count), label.first != "-", label.last != "-" else { return false }
        return label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
