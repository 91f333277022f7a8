/// How `smtp-probe domain` checks mail domains: the probe's knobs for the MX hosts, and the
/// domain checks' own.
public struct DomainCheckOptions: Sendable {
    /// How each MX host is probed (port 25, under its MX name): timeout, trust anchors,
    /// validation time, EHLO name, language and `--dns-server`. Route options are not taken
    /// from here: an MX host is judged as a sender requiring TLS and a valid certificate
    /// (every route option on), which is also what an MTA-STS `enforce` policy asks.
    public var probe = ProbeOptions()
    /// The DKIM selectors looked up at every domain (`--dkim-selector`).
    public var dkimSelectors = ["google"]
    /// Mail for the domains should reach Google Workspace (`--expect-google`): then MX hosts
    /// that are not Google's, and SPF without Google's include, are findings.
    public var expectGoogle = false
    /// DS or DNSKEY lines anchoring a private or test zone, beside the root's (`--trust-anchor`).
    public var trustAnchorFile: String?
    /// Fetch every MTA-STS policy from this address (`address[:port]`) instead of the
    /// addresses of `mta-sts.DOMAIN`, still checking the certificate against that name.
    public var mtaSTSConnectTo: String?
    /// Domains checked at the same time, connections per MX address, and the run's deadline.
    public var batch = BatchOptions()

    public init() {}
}

/// What to check at one domain, for a caller (such as a migration plan) that knows more of
/// each domain than the run's options say.
public struct DomainCheckRequest: Sendable, Hashable {
    /// The mail domain, as typed (a final dot and upper case are fine).
    public var domain: String
    /// Nil: the run's ``DomainCheckOptions/expectGoogle``.
    public var expectGoogle: Bool?
    /// Nil: the run's ``DomainCheckOptions/dkimSelectors``.
    public var dkimSelectors: [String]?

    public init(domain: String, expectGoogle: Bool? = nil, dkimSelectors: [String]? = nil) {
        self.domain = domain
        self.expectGoogle = expectGoogle
        self.dkimSelectors = dkimSelectors
    }
}
