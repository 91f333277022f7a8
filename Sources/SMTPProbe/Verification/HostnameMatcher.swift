/// Matches a route host against a certificate the way RFC 9525 asks, which is also what a
/// careful sending MTA does: subjectAltName only, never the subject CN; a wildcard only as the
/// whole left-most label, standing for exactly one label; an IP address only against iPAddress
/// entries; internationalised names compared as A-labels.
public struct HostnameMatcher: Sendable {
    /// The outcome, with enough detail to explain it.
    public enum Outcome: Hashable, Sendable {
        /// `presented` on the certificate matches the route host.
        case matched(presented: String)
        /// The certificate has names, and none of them is the route host.
        case mismatch
        /// The certificate has no subjectAltName; `commonNameWouldMatch` says whether the old
        /// CN fallback, which RFC 9525 and Gmail do not use, would have matched.
        case noSubjectAltName(commonNameWouldMatch: Bool)
    }

    public init() {}

    /// Compares `routeHost` (a DNS name or an IP literal) with `names` and `commonNames`.
    func match(routeHost: String, names: SubjectAltNames?, commonNames: [String]) -> Outcome {
        let reference = ReferenceIdentity(routeHost)
        guard let names else {
            let cnMatch = commonNames.contains { presented in
                if case .dns(let host) = reference { return Self.matches(dnsName: presented, reference: host) }
                return false
            }
            return .noSubjectAltName(commonNameWouldMatch: cnMatch)
        }
        switch reference {
        case .ip(let address):
            if let hit = names.ipAddresses.first(where: { $0 == address }) {
                return .matched(presented: hit.description)
            }
        case .dns(let host):
            // A route host that is no host name (an MX name from DNS with a control character
            // or a dot inside a label, shown escaped) matches nothing, not even a wildcard.
            guard host.utf8.allSatisfy(HostName.isHostNameByte) else { return .mismatch }
            if let hit = names.dnsNames.first(where: { Self.isIA5(dnsName: $0) && Self.matches(dnsName: $0, reference: host) }) {
                return .matched(presented: hit)
            }
        }
        return .mismatch
    }

    /// Whether one presented DNS name matches a normalised reference name.
    static func matches(dnsName presented: String, reference: String) -> Bool {
        let presented = HostName.wireForm(presented)
        guard !presented.isEmpty, !reference.isEmpty else { return false }
        guard presented.contains("*") else { return presented == reference }
        let presentedLabels = presented.split(separator: ".", omittingEmptySubsequences: false)
        let referenceLabels = reference.split(separator: ".", omittingEmptySubsequences: false)
        // Only "*" as the whole left-most label, over at least two more labels; never a
        // partial wildcard such as "w*.example.com", never a second "*".
        guard presentedLabels.count >= 3,
              presentedLabels[0] == "*",
              !presentedLabels.dropFirst().contains(where: { $0.contains("*") || $0.isEmpty }),
              referenceLabels.count == presentedLabels.count,
              !referenceLabels[0].isEmpty
        else { return false }
        return presentedLabels.dropFirst().elementsEqual(referenceLabels.dropFirst())
    }

    /// Whether a presented dNSName is the IA5String it must be. RFC 5280 (section 7.2) puts an
    /// internationalised name there as A-labels only, so raw UTF-8 is a malformed entry, not a
    /// U-label to convert: a certificate that carries it names no host at all.
    static func isIA5(dnsName: String) -> Bool {
        dnsName.unicodeScalars.allSatisfy(\.isASCII)
    }

    /// The names on a certificate that a route could use instead, in the order they appear:
    /// concrete names as they are, wildcards as written.
    static func usableNames(_ names: SubjectAltNames?) -> [String] {
        guard let names else { return [] }
        return names.dnsNames.filter { name in
            guard isIA5(dnsName: name) else { return false }
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            if !name.contains("*") { return !name.isEmpty }
            return labels.count >= 3 && labels[0] == "*" && !labels.dropFirst().contains { $0.contains("*") }
        } + names.ipAddresses.map(\.description)
    }
}

/// What the certificate is checked against: the route host as a DNS name or as an address.
enum ReferenceIdentity: Hashable, Sendable {
    case dns(String)
    case ip(IPAddress)

    init(_ routeHost: String) {
        self.init(HostName(routeHost))
    }

    init(_ host: HostName) {
        if let address = host.address {
            self = .ip(address)
        } else {
            self = .dns(host.normalised)
        }
    }
}
