#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The console's own checks of a route before it can be saved: a name, at least one host,
/// loads that add up to 100 in each table, and a port it allows.
enum RouteValidator {
    /// A host as it will be probed, or why it cannot be.
    struct CheckedHost: Sendable {
        var table: RouteTable
        var host: RouteHost
        var target: ProbeTarget?
        var mxLookup: Bool
        var problems: [RouteProblem]
    }

    /// The problems of the route as a whole (name, loads), and each host checked.
    static func check(_ route: Route, position: Int) -> (problems: [RouteProblem], hosts: [CheckedHost]) {
        var problems: [RouteProblem] = []
        if ProbeTarget.trimmingBlanks(route.name).isEmpty {
            problems.append(.routeNameMissing(position: position))
        }
        if route.primary.isEmpty {
            problems.append(.routeNoHosts(route: route.name.isEmpty ? "#\(position)" : route.name))
        }
        for (table, hosts) in [(RouteTable.primary, route.primary), (.secondary, route.secondary)] {
            if let problem = loadProblem(table, hosts) { problems.append(problem) }
        }
        let hosts = route.hosts.map { table, host in checkHost(host, table: table, route: route) }
        return (problems, hosts)
    }

    /// A single host needs no load; two or more must each have one, adding up to 100.
    private static func loadProblem(_ table: RouteTable, _ hosts: [RouteHost]) -> RouteProblem? {
        guard !hosts.isEmpty else { return nil }
        let loads = hosts.compactMap(\.load)
        if hosts.count == 1, loads.isEmpty { return nil }
        // Absurd values must not overflow the sum; they are named as out of range anyway.
        let total = loads.reduce(0) { sum, load in
            let (next, overflow) = sum.addingReportingOverflow(load)
            return overflow ? (load > 0 ? Int.max : Int.min) : next
        }
        let missing = hosts.count - loads.count
        let outOfRange = loads.contains { !(0...100).contains($0) }
        guard total != 100 || missing > 0 || outOfRange else { return nil }
        return .routeLoadsNot100(table: table, total: total, missing: missing, outOfRange: outOfRange)
    }

    private static func checkHost(_ host: RouteHost, table: RouteTable, route: Route) -> CheckedHost {
        let mxLookup = host.mxLookup ?? route.options.mxLookup
        var checked = CheckedHost(table: table, host: host, mxLookup: mxLookup, problems: [])
        // The entry as findings show it: escaped; cut short like any echoed input when it is
        // not a host at all (a parsed one is at most a host name and port long).
        let entry = host.entry.escapingUntrustedCharacters
        if let invisible = InvisibleCharacter.first(in: ProbeTarget.trimmingBlanks(host.entry)) {
            checked.problems.append(.routeInvalidHost(entry: host.entry.echoedInError, reason: .invisibleCharacter(invisible)))
            return checked
        }
        let target: ProbeTarget
        let portGiven: Bool
        do {
            (target, portGiven) = try ProbeTarget.parse(host.entry, defaultPort: host.port ?? route.port)
        } catch let error as SMTPProbeError {
            checked.problems.append(.routeInvalidHost(entry: host.entry.echoedInError, reason: .unusable(error.reason)))
            return checked
        } catch {
            checked.problems.append(.routeInvalidHost(entry: host.entry.echoedInError, reason: .unusable("\(error)")))
            return checked
        }
        // `host: mx.example.com:2525` with `port: 25` as well: which one is meant is a guess.
        if let port = host.port, portGiven, port != target.port {
            checked.problems.append(.routeInvalidHost(entry: entry, reason: .portTwice(inEntry: target.port, inKey: port)))
            return checked
        }
        if mxLookup, target.hostIsAddress {
            checked.problems.append(.mxLookupOfAddress(entry: entry, address: target.host))
            return checked
        }
        if !RoutePort.isAllowed(target.port) {
            checked.problems.append(.routePortNotAllowed(port: target.port, inRoute: true))
            return checked
        }
        checked.target = target
        return checked
    }
}
