/// A Google Workspace route as the admin console holds it: a name, its options, and one host
/// or primary and secondary tables of hosts with load shares.
public struct Route: Hashable, Sendable {
    /// The route's name; the console refuses to save a route without one.
    public var name: String
    public var options: RouteOptions
    /// The port of hosts that do not give their own (25 unless set).
    public var port: Int
    public var primary: [RouteHost]
    public var secondary: [RouteHost]

    public init(name: String, options: RouteOptions = RouteOptions(), port: Int = ProbeTarget.defaultPort,
                primary: [RouteHost], secondary: [RouteHost] = []) {
        self.name = name
        self.options = options
        self.port = port
        self.primary = primary
        self.secondary = secondary
    }

    /// Every host, primary first, with its table.
    public var hosts: [(table: RouteTable, host: RouteHost)] {
        primary.map { (.primary, $0) } + secondary.map { (.secondary, $0) }
    }
}

/// One host of a route.
public struct RouteHost: Hashable, Sendable {
    /// As written: a host name (recommended) or an IP address, optionally with `:port`.
    public var entry: String
    /// Its port when the entry does not carry one.
    public var port: Int?
    /// Its share of the table's mail, in percent; nil when not given.
    public var load: Int?
    /// Overrides the route's "Perform MX lookup on host" for this host.
    public var mxLookup: Bool?

    public init(entry: String, port: Int? = nil, load: Int? = nil, mxLookup: Bool? = nil) {
        self.entry = entry
        self.port = port
        self.load = load
        self.mxLookup = mxLookup
    }
}

/// The two tables of a route with several hosts.
public enum RouteTable: String, Codable, Hashable, Sendable {
    /// Mail is shared among these by load.
    case primary
    /// Used when the primary hosts cannot take the mail.
    case secondary

    var japaneseName: String {
        switch self {
        case .primary: "プライマリ"
        case .secondary: "セカンダリ"
        }
    }
}
