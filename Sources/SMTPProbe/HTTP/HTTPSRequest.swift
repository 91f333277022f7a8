#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One HTTPS GET as smtp-probe makes it, for the MTA-STS policy (RFC 8461 §3.3): HTTP/1.1,
/// `Connection: close`, no redirect followed, the body read up to a limit, every phase
/// bounded by a timeout. The server's certificate is checked as every certificate here is:
/// the chain against the probe's trust store (``ChainVerifier``), the name by RFC 9525
/// (``HostnameMatcher``), through the same OpenSSL handler as the SMTP probe.
struct HTTPSRequest: Sendable {
    /// The host in the URL: sent as SNI and `Host:`, and the name the certificate must carry.
    var host: String
    /// The path, beginning with "/".
    var path: String
    /// The URL's port.
    var port = 443
    /// Connect to this address or host instead of the host's own addresses (tests, or a
    /// server not yet in DNS); the certificate is still checked against ``host``.
    var connectHost: String?
    /// Connect to this port instead of ``port``.
    var connectPort: Int?
    /// The deadline of each phase (connect, TLS handshake, response), in seconds.
    var timeout: Double = 10
    /// At most this many bytes of body are read; one more and the fetch fails.
    var maximumBodyBytes = 65_536
    /// Trust anchors for the chain check.
    var trust: TrustStore
    /// Judge the certificate as of this moment instead of now.
    var validationTime: Date?
    /// Look the host up through this resolver (`--dns-server`); nil for the system's.
    var resolver: DNSResolver?

    /// The URL, as reports name it.
    var url: String { "https://\(host)\(port == 443 ? "" : ":\(port)")\(path)" }
}
