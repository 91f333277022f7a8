/// The stable identifier of a kind of finding, e.g. `cert.expired`. Monitoring keys on these;
/// they never change meaning, and new ones may be added.
public struct FindingCode: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What a code is about: the part before its first dot, which every code is named under
    /// (`cert.expired` is about the certificate). Renderers group and pick findings by this,
    /// never by reading the string themselves.
    public var area: FindingArea {
        let prefix = rawValue.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        return FindingArea(rawValue: prefix) ?? .other
    }
}

/// The areas finding codes are named under, in the order a probe meets them.
public enum FindingArea: String, Sendable, CaseIterable {
    case route, dns, connect, smtp, starttls, tls, cert, probe
    /// A mail domain's MTA-STS record and policy (RFC 8461).
    case mtaSTS = "mta_sts"
    /// A code from a newer smtp-probe, read back from a report.
    case other
}
