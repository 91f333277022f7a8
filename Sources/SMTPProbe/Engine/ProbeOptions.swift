#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// How to probe: the knobs of `smtp-probe HOST[:PORT]`.
public struct ProbeOptions: Sendable {
    /// The EHLO name; nil for this machine's fully qualified name, or the address literal of
    /// the connection when the machine has none. Check a user's value with ``EHLOName/validate(_:)``.
    public var ehloName: String?
    /// The deadline of each phase (connect, greeting, each command, the handshake), in seconds.
    public var timeout: Double = 10
    /// Trust anchors for the chain check.
    public var trust: TrustSource = .system
    /// Connect here (an IP address, or a host name to resolve) instead of the target's own
    /// addresses, still checking the certificate against the target host.
    public var connectTo: String?
    /// Judge certificates as of this moment instead of now.
    public var validationTime: Date?
    /// A certificate that expires within this many days gets `cert.expiring_soon`.
    public var expiryWarningDays = 30
    /// A certificate that expires within this many days gets `cert.expiring_critical`, a
    /// failure, instead of the warning; nil (the default) never fails on expiry alone.
    public var expiryCriticalDays: Int?
    /// How to start TLS; nil for the port's default (implicit on 465, STARTTLS elsewhere).
    public var tlsMode: TLSMode?
    /// The language of messages and remedies.
    public var language: Language = .en
    /// The route's TLS options, which decide the verdict: a failure an option that is off
    /// waives becomes a warning. MX lookup is done by ``RouteProber``, not here.
    public var route = RouteOptions()
    /// Ask this DNS server (`address` or `address:port`) instead of the system's resolver.
    public var dnsServer: DNSServer?
    /// Keep every line sent and received in each address's report (`--transcript`), secrets
    /// masked.
    public var transcript = false
    /// The open-relay test; set only by ``GatewayProber``, never by a command line's options.
    var relayTest: RelayTestPlan?
    /// Whether the port is judged as a route's (`route.port_not_allowed`); not for the relay.
    var judgesRoutePort = true
    /// The protocol to speak: SMTP (the route test), submission, POP3 or IMAP.
    public var mailProtocol: MailProtocol = .smtp
    /// The opt-in login test: sent only inside TLS whose checks passed under ``route``.
    public var login: LoginCredentials?

    public init() {}

    /// How TLS starts on `port`: the chosen mode, or the protocol's default for the port.
    func tlsMode(port: Int) -> TLSMode {
        tlsMode ?? (mailProtocol.implicitTLSByDefault(port: port) ? .implicit : .starttls)
    }
}

extension FindingCatalog {
    /// The catalogue of a probe under `options`: the server is a route's host unless the
    /// probe speaks another protocol than SMTP under a route's rules (POP3, IMAP, submission,
    /// the relay).
    init(language: Language, probing options: ProbeOptions) {
        self.init(language: language, server: options.mailProtocol == .smtp && options.judgesRoutePort ? .route : .service)
    }
}
