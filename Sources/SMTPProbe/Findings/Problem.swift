#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A certificate named in a finding: its position in the chain as sent (nil when it is not
/// among what the server sent) and its subject.
struct CertificateReference: Hashable, Sendable {
    var position: Int?
    var subject: String
}

/// A problem found, with the specifics needed to explain it; the catalogue turns it into a
/// ``Finding`` in the report's language. Kept apart from wording so that the choice of
/// findings can be tested without reading prose.
enum Problem: Hashable, Sendable {
    case dnsNXDomain(host: String)
    case dnsNoAddress(host: String)
    case dnsTemporaryFailure(host: String, reason: DNSFailureReason)
    case connectRefused(address: String, port: Int)
    case connectTimeout(address: String, port: Int, seconds: Double)
    case connectUnreachable(address: String, port: Int, reason: String)
    case greetingRejected(SMTPReply)
    case unavailable(SMTPReply, phase: SMTPPhase)
    case ehloRejected(SMTPReply)
    case timeout(SMTPPhase, seconds: Double)
    case protocolError(SMTPPhase, fault: ProtocolFault)
    case connectionClosed(SMTPPhase, detail: String?)
    case noESMTP(SMTPReply)
    case starttlsNotOffered(extensions: [String])
    case starttlsRejected(SMTPReply)
    case starttlsInjection(bytes: Int, preview: String)
    case handshakeFailed(reasons: [String])
    /// The server ended the handshake because no client certificate was sent.
    case clientCertificateRequired(reasons: [String])
    /// The server answered the TLS handshake in plain text: after its "220" to STARTTLS, or
    /// on a port probed with TLS from the first byte.
    case plaintextInsteadOfTLS(preview: String, afterSTARTTLS: Bool)
    /// The server speaks only a protocol older than anything OpenSSL here can negotiate.
    case protocolUnsupported(reasons: [String])
    case protocolTooOld(version: String)
    case ehloAfterTLSFailed(SMTPReply)
    /// STARTTLS listed again in the EHLO reply inside TLS (RFC 3207 §4.2).
    case starttlsOfferedAfterTLS
    case expired(CertificateReference, notAfter: Date)
    case notYetValid(CertificateReference, notBefore: Date)
    case expiringSoon(CertificateReference, notAfter: Date, days: Int)
    /// Expiring within the critical limit a monitoring check set (`--crit-days`).
    case expiringCritical(CertificateReference, notAfter: Date, days: Int)
    case selfSigned(CertificateReference)
    case untrustedRoot(CertificateReference, issuer: String)
    case incompleteChain(CertificateReference, issuer: String)
    case invalidChain(CertificateReference?, reason: String)
    case hostnameMismatch(routeHost: String, names: [String])
    case noSAN(routeHost: String, commonNames: [String], commonNameWouldMatch: Bool)
    case weakKey(CertificateReference, key: String)
    case weakSignature(CertificateReference, algorithm: String)
    /// A certificate file whose certificates are not in the order a server must send them.
    case chainOrder(ChainOrderFault)
    /// A private key that does not belong to the certificate.
    case keyMismatch(file: String)
    /// A port the console refuses for a route (465, or below 1024 other than 25 and 587).
    /// In a route file the console refuses to save it (a failure); for a plain probe it is a
    /// warning, since the port may serve the SMTP relay service.
    case routePortNotAllowed(port: Int, inRoute: Bool)
    /// RFC 7505: the domain's only MX is `0 .`; it accepts no mail.
    case dnsNullMX(domain: String)
    /// The domain has no MX records: senders fall back to its own address.
    case dnsNoMX(domain: String)
    /// An MX names an alias (a CNAME), which RFC 5321 §5.1 and RFC 2181 §10.3 forbid.
    case dnsMXIsCNAME(exchange: String, canonical: String)
    /// RFC 7505 §3: a null MX must be the domain's only MX; here `hosts` stand beside it,
    /// and are probed.
    case dnsNullMXNotAlone(domain: String, hosts: [String])
    /// DNS gave `host` an address that no remote server can have (0.0.0.0/8, `::`): a
    /// connection to it would reach this machine, so none is made.
    case dnsUnusableAddress(host: String, address: String)
    /// The domain has more MX hosts than the `probed` that are probed for one domain.
    case dnsMXHostsNotProbed(domain: String, probed: Int, leftOut: [String])
    case routeNameMissing(position: Int)
    case routeNoHosts(route: String)
    /// `outOfRange`: some load is below 0 or above 100, whatever the total.
    case routeLoadsNot100(table: RouteTable, total: Int, missing: Int, outOfRange: Bool)
    case routeInvalidHost(entry: String, reason: InvalidHostReason)
    /// A run over many targets reached its overall deadline before this target's probe ended.
    case deadlineExceeded(seconds: Double)

    var code: FindingCode {
        switch self {
        case .dnsNXDomain: .dnsNXDomain
        case .dnsNoAddress: .dnsNoAddress
        case .dnsTemporaryFailure: .dnsTemporaryFailure
        case .connectRefused: .connectRefused
        case .connectTimeout: .connectTimeout
        case .connectUnreachable: .connectUnreachable
        case .greetingRejected, .ehloRejected: .smtpGreetingRejected
        case .unavailable: .smtpUnavailable
        case .timeout: .smtpTimeout
        case .protocolError: .smtpProtocolError
        case .connectionClosed: .smtpConnectionClosed
        case .noESMTP: .smtpNoESMTP
        case .starttlsNotOffered: .starttlsNotOffered
        case .starttlsRejected: .starttlsRejected
        case .starttlsInjection: .starttlsInjection
        case .starttlsOfferedAfterTLS: .starttlsOfferedAfterTLS
        case .handshakeFailed, .plaintextInsteadOfTLS, .clientCertificateRequired: .tlsHandshakeFailed
        case .protocolUnsupported, .protocolTooOld: .tlsProtocolTooOld
        case .ehloAfterTLSFailed: .smtpEHLOAfterTLSFailed
        case .expired: .certExpired
        case .notYetValid: .certNotYetValid
        case .expiringSoon: .certExpiringSoon
        case .expiringCritical: .certExpiringCritical
        case .selfSigned: .certSelfSigned
        case .untrustedRoot: .certUntrustedRoot
        case .incompleteChain: .certIncompleteChain
        case .invalidChain: .certInvalidChain
        case .hostnameMismatch: .certHostnameMismatch
        case .noSAN: .certNoSAN
        case .weakKey: .certWeakKey
        case .weakSignature: .certWeakSignature
        case .chainOrder: .certChainOrder
        case .keyMismatch: .certKeyMismatch
        case .routePortNotAllowed: .routePortNotAllowed
        case .dnsNullMX: .dnsNullMX
        case .dnsNoMX: .dnsNoMX
        case .dnsMXIsCNAME: .dnsMXIsCNAME
        case .dnsNullMXNotAlone: .dnsNullMXNotAlone
        case .dnsUnusableAddress: .dnsUnusableAddress
        case .dnsMXHostsNotProbed: .dnsMXHostsNotProbed
        case .routeNameMissing: .routeNameMissing
        case .routeNoHosts: .routeNoHosts
        case .routeLoadsNot100: .routeLoadsNot100
        case .routeInvalidHost: .routeInvalidHost
        case .deadlineExceeded: .probeDeadlineExceeded
        }
    }

    var severity: Severity {
        switch self {
        case .routePortNotAllowed(_, let inRoute): inRoute ? .fail : .warn
        // A null MX beside real hosts is no null MX to a sender that follows RFC 7505: "." has
        // no address, and it goes on to the other hosts. Mail flows, but against a MUST NOT.
        case .expiringSoon, .starttlsInjection, .starttlsOfferedAfterTLS, .chainOrder, .dnsNoMX, .dnsMXIsCNAME, .dnsNullMXNotAlone: .warn
        // The limit is this tool's, not a fault of the domain.
        case .dnsMXHostsNotProbed: .info
        default: .fail
        }
    }

    /// The certificate concerned, if one is.
    var certificate: CertificateReference? {
        switch self {
        case .expired(let c, _), .notYetValid(let c, _), .expiringSoon(let c, _, _), .expiringCritical(let c, _, _), .selfSigned(let c),
             .untrustedRoot(let c, _), .incompleteChain(let c, _), .weakKey(let c, _), .weakSignature(let c, _):
            c
        case .invalidChain(let c, _): c
        default: nil
        }
    }

    /// Whether the console's "Test TLS connection" would answer "could not verify certificate".
    /// A certificate within the critical expiry limit still verifies: the limit is the
    /// monitoring's, not the console's.
    var isCertificateVerificationFailure: Bool {
        if case .expiringCritical = self { return false }
        return code.rawValue.hasPrefix("cert.") && severity == .fail
    }

    /// The route options that, turned off, would let the console's test pass despite this.
    var relaxableBy: [RouteOption] { RouteOption.relaxing(code) }
}
