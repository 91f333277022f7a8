/// The live `domain` checks of a plan's domains, as `smtp-probe domain` makes them, with the
/// plan's `mail_to_google` as the expectation and its `dkim_selectors`. Each failure or
/// warning is one line; each family of checks that found nothing is one line passed.
///
/// The MX hosts are probed by the domain checker itself (port 25, under their MX names, every
/// TLS option on). Their probes are handed to the route tests: a route naming such a host on
/// port 25 with every TLS option on takes the probe made (``RouteProber``'s `made`); a route
/// with another port or an option off is a different test, made anew.
struct ChecklistDomainTest {
    let plan: MigrationPlan

    /// The families a domain's findings are grouped by, by their codes' area, in report order.
    static let families: [(area: String, name: String)] = [
        ("mx", "MX"), ("dnssec", "DNSSEC"), ("dane", "DANE"), ("spf", "SPF"), ("dkim", "DKIM"),
        ("dmarc", "DMARC"), ("mta_sts", "MTA-STS"), ("tls_rpt", "TLS-RPT"),
    ]

    /// The domains' lines, and each MX host's probe by normalised name, for the route tests
    /// to take rather than make again.
    func items(offline: Bool, options: ProbeOptions, live: ChecklistLiveOptions,
               deadline: Double) async throws -> (items: [ChecklistItem], mxProbes: [String: ProbeReport]) {
        let language = options.language
        guard !offline, !plan.domains.isEmpty else {
            return (plan.domains.map { domain in
                ChecklistLiveCheck.domain(domain.value.echoedInError)
                    .skipped(.offline, area: .dns, location: plan.location(line: domain.line), language: language)
            }, [:])
        }
        var checkOptions = DomainCheckOptions()
        checkOptions.probe = options
        checkOptions.trustAnchorFile = live.trustAnchorFile
        checkOptions.mtaSTSConnectTo = live.mtaSTSConnectTo
        checkOptions.batch.deadline = deadline
        let checker = try DomainChecker(prober: try SMTPProber(), options: checkOptions)
        let requests = plan.domains.map {
            DomainCheckRequest(domain: $0.value, expectGoogle: plan.mailToGoogle.value, dkimSelectors: plan.dkimSelectors)
        }
        let reports = try await checker.check(requests)
        let items = zip(plan.domains, reports).flatMap { domain, report in
            Self.items(report, shown: domain.value.echoedInError, checkedDKIM: !plan.dkimSelectors.isEmpty, location: plan.location(line: domain.line), language: language)
        }
        var probes: [String: ProbeReport] = [:]
        for host in reports.flatMap(\.mx) {
            if let probe = host.probe { probes[ProbeTarget(host: host.exchange, port: 25).name.normalised] = probe }
        }
        return (items, probes)
    }

    /// One domain's lines: its notable findings (the MX hosts' probes' named by host), then a
    /// passed line for each family without one.
    static func items(_ report: DomainReport, shown: String, checkedDKIM: Bool, location: PlanLocation, language: Language) -> [ChecklistItem] {
        let findings = report.findings.map { (shown, $0) } + report.mx.flatMap { host in
            (host.probe?.findings ?? []).map { ("\(host.exchange)", $0) }
        }
        let notable = findings.filter { $0.1.severity != .info }
        var items = notable.map { target, finding in
            var line = ChecklistItem(area: .dns, finding: finding, live: true, location: location)
            line.message = "\(target): \(finding.message)"
            return line
        }
        // Answers that could not be had or trusted (a failed lookup, bogus DNSSEC) leave the
        // other families unchecked, not passed: no passed line then.
        guard !notable.contains(where: { $0.1.severity == .fail && ["dns", "dnssec"].contains($0.1.code.area.rawValue) }) else {
            return items
        }
        let known = Set(families.map(\.area))
        for family in families where !notable.contains(where: { $0.1.code.area.rawValue == family.area }) {
            // Without selectors no DKIM key was looked up: nothing passed.
            if family.area == "dkim", !checkedDKIM { continue }
            items.append(passed(ChecklistLiveCheck.domainFamily(domain: shown, family: family.name), location: location, language: language))
        }
        if !report.mx.isEmpty, !notable.contains(where: { !known.contains($0.1.code.area.rawValue) }) {
            items.append(passed(ChecklistLiveCheck.domainFamily(domain: shown, family: nil), location: location, language: language))
        }
        return items
    }

    private static func passed(_ check: ChecklistLiveCheck, location: PlanLocation, language: Language) -> ChecklistItem {
        ChecklistItem(area: .dns, code: check.code, status: .pass, severity: nil, live: true,
                      message: check.passed(language), location: location)
    }
}
