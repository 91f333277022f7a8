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
        FindingArea(rawValue: rawValue.split(separator: ".", maxSplits: 1).first.map(String.init) ?? "")
    }
}

/// The area a finding code is named under. A new family of checks brings its own area (such
/// as `spf`) without registering it here; the areas the renderers single out are named.
public struct FindingArea: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let route = FindingArea(rawValue: "route")
    public static let dns = FindingArea(rawValue: "dns")
    public static let connect = FindingArea(rawValue: "connect")
    public static let smtp = FindingArea(rawValue: "smtp")
    public static let starttls = FindingArea(rawValue: "starttls")
    public static let tls = FindingArea(rawValue: "tls")
    public static let cert = FindingArea(rawValue: "cert")
    /// The outbound gateway's open-relay test (`smtp-probe gateway`), not the route test.
    public static let gateway = FindingArea(rawValue: "gateway")
}
