/// The test of one route: every host probed as the console would, and the verdict under the
/// route's options.
public struct RouteReport: Codable, Sendable {
    public var schemaVersion = ProbeReport.currentSchemaVersion
    public var tool = "smtp-probe \(SMTPProbeVersion.current)"
    public var name: String
    public var options: RouteOptions
    /// Fail when the console would refuse the route, or when a host's test fails under the
    /// route's options (mail to it would bounce); warn and pass as for a probe.
    public var verdict: Verdict
    /// About the route itself: `route.*` (what the console refuses to save).
    public var findings: [Finding]
    public var hosts: [RouteHostReport]
    /// What happens to the mail when some hosts fail, in plain words.
    public var consequences: [String]
    /// When the verdict is fail because of the servers: the smallest sets of options that,
    /// turned off, would let every host pass. Empty when no option would help.
    public var relaxations: [Relaxation]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", tool, name, options, verdict, findings, hosts, consequences, relaxations
    }
}

/// One host of a route: what was probed for it, the MX hosts when the route looks them up.
public struct RouteHostReport: Codable, Sendable {
    public var table: RouteTable
    /// As written in the route.
    public var entry: String
    public var port: Int?
    public var load: Int?
    public var mxLookup: Bool
    /// The MX records found, in preference order, when MX lookup is on.
    public var mx: [MXRecord]?
    /// About the entry itself: its DNS (null MX, no MX, an alias) and whether the route may
    /// use it. Each probe's own findings are in ``probes``.
    public var findings: [Finding]
    /// One probe per host name: the entry itself, or each MX host in preference order.
    public var probes: [ProbeReport]
    public var verdict: Verdict

    enum CodingKeys: String, CodingKey {
        case table, entry, port, load, mxLookup = "mx_lookup", mx, findings, probes, verdict
    }
}

/// The test of every route in a route file.
public struct RouteFileReport: Codable, Sendable {
    public var schemaVersion = ProbeReport.currentSchemaVersion
    public var tool = "smtp-probe \(SMTPProbeVersion.current)"
    public var file: String
    /// The worst verdict of its routes.
    public var verdict: Verdict
    public var routes: [RouteReport]

    public init(file: String, routes: [RouteReport]) {
        self.file = file
        self.routes = routes
        verdict = routes.map(\.verdict).max() ?? .pass
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", tool, file, verdict, routes
    }
}
