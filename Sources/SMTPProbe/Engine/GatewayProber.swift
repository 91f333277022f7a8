/// `smtp-probe gateway`: the route test of an outbound gateway (seed 001: the gateway is
/// configured as a route, with the same options and "Test TLS connection"), and in the same
/// connection, after TLS, the one open-relay test (``RelayTestPlan``).
///
/// This is the only place a ``RelayTestPlan`` is made, so the only command whose conversation
/// can send MAIL and RCPT.
public struct GatewayProber: Sendable {
    private let routes: RouteProber

    /// The recipient's domain when none is given: reserved (RFC 2606), so no gateway can be
    /// responsible for it and nothing relayed to it could ever be delivered.
    public static let defaultRelayTo = "smtp-probe-relay-test@example.net"

    public init(prober: SMTPProber) {
        routes = RouteProber(prober: prober)
    }

    /// Tests the gateway `entry` (`host[:port]`) as a route under `options.route`, then asks it
    /// to relay `MAIL FROM:<postmaster@fromDomain>` (default: the gateway's parent domain, as
    /// Google would send for it) to `relayTo` (default ``defaultRelayTo``). Throws
    /// ``SMTPProbeError/Code/invalidOption`` for an address that cannot stand in an envelope,
    /// or when the gateway is an IP address and no `fromDomain` is given.
    public func probe(_ entry: String, options: ProbeOptions, fromDomain: String?, relayTo: String?,
                      deadline: Double? = nil) async throws -> RouteReport {
        let target = try ProbeTarget(parsing: entry)
        let plan = try Self.plan(for: target, fromDomain: fromDomain, relayTo: relayTo)
        var options = options
        options.relayTest = plan
        let route = Route(name: entry, options: options.route, port: target.port, primary: [RouteHost(entry: entry)])
        var report = try await routes.probe(route, options: options, deadline: deadline)
        // What the route test means for the mail, said without the open-relay findings: an
        // open relay bounces nothing, it delivers too much.
        let routeTestOnly = report.hosts.map(Self.withoutGatewayFindings)
        report.consequences = RouteConsequence.of(routeTestOnly, routeFindings: report.findings)
            .map { $0.text(options.language) }
        return report
    }

    private static func withoutGatewayFindings(_ given: RouteHostReport) -> RouteHostReport {
        var host = given
        host.probes = host.probes.map { given in
            var probe = given
            probe.findings.removeAll { $0.code.area == .gateway }
            probe.verdict = Verdict(findings: probe.findings)
            return probe
        }
        host.verdict = Verdict(findings: host.findings).worse(host.probes.map(\.verdict).max())
        return host
    }

    static func plan(for target: ProbeTarget, fromDomain: String?, relayTo: String?) throws -> RelayTestPlan {
        let domain: String
        if let fromDomain {
            domain = fromDomain
        } else {
            guard IPAddress(target.host) == nil else {
                throw SMTPProbeError(.invalidOption, "the gateway is given as an IP address: say the domain it sends for with --from-domain")
            }
            domain = parentDomain(of: target.name.normalised)
        }
        let mailFrom = "postmaster@" + domain
        guard RelayTestPlan.isEnvelopeAddress(mailFrom) else {
            throw SMTPProbeError(.invalidOption, "'\(domain.echoedInError)' is not a domain that can follow postmaster@ in MAIL FROM")
        }
        let rcptTo = relayTo ?? defaultRelayTo
        guard RelayTestPlan.isEnvelopeAddress(rcptTo) else {
            throw SMTPProbeError(.invalidOption, "'\(rcptTo.echoedInError)' is not an address such as someone@example.net")
        }
        return RelayTestPlan(mailFrom: mailFrom, rcptTo: rcptTo)
    }

    /// `gw.example.com` → `example.com`; a name of two labels is its own domain.
    static func parentDomain(of host: String) -> String {
        let labels = host.split(separator: ".")
        return labels.count > 2 ? labels.dropFirst().joined(separator: ".") : host
    }
}
