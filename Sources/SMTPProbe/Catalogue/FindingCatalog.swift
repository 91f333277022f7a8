/// Turns problems of any family into findings in one language, judged under a route's
/// options: the one place that decides whether a route option waives a failure and whether
/// relaxing one is a remedy.
struct FindingCatalog: Sendable {
    let language: Language
    /// What the probed server is to the admin: the remedies that speak of a route's settings
    /// fit only a route's host.
    var server: ServerRole = .route

    /// What the probed server is to the admin.
    enum ServerRole: Sendable {
        /// A host Gmail delivers to under a route's options (an inbound route, the gateway,
        /// a domain's MX host): the route's settings are the admin's to change.
        case route
        /// A server reached in another role (a mailbox's POP3, IMAP or SMTP submission
        /// server, the SMTP relay): there is no route setting to turn off, and the people to
        /// ask are whoever runs the server.
        case service
    }

    init(language: Language, server: ServerRole = .route) {
        self.language = language
        self.server = server
    }

    func finding(for problem: some CheckProblem, routeHost: String, address: String?,
                 options: RouteOptions = RouteOptions()) -> Finding {
        var remedies: [any CheckRemedy] = problem.remedies
        let relaxing = problem.relaxableBy
        let waiver = problem.severity == .fail ? options.waiver(relaxing: relaxing) : nil
        // Turning off an option that is off already is no remedy; under a waiver none is needed.
        if waiver == nil, !relaxing.isEmpty, relaxing.contains(where: options.isOn), server == .route {
            remedies.append(SharedRemedy.relaxRouteOptions(relaxing))
        }
        if server == .service {
            // Each family names the route's relay provider with the shared remedy's kind.
            var kinds: Set<String> = []
            remedies = remedies.map { $0.kind == SharedRemedy.askRelayProvider.kind ? SharedRemedy.askServerProvider : $0 }
                .filter { kinds.insert($0.kind).inserted }
        }
        return Finding(
            code: problem.code,
            severity: waiver == nil ? problem.severity : .warn,
            message: problem.message(language),
            detail: problem.detail(language),
            // Under a waiver the console's test passes: it does not say "could not verify".
            consoleMessage: problem.isCertificateVerificationFailure && waiver == nil
                ? TextFormat.consoleCouldNotVerify(language) : nil,
            certificate: problem.certificate?.position,
            address: address,
            remedies: remedies.map { Remedy(kind: $0.kind, text: $0.text(language, routeHost: routeHost), routeOptions: $0.routeOptions) },
            waivedBy: waiver,
            relaxableBy: relaxing)
    }

    func finding(for problem: Problem, routeHost: String, address: String?,
                 options: RouteOptions = RouteOptions()) -> Finding {
        finding(for: problem.base, routeHost: routeHost, address: address, options: options)
    }
}

extension Route {
    /// What the console would refuse about this route before any probe: the `route.*`
    /// findings of the route and of its hosts. `position` (from 1) names a route without a name.
    public func consoleFindings(language: Language = .en, position: Int = 1) -> [Finding] {
        let catalog = FindingCatalog(language: language)
        let checked = RouteValidator.check(self, position: position)
        return checked.problems.map { catalog.finding(for: $0, routeHost: name, address: nil) }
            + checked.hosts.flatMap { host in
                host.problems.map { catalog.finding(for: $0, routeHost: host.host.entry.escapingUntrustedCharacters, address: nil) }
            }
    }
}
