/// The DNS and MX checks: whether the names a route or a target gives resolve, and whether a
/// mail domain's MX records can take mail. Judges the facts of DNS/ (``DNSFailure``,
/// ``MXLookup``, ``MXExchange``).
enum DNSProblem: CheckProblem {
    case dnsNXDomain(host: String)
    case dnsNoAddress(host: String)
    case dnsTemporaryFailure(host: String, reason: DNSFailureReason)
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

    /// The finding a failed lookup of a name is.
    init(_ failure: DNSFailure) {
        switch failure {
        case .nxdomain(let host): self = .dnsNXDomain(host: host)
        case .noAddress(let host): self = .dnsNoAddress(host: host)
        case .temporary(let host, let reason): self = .dnsTemporaryFailure(host: host, reason: reason)
        }
    }

    /// `dns.mx_is_cname` when an MX host names an alias, which RFC 5321 forbids.
    static func alias(of exchange: MXExchange) -> DNSProblem? {
        // libunbound writes the canonical name with "?" for every byte that is not a letter,
        // digit, "-", "_" or "*": lossy for such names, but never a control character.
        exchange.lookup.canonicalName.map { .dnsMXIsCNAME(exchange: exchange.record.exchange, canonical: $0) }
    }

    static let codes: [FindingCode] = [
        .dnsNXDomain, .dnsNoAddress, .dnsTemporaryFailure, .dnsNullMX, .dnsNoMX, .dnsMXIsCNAME,
        .dnsNullMXNotAlone, .dnsUnusableAddress, .dnsMXHostsNotProbed,
    ]

    var code: FindingCode {
        switch self {
        case .dnsNXDomain: .dnsNXDomain
        case .dnsNoAddress: .dnsNoAddress
        case .dnsTemporaryFailure: .dnsTemporaryFailure
        case .dnsNullMX: .dnsNullMX
        case .dnsNoMX: .dnsNoMX
        case .dnsMXIsCNAME: .dnsMXIsCNAME
        case .dnsNullMXNotAlone: .dnsNullMXNotAlone
        case .dnsUnusableAddress: .dnsUnusableAddress
        case .dnsMXHostsNotProbed: .dnsMXHostsNotProbed
        }
    }

    var severity: Severity {
        switch self {
        // A null MX beside real hosts is no null MX to a sender that follows RFC 7505: "." has
        // no address, and it goes on to the other hosts. Mail flows, but against a MUST NOT.
        case .dnsNoMX, .dnsMXIsCNAME, .dnsNullMXNotAlone: .warn
        // The limit is this tool's, not a fault of the domain.
        case .dnsMXHostsNotProbed: .info
        default: .fail
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [DNSRemedy] {
        switch self {
        case .dnsNXDomain(let host), .dnsNoAddress(let host), .dnsTemporaryFailure(let host, _):
            [.checkDNS(host: host)]
        case .dnsNullMX(let domain):
            [.removeNullMX(domain: domain)]
        case .dnsNoMX(let domain):
            [.publishMX(domain: domain)]
        case .dnsMXIsCNAME(let exchange, let canonical):
            [.pointMXAtCanonicalName(exchange: exchange, canonical: canonical)]
        case .dnsNullMXNotAlone(let domain, _):
            [.removeNullMXOrOthers(domain: domain)]
        case .dnsUnusableAddress(let host, let address):
            [.fixAddressRecord(host: host, address: address)]
        case .dnsMXHostsNotProbed:
            // This tool's limit: nothing for the domain's admin to do.
            []
        }
    }
}

/// The remedies of the DNS checks.
enum DNSRemedy: CheckRemedy {
    case checkDNS(host: String)
    case removeNullMX(domain: String)
    case publishMX(domain: String)
    case pointMXAtCanonicalName(exchange: String, canonical: String)
    case removeNullMXOrOthers(domain: String)
    case fixAddressRecord(host: String, address: String)

    var kind: String {
        switch self {
        case .checkDNS: "check_dns"
        case .removeNullMX: "remove_null_mx"
        case .publishMX: "publish_mx"
        case .pointMXAtCanonicalName: "point_mx_at_canonical_name"
        case .removeNullMXOrOthers: "remove_null_mx_or_others"
        case .fixAddressRecord: "fix_address_record"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText(routeHost: routeHost), ja: jaText(routeHost: routeHost))
    }
}

extension FindingCode {
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
}
