#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A remedy before it is put into words. The cases are ordered by the documented order of
/// remedies: fix the name, fix the certificate, ask the provider, and last relax the route.
enum RemedyKind: Hashable, Sendable {
    case checkDNS(host: String)
    case checkListening(port: Int)
    case checkFirewall(port: Int)
    case allowGoogleSenders
    case retryLater
    case checkResponsiveness(SMTPPhase)
    case fixSMTPServer
    case enableSTARTTLS
    case fixSTARTTLS
    case fixInjection
    case removeSTARTTLSAfterTLS
    case fixTLSConfiguration
    case enableModernTLS
    case useCertificateHostname(names: [String])
    case serveFullChain(issuer: String)
    /// `expired`: the certificate has lapsed already (install now), else it is about to.
    case renewCertificate(expired: Bool)
    case checkClock
    case installTrustedCertificate
    case strongerKey
    case strongerSignature
    case askRelayProvider
    case allowMoreTime
    case reorderChain
    case useRoutePort
    case matchKey
    case removeNullMX(domain: String)
    case publishMX(domain: String)
    case pointMXAtCanonicalName(exchange: String, canonical: String)
    case removeNullMXOrOthers(domain: String)
    case fixAddressRecord(host: String, address: String)
    case nameRoute
    case fixLoads(table: RouteTable)
    case fixRouteHost
    case relaxRouteOptions([RouteOption])

    /// The stable identifier in reports.
    var kind: String {
        switch self {
        case .checkDNS: "check_dns"
        case .checkListening: "check_listening"
        case .checkFirewall: "check_firewall"
        case .allowGoogleSenders: "allow_google_senders"
        case .retryLater: "retry_later"
        case .checkResponsiveness: "check_responsiveness"
        case .fixSMTPServer: "fix_smtp_server"
        case .enableSTARTTLS: "enable_starttls"
        case .fixSTARTTLS: "fix_starttls"
        case .fixInjection: "fix_starttls_injection"
        case .removeSTARTTLSAfterTLS: "remove_starttls_after_tls"
        case .fixTLSConfiguration: "fix_tls_configuration"
        case .enableModernTLS: "enable_modern_tls"
        case .useCertificateHostname: "use_certificate_hostname"
        case .serveFullChain: "serve_full_chain"
        case .renewCertificate: "renew_certificate"
        case .checkClock: "check_clock"
        case .installTrustedCertificate: "install_trusted_certificate"
        case .strongerKey: "stronger_key"
        case .strongerSignature: "stronger_signature"
        case .askRelayProvider: "ask_relay_provider"
        case .allowMoreTime: "allow_more_time"
        case .reorderChain: "reorder_chain"
        case .useRoutePort: "use_route_port"
        case .matchKey: "match_key"
        case .removeNullMX: "remove_null_mx"
        case .publishMX: "publish_mx"
        case .pointMXAtCanonicalName: "point_mx_at_canonical_name"
        case .removeNullMXOrOthers: "remove_null_mx_or_others"
        case .fixAddressRecord: "fix_address_record"
        case .nameRoute: "name_route"
        case .fixLoads: "fix_loads"
        case .fixRouteHost: "fix_route_host"
        case .relaxRouteOptions: "relax_route_option"
        }
    }

    /// The remedies for an issue, in the order an admin should try them.
    static func plan(for issue: Problem) -> [RemedyKind] {
        var plan: [RemedyKind]
        switch issue {
        case .dnsNXDomain(let host), .dnsNoAddress(let host), .dnsTemporaryFailure(let host, _):
            plan = [.checkDNS(host: host)]
        case .connectRefused(_, let port):
            plan = [.checkListening(port: port)]
        case .connectTimeout(_, let port, _), .connectUnreachable(_, let port, _):
            plan = [.checkFirewall(port: port)]
        case .greetingRejected, .ehloRejected:
            plan = [.allowGoogleSenders, .askRelayProvider]
        case .unavailable:
            plan = [.retryLater]
        case .timeout(let phase, _):
            plan = [.checkResponsiveness(phase)]
        case .protocolError, .connectionClosed, .ehloAfterTLSFailed:
            plan = [.fixSMTPServer, .askRelayProvider]
        case .noESMTP, .starttlsNotOffered:
            plan = [.enableSTARTTLS, .askRelayProvider]
        case .starttlsRejected:
            plan = [.fixSTARTTLS, .askRelayProvider]
        case .starttlsInjection:
            plan = [.fixInjection]
        case .starttlsOfferedAfterTLS:
            plan = [.removeSTARTTLSAfterTLS]
        case .handshakeFailed, .plaintextInsteadOfTLS, .clientCertificateRequired:
            plan = [.fixTLSConfiguration, .askRelayProvider]
        case .protocolUnsupported, .protocolTooOld:
            plan = [.enableModernTLS, .askRelayProvider]
        case .expired:
            plan = [.renewCertificate(expired: true), .askRelayProvider]
        case .expiringSoon, .expiringCritical:
            plan = [.renewCertificate(expired: false), .askRelayProvider]
        case .notYetValid:
            plan = [.checkClock, .installTrustedCertificate, .askRelayProvider]
        case .selfSigned, .untrustedRoot, .invalidChain:
            plan = [.installTrustedCertificate, .askRelayProvider]
        case .incompleteChain(_, let issuer):
            plan = [.serveFullChain(issuer: issuer), .askRelayProvider]
        case .hostnameMismatch(_, let names):
            plan = (names.isEmpty ? [] : [.useCertificateHostname(names: names)])
                + [.installTrustedCertificate, .askRelayProvider]
        case .noSAN:
            plan = [.installTrustedCertificate, .askRelayProvider]
        case .weakKey:
            plan = [.strongerKey, .askRelayProvider]
        case .weakSignature:
            plan = [.strongerSignature, .askRelayProvider]
        case .chainOrder:
            plan = [.reorderChain]
        case .keyMismatch:
            plan = [.matchKey]
        case .routePortNotAllowed:
            plan = [.useRoutePort]
        case .dnsNullMX(let domain):
            plan = [.removeNullMX(domain: domain)]
        case .dnsNoMX(let domain):
            plan = [.publishMX(domain: domain)]
        case .dnsMXIsCNAME(let exchange, let canonical):
            plan = [.pointMXAtCanonicalName(exchange: exchange, canonical: canonical)]
        case .dnsNullMXNotAlone(let domain, _):
            plan = [.removeNullMXOrOthers(domain: domain)]
        case .dnsUnusableAddress(let host, let address):
            plan = [.fixAddressRecord(host: host, address: address)]
        case .dnsMXHostsNotProbed:
            // This tool's limit: nothing for the domain's admin to do.
            plan = []
        case .routeNameMissing:
            plan = [.nameRoute]
        case .routeNoHosts, .routeInvalidHost:
            plan = [.fixRouteHost]
        case .routeLoadsNot100(let table, _, _, _):
            plan = [.fixLoads(table: table)]
        case .deadlineExceeded:
            plan = [.allowMoreTime]
        }
        let relax = issue.relaxableBy
        if !relax.isEmpty { plan.append(.relaxRouteOptions(relax)) }
        return plan
    }
}
