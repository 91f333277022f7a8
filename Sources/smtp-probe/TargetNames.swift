import SMTPProbe

/// The name each result goes by in Nagios lines and Prometheus labels: `host:port`; and when
/// one name stands for two results in a run, what tells them apart, so that no two lines or
/// series look the same: the route options they were judged under (the same MX host in two
/// routes of a route file), and whether the result is about a mail domain's MX lookup rather
/// than a host of that name (a domain whose null MX is also the name of a listed host).
enum TargetNames {
    static func names(_ results: [BatchResult]) -> [String] {
        // Grouped as the same server, however the name is written (case, a final dot, U-labels).
        let counts = Dictionary(grouping: results) { $0.target.serverKey }.mapValues(\.count)
        return results.map { result in
            let name = result.target.description
            guard counts[result.target.serverKey, default: 0] > 1, case .success(let report) = result.outcome else { return name }
            let lookup = report.routeOptions.mxLookup && report.target.mxOf == nil ? "MX lookup, " : ""
            return "\(name) (\(lookup)\(describe(report.routeOptions)))"
        }
    }

    /// The route options as the command line's flags would set them.
    static func describe(_ options: RouteOptions) -> String {
        var off: [String] = []
        if !options.requireTLS { off.append("--no-require-tls") }
        if !options.requireCASigned { off.append("--no-require-ca-signed") }
        if !options.validateHostname { off.append("--no-verify-hostname") }
        return off.isEmpty ? "all checks" : off.joined(separator: " ")
    }
}
