/// One problem (or one fact worth knowing) found by a probe: a result, not an error.
public struct Finding: Codable, Hashable, Sendable {
    public var code: FindingCode
    public var severity: Severity
    /// One line, in the report's language.
    public var message: String
    /// The specifics: names, dates, which certificate.
    public var detail: String?
    /// What the admin console itself would say, where it would say anything.
    public var consoleMessage: String?
    /// The certificate concerned, by its position in the chain as sent (0 = the server's own).
    public var certificate: Int?
    /// The address probed, when the finding concerns one address of several.
    public var address: String?
    /// What to do, most direct fix first; relaxing a route option always comes last.
    public var remedies: [Remedy]
    /// The route options, turned off, that let this failure pass: it is then a warning that
    /// stays visible. Nil when the route's options do not change it.
    public var waivedBy: [RouteOption]?
    /// The route options that, turned off, would let the console's test pass despite this
    /// finding, as its family of checks decided. Not in reports: the probe that made the
    /// finding knows it, a reader of the report reads `waived_by` and the remedies.
    var relaxableBy: [RouteOption] = []

    enum CodingKeys: String, CodingKey {
        case code, severity, message, detail, consoleMessage = "console_message", certificate, address, remedies
        case waivedBy = "waived_by"
    }
}

/// One thing an admin can do about a finding.
public struct Remedy: Codable, Hashable, Sendable {
    /// A stable identifier of the kind of remedy, e.g. `use_certificate_hostname`.
    public var kind: String
    public var text: String
    /// For `relax_route_option`: the console options that would have to be turned off.
    public var routeOptions: [RouteOption]?

    enum CodingKeys: String, CodingKey {
        case kind, text, routeOptions = "route_options"
    }
}

/// How serious a finding is.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    /// Worth knowing; changes nothing.
    case info
    /// The test would pass, but something needs attention.
    case warn
    /// Gmail's "Test TLS connection" would fail, or mail would not be delivered.
    case fail

    private var rank: Int {
        switch self {
        case .info: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
