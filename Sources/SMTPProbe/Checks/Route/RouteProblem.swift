/// The route checks: what the admin console itself refuses about a route before any probe
/// (a name, hosts, loads, ports). Judges the facts of Routes/.
enum RouteProblem: CheckProblem {
    /// A port the console refuses for a route (465, or below 1024 other than 25 and 587).
    /// In a route file the console refuses to save it (a failure); for a plain probe it is a
    /// warning, since the port may serve the SMTP relay service.
    case routePortNotAllowed(port: Int, inRoute: Bool)
    case routeNameMissing(position: Int)
    case routeNoHosts(route: String)
    /// `outOfRange`: some load is below 0 or above 100, whatever the total.
    case routeLoadsNot100(table: RouteTable, total: Int, missing: Int, outOfRange: Bool)
    case routeInvalidHost(entry: String, reason: InvalidHostReason)
    /// The console's recommendation, judged in a plan only: a host named by its IP address
    /// rather than its host name.
    case routeHostIsAddress(entry: String)
    /// The console's recommendation, judged in a plan only: a recommended TLS option is off.
    case routeTLSOptionOff(route: String, options: [RouteOption])

    /// An MX lookup asked of an IP address: there is no mail domain to look up.
    static func mxLookupOfAddress(entry: String, address: String) -> RouteProblem {
        .routeInvalidHost(entry: entry, reason: .mxLookupOfAddress(address))
    }

    /// The warning for a target probed on a port no route may use.
    static func port(_ port: Int) -> [RouteProblem] {
        RoutePort.isAllowed(port) ? [] : [.routePortNotAllowed(port: port, inRoute: false)]
    }

    static let codes: [FindingCode] = [.routePortNotAllowed, .routeNameMissing, .routeNoHosts, .routeLoadsNot100, .routeInvalidHost,
                                       .routeHostIsAddress, .routeTLSOptionOff]

    var code: FindingCode {
        switch self {
        case .routePortNotAllowed: .routePortNotAllowed
        case .routeNameMissing: .routeNameMissing
        case .routeNoHosts: .routeNoHosts
        case .routeLoadsNot100: .routeLoadsNot100
        case .routeInvalidHost: .routeInvalidHost
        case .routeHostIsAddress: .routeHostIsAddress
        case .routeTLSOptionOff: .routeTLSOptionOff
        }
    }

    var severity: Severity {
        switch self {
        case .routePortNotAllowed(_, let inRoute): inRoute ? .fail : .warn
        case .routeHostIsAddress, .routeTLSOptionOff: .warn
        default: .fail
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [RouteRemedy] {
        switch self {
        case .routePortNotAllowed: [.useRoutePort]
        case .routeNameMissing: [.nameRoute]
        case .routeNoHosts, .routeInvalidHost: [.fixRouteHost]
        case .routeLoadsNot100(let table, _, _, _): [.fixLoads(table: table)]
        case .routeHostIsAddress: [.nameHostByName]
        case .routeTLSOptionOff(_, let options): [.turnOnTLSOptions(options)]
        }
    }
}

/// Why a route's host entry cannot be used, for `route.invalid_host`.
enum InvalidHostReason: Hashable, Sendable {
    /// MX lookup was asked of an IP address.
    case mxLookupOfAddress(String)
    /// The entry names one port and its `port:` key another.
    case portTwice(inEntry: Int, inKey: Int)
    /// The entry holds a character that cannot be seen (a format character, a separator...).
    case invisibleCharacter(InvisibleCharacter)
    /// The entry is no host name or address: the parser's explanation.
    case unusable(String)
}

/// The remedies of the route checks.
enum RouteRemedy: CheckRemedy {
    case useRoutePort
    case nameRoute
    case fixLoads(table: RouteTable)
    case fixRouteHost
    case nameHostByName
    case turnOnTLSOptions([RouteOption])

    var kind: String {
        switch self {
        case .useRoutePort: "use_route_port"
        case .nameRoute: "name_route"
        case .fixLoads: "fix_loads"
        case .fixRouteHost: "fix_route_host"
        case .nameHostByName: "name_host_by_name"
        case .turnOnTLSOptions: "turn_on_tls_options"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText(routeHost: routeHost), ja: jaText(routeHost: routeHost))
    }
}

extension FindingCode {
    public static let routePortNotAllowed = FindingCode("route.port_not_allowed")
    public static let routeNameMissing = FindingCode("route.name_missing")
    public static let routeNoHosts = FindingCode("route.no_hosts")
    public static let routeLoadsNot100 = FindingCode("route.loads_not_100")
    public static let routeInvalidHost = FindingCode("route.invalid_host")
    public static let routeHostIsAddress = FindingCode("route.host_is_address")
    public static let routeTLSOptionOff = FindingCode("route.tls_option_off")
}
