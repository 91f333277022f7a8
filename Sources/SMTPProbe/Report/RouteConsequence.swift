/// What a failing host means for the mail of its route, before it is put into words.
enum RouteConsequence: Hashable, Sendable {
    /// The route's only host fails: all of its mail bounces.
    case onlyHostFails(host: String)
    /// A primary host fails: its share of the mail bounces.
    case primaryHostFails(host: String, load: Int?, hosts: Int)
    /// Every primary host fails.
    case allPrimaryFail(secondaries: Int)
    /// A secondary host fails: mail that falls back to it bounces.
    case secondaryHostFails(host: String)
    /// One MX host of a looked-up domain fails.
    case mxHostFails(domain: String, exchange: String, preference: Int, of: Int)
    /// The console refuses to save the route as it is.
    case routeRefused

    /// What the failures of a route's hosts mean for its mail.
    static func of(_ hosts: [RouteHostReport], routeFindings: [Finding]) -> [RouteConsequence] {
        var consequences: [RouteConsequence] = []
        if routeFindings.contains(where: { $0.severity == .fail })
            || hosts.contains(where: { $0.findings.contains { $0.code.area == .route && $0.severity == .fail } }) {
            consequences.append(.routeRefused)
        }
        let primary = hosts.filter { $0.table == .primary }
        let secondary = hosts.filter { $0.table == .secondary }
        // When every primary host fails, that is said once, below: a share of the mail per
        // host would contradict it.
        let allPrimaryFail = (primary.count > 1 || !secondary.isEmpty) && primary.allSatisfy { $0.verdict == .fail }
        for host in hosts where host.verdict == .fail && !host.isRefused {
            // The probes are of the MX hosts probed, which need not be every record (a null MX
            // beside them, hosts beyond the limit): each is matched to its record by name.
            let exchanges = host.mx?.filter { !$0.isNull } ?? []
            if host.mxLookup, exchanges.count > 1, host.entryFindingsPass {
                for probe in host.probes where probe.verdict == .fail {
                    guard let record = exchanges.first(where: { $0.exchange == probe.target.host }) else { continue }
                    consequences.append(.mxHostFails(domain: host.entry, exchange: record.exchange,
                                                     preference: record.preference, of: exchanges.count))
                }
                continue
            }
            switch host.table {
            case .primary where primary.count == 1 && secondary.isEmpty:
                consequences.append(.onlyHostFails(host: host.entry))
            case .primary where allPrimaryFail:
                break
            case .primary:
                consequences.append(.primaryHostFails(host: host.entry, load: host.load, hosts: primary.count))
            case .secondary:
                consequences.append(.secondaryHostFails(host: host.entry))
            }
        }
        if allPrimaryFail {
            consequences.append(.allPrimaryFail(secondaries: secondary.count))
        }
        return consequences
    }
}

extension RouteHostReport {
    /// The route may not use this host at all (a refused port, an unusable entry).
    var isRefused: Bool { findings.contains { $0.code.area == .route && $0.severity == .fail } }
    /// The entry's own DNS does not fail (no null MX, no failed lookup).
    var entryFindingsPass: Bool { !findings.contains { $0.severity == .fail } }
}
