import ArgumentParser
import SMTPProbe

/// A route's options on the command line: the TLS ones are on by default, as the console
/// recommends, and each can be turned off.
struct RouteOptionFlags: ParsableArguments {
    @Flag(name: .customLong("mx-lookup"), help: "The targets are mail domains: look up their MX hosts and test each (\"Perform MX lookup on host\"). One domain in text or JSON gives the route report; otherwise each MX host is a target of its own.")
    var mxLookup = false

    @Flag(name: .customLong("no-require-tls"), help: "Judge as a route with \"Require secure transport (TLS)\" off: mail may travel in clear.")
    var noRequireTLS = false

    @Flag(name: .customLong("no-require-ca-signed"), help: "Judge as a route with \"Require CA signed certificate\" off: any certificate is accepted.")
    var noRequireCASigned = false

    @Flag(name: .customLong("no-verify-hostname"), help: "Judge as a route with \"Validate certificate hostname\" off.")
    var noVerifyHostname = false

    @OptionGroup var dns: DNSServerOption

    var options: RouteOptions {
        RouteOptions(mxLookup: mxLookup, requireTLS: !noRequireTLS, requireCASigned: !noRequireCASigned,
                     validateHostname: !noVerifyHostname)
    }

}

/// `--dns-server`, the same for a probe and for a route file.
struct DNSServerOption: ParsableArguments {
    @Option(name: .customLong("dns-server"), help: ArgumentHelp("Ask this DNS server (IP address, optionally :port) instead of the system's resolver.", valueName: "address[:port]"))
    var dnsServer: String?

    func server() throws -> DNSServer? { try dnsServer.map(DNSServer.init(parsing:)) }
}
