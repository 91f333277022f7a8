#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// How to fetch a domain's MTA-STS policy: the probe's own knobs, as they apply to HTTPS.
public struct MTASTSFetchOptions: Sendable {
    /// The deadline of each phase (connect, TLS handshake, response), in seconds.
    public var timeout: Double = 10
    /// Trust anchors for the policy host's certificate.
    public var trust: TrustSource = .system
    /// Connect here (an address, or a host name to resolve) instead of the addresses of
    /// `mta-sts.DOMAIN`, still checking the certificate against that name.
    public var connectHost: String?
    /// Connect to this port instead of 443.
    public var connectPort: Int?
    /// Judge the certificate as of this moment instead of now.
    public var validationTime: Date?
    /// Ask this DNS server for the policy host's addresses instead of the system's resolver.
    public var dnsServer: DNSServer?

    public init() {}
}
