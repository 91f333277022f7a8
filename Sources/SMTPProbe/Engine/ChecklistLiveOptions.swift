/// What the checklist's live checks need beyond ``ProbeOptions``: where the domain checks
/// find their DNSSEC anchors and MTA-STS policies, and where the relay is reached from a lab.
public struct ChecklistLiveOptions: Sendable {
    /// DNSSEC trust anchors for a private or test zone, beside the root's (`--trust-anchor`).
    public var trustAnchorFile: String?
    /// Fetch MTA-STS policies here instead of mta-sts.DOMAIN (`--mta-sts-connect-to`).
    public var mtaSTSConnectTo: String?
    /// Connect here instead of the relay server's own addresses, still checking its
    /// certificate against the plan's `relay.server` (`--relay-connect-to`).
    public var relayConnectTo: String?
    /// Connect here instead of a fetched mailbox's POP3 or SMTP server's own addresses (a lab,
    /// a new server before its DNS changes), still checking the certificate against the
    /// server named in the plan (`--fetch-connect-to`).
    public var fetchConnectTo: String?
    /// The environment a fetched mailbox's `password_env` is read from (the command passes
    /// its process's).
    public var environment: [String: String] = [:]

    public init() {}
}
