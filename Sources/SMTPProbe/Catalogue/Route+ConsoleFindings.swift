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
