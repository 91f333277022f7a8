/// The stable identifier of a kind of finding, e.g. `cert.expired`. Monitoring keys on these;
/// they never change meaning, and new ones may be added.
public struct FindingCode: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }

    // Routes
    public static let routePortNotAllowed = FindingCode("route.port_not_allowed")
    public static let routeNameMissing = FindingCode("route.name_missing")
    public static let routeNoHosts = FindingCode("route.no_hosts")
    public static let routeLoadsNot100 = FindingCode("route.loads_not_100")
    public static let routeInvalidHost = FindingCode("route.invalid_host")
    // DNS
    public static let dnsNXDomain = FindingCode("dns.nxdomain")
    public static let dnsNoAddress = FindingCode("dns.no_address")
    public static let dnsTemporaryFailure = FindingCode("dns.temporary_failure")
    public static let dnsNullMX = FindingCode("dns.null_mx")
    public static let dnsNoMX = FindingCode("dns.no_mx")
    public static let dnsMXIsCNAME = FindingCode("dns.mx_is_cname")
    /// A null MX (`0 .`) beside other MX records, which RFC 7505 §3 forbids.
    public static let dnsNullMXNotAlone = FindingCode("dns.null_mx_not_alone")
    /// DNS gave an address no remote server can have (0.0.0.0/8, `::`); it is not connected to.
    public static let dnsUnusableAddress = FindingCode("dns.unusable_address")
    /// The domain has more MX hosts than are probed for one domain; the rest are named.
    public static let dnsMXHostsNotProbed = FindingCode("dns.mx_hosts_not_probed")
    // TCP
    public static let connectRefused = FindingCode("connect.refused")
    public static let connectTimeout = FindingCode("connect.timeout")
    public static let connectUnreachable = FindingCode("connect.unreachable")
    // SMTP
    public static let smtpGreetingRejected = FindingCode("smtp.greeting_rejected")
    public static let smtpUnavailable = FindingCode("smtp.unavailable")
    public static let smtpTimeout = FindingCode("smtp.timeout")
    public static let smtpProtocolError = FindingCode("smtp.protocol_error")
    public static let smtpConnectionClosed = FindingCode("smtp.connection_closed")
    public static let smtpNoESMTP = FindingCode("smtp.no_esmtp")
    public static let smtpEHLOAfterTLSFailed = FindingCode("smtp.ehlo_after_tls_failed")
    // STARTTLS
    public static let starttlsNotOffered = FindingCode("starttls.not_offered")
    public static let starttlsRejected = FindingCode("starttls.rejected")
    public static let starttlsInjection = FindingCode("starttls.injection")
    /// STARTTLS is still advertised after TLS (RFC 3207 §4.2 forbids it).
    public static let starttlsOfferedAfterTLS = FindingCode("starttls.offered_after_tls")
    // TLS
    public static let tlsHandshakeFailed = FindingCode("tls.handshake_failed")
    public static let tlsProtocolTooOld = FindingCode("tls.protocol_too_old")
    // Certificates
    public static let certExpired = FindingCode("cert.expired")
    public static let certNotYetValid = FindingCode("cert.not_yet_valid")
    public static let certExpiringSoon = FindingCode("cert.expiring_soon")
    /// The server's certificate expires within the critical limit (`--crit-days`).
    public static let certExpiringCritical = FindingCode("cert.expiring_critical")
    public static let certSelfSigned = FindingCode("cert.self_signed")
    public static let certUntrustedRoot = FindingCode("cert.untrusted_root")
    public static let certIncompleteChain = FindingCode("cert.incomplete_chain")
    public static let certInvalidChain = FindingCode("cert.invalid_chain")
    public static let certHostnameMismatch = FindingCode("cert.hostname_mismatch")
    public static let certNoSAN = FindingCode("cert.no_san")
    public static let certWeakKey = FindingCode("cert.weak_key")
    public static let certWeakSignature = FindingCode("cert.weak_signature")
    // Certificate files (`smtp-probe cert`)
    public static let certChainOrder = FindingCode("cert.chain_order")
    public static let certKeyMismatch = FindingCode("cert.key_mismatch")
    // Runs over many targets
    /// The run's overall deadline passed before this target's probe ended.
    public static let probeDeadlineExceeded = FindingCode("probe.deadline_exceeded")
}
