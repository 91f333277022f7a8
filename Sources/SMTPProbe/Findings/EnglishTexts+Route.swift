extension EnglishTexts {
    func consequence(_ consequence: RouteConsequence) -> String {
        switch consequence {
        case .onlyHostFails(let host):
            "\(host) fails the test: all mail on this route would bounce."
        case .primaryHostFails(let host, let load, let hosts):
            "Primary host \(host) fails the test: \(share(load, of: hosts)) of this route's mail would bounce."
        case .allPrimaryFail(let secondaries):
            "Every primary host fails the test: none of this route's mail can be delivered to them"
                + (secondaries > 0 ? "; only the secondary hosts are left." : ".")
        case .secondaryHostFails(let host):
            "Secondary host \(host) fails the test: mail that falls back to it would bounce."
        case .mxHostFails(let domain, let exchange, let preference, let count):
            "MX host \(exchange) (preference \(preference), one of \(count)) of \(domain) fails the test: mail delivered to it would bounce."
        case .routeRefused:
            "The console would refuse to save this route as it is; see the route's findings."
        }
    }

    private func share(_ load: Int?, of hosts: Int) -> String {
        switch load {
        case 50?: "half"
        case 100?: "all"
        case let load?: "\(load) %"
        case nil where hosts == 1: "all"
        case nil: "its share (1 of \(hosts) hosts)"
        }
    }
}
