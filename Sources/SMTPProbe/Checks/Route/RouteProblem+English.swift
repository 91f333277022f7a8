#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The English words of the route checks: each problem's message and detail, and each remedy.
extension RouteProblem {
    var enMessage: String {
        switch self {
        case .routePortNotAllowed(let port, _): "Port \(port) cannot be used in a Google Workspace route"
        case .routeNameMissing(let position): "Route #\(position) has no name"
        case .routeNoHosts(let route): "Route \"\(route)\" names no host"
        case .routeLoadsNot100(let table, let total, let missing, let outOfRange):
            outOfRange ? "A \(table.rawValue) host's load is outside 0 – 100 %"
                : missing > 0 ? "\(missing) of the \(table.rawValue) hosts \(missing == 1 ? "has" : "have") no load"
                : "The \(table.rawValue) hosts' loads add up to \(total) %, not 100 %"
        case .routeInvalidHost(let entry, _): "\"\(entry)\" is not a host a route can use"
        case .routeHostIsAddress(let entry): "\(entry) is named by its IP address, not its host name"
        case .routeTLSOptionOff(let route, let options):
            "Route \"\(route)\" has \(options.map { "\"\($0.consoleName(.en))\"" }.joined(separator: " and ")) off"
        }
    }

    var enDetail: String? {
        switch self {
        case .routeNameMissing:
            "The console refuses to save a route without a name."
        case .routeNoHosts:
            "A route needs at least one host, by name or address."
        case .routeLoadsNot100(let table, _, _, _):
            "The console requires a load for each \(table.rawValue) host, each from 0 to 100 %, adding up to exactly 100 (a table of one host may leave it out)."
        case .routeInvalidHost(_, let reason):
            invalidHost(reason)
        case .routeHostIsAddress:
            "The console recommends the server's host name: the certificate names it, and an address changes with the server."
        case .routeTLSOptionOff(_, let options):
            "The console turns the TLS options on by default and recommends keeping them on: " + options.map { $0.cost(.en) }.joined(separator: " ")
        case .routePortNotAllowed(let port, _):
            port == 465
                ? "Port 465 speaks TLS from the first byte (implicit TLS). The SMTP relay service accepts it from your servers, but a route's host must take STARTTLS on port 25, 587 or 1024-65535."
                : "A route's port must be 25, 587 or in the range 1024-65535."
        }
    }

    private func invalidHost(_ reason: InvalidHostReason) -> String {
        switch reason {
        case .mxLookupOfAddress(let address): "MX lookup needs a mail domain; \(address) is an address."
        case .portTwice(let inEntry, let inKey):
            "The entry names port \(inEntry) and its port key says \(inKey): give the port once."
        case .invisibleCharacter(let invisible):
            "Character \(invisible.position) is \(invisible.codePoint), \(invisible.kind); type the host name again without it."
        case .unusable(let explanation): explanation
        }
    }
}

extension RouteRemedy {
    func enText(routeHost: String) -> String {
        switch self {
        case .nameRoute:
            "Give the route a name."
        case .fixLoads(let table):
            "Give every \(table.rawValue) host a load so that together they add up to 100."
        case .fixRouteHost:
            "Name each host by a DNS name (recommended) or an IP address, optionally with :port."
        case .useRoutePort:
            "For a route, point it at the server's STARTTLS port: 25, 587, or one in 1024-65535."
        case .nameHostByName:
            "In the route's settings (Admin console > Apps > Google Workspace > Gmail > Hosts), enter the server's host name, the one on its certificate."
        case .turnOnTLSOptions(let options):
            "Turn on \(options.map { "\"\($0.consoleName(.en))\"" }.joined(separator: " and ")) in the route's settings (Admin console > Apps > Google Workspace > Gmail > Hosts) once the server's test passes with \(options.count == 1 ? "it" : "them")."
        }
    }
}
