#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The English words of the DNS checks: each problem's message and detail, and each remedy.
extension DNSProblem {
    var enMessage: String {
        switch self {
        case .dnsNXDomain(let host): "\(host) does not exist in DNS (NXDOMAIN)"
        case .dnsNoAddress(let host): "\(host) exists in DNS but has no A or AAAA record"
        case .dnsTemporaryFailure(let host, _): "DNS lookup of \(host) failed temporarily"
        case .dnsNullMX(let domain): "\(domain) publishes a null MX: it accepts no mail"
        case .dnsNoMX(let domain): "\(domain) has no MX records; mail goes to the domain's own address"
        case .dnsMXIsCNAME(let exchange, let canonical): "The MX host \(exchange) is an alias (CNAME) of \(canonical)"
        case .dnsNullMXNotAlone(let domain, let hosts):
            "\(domain) publishes a null MX (\"0 .\") beside \(hosts.count) other MX \(hosts.count == 1 ? "host" : "hosts")"
        case .dnsUnusableAddress(let host, let address): "DNS gives \(host) the address \(address), which no mail server can have"
        case .dnsMXHostsNotProbed(let domain, let probed, let leftOut):
            "\(domain) has \(probed + leftOut.count) MX hosts: the first \(probed) were probed, \(leftOut.count) were not"
        }
    }

    var enDetail: String? {
        switch self {
        case .dnsNXDomain:
            "The name is not in DNS at all. Check its spelling in the route, and that the zone is published."
        case .dnsNoAddress:
            "A route's host must resolve to an address. An MX record alone is not enough unless the route uses MX lookup."
        case .dnsTemporaryFailure(_, let reason):
            "The resolver said: \(dnsFailure(reason)). Gmail will retry such a failure, but a persistent one means the zone's name servers are not answering."
        case .dnsNullMX:
            "Its only MX record is \"0 .\" (RFC 7505). Mail routed to it with MX lookup bounces at once."
        case .dnsNoMX:
            "Senders, Gmail included, then deliver to its A/AAAA address (RFC 5321 §5.1). That works, but an MX record says where mail goes on purpose."
        case .dnsMXIsCNAME:
            "RFC 5321 §5.1 and RFC 2181 §10.3 require an MX to name a host's own name, not an alias; some senders refuse such an MX. The certificate is checked against the MX name, as Gmail checks it."
        case .dnsNullMXNotAlone(_, let hosts):
            "RFC 7505 §3: a domain with a null MX must have no other MX record. A sender that follows it sees no null MX here, finds no address for \".\" and goes on to \(hosts.joined(separator: ", ")), which are probed; a sender that takes \"0 .\" to mean \"no mail\" bounces the mail instead."
        case .dnsUnusableAddress(_, let address):
            "\(address) is in 0.0.0.0/8 or is \"::\": not an address on the network. A connection to it reaches the machine that makes it, so smtp-probe does not connect; Gmail cannot deliver there either."
        case .dnsMXHostsNotProbed(_, let probed, let leftOut):
            "At most \(probed) MX hosts are probed for one domain, in preference order, as senders also try only a few. Not probed: \(leftOut.joined(separator: ", "))."
        }
    }

    private func dnsFailure(_ reason: DNSFailureReason) -> String {
        switch reason {
        case .noAnswer(let seconds): "no answer within \(seconds) s"
        case .serverAnswered(let code): "the DNS server answered \(code)"
        case .malformedMX: "an MX record that cannot be read"
        case .resolver(let words): words
        }
    }
}

extension DNSRemedy {
    func enText(routeHost: String) -> String {
        switch self {
        case .removeNullMXOrOthers(let domain):
            "Decide whether \(domain) takes mail. If it does, remove its \"0 .\" MX record; if it does not, remove its other MX records and leave \"0 .\" alone."
        case .fixAddressRecord(let host, let address):
            "Remove the record that gives \(host) the address \(address), or replace it with the mail server's real address."
        case .checkDNS(let host):
            "Check the DNS records of \(host): the route needs a name with an A or AAAA record (or turn on MX lookup if the entry is a mail domain)."
        case .removeNullMX(let domain):
            "If \(domain) should receive mail, replace its null MX with MX records naming its mail servers; otherwise remove the route or turn off MX lookup and name the mail server itself."
        case .publishMX(let domain):
            "Publish an MX record for \(domain) that names its mail server, or turn off MX lookup and name the mail server in the route."
        case .pointMXAtCanonicalName(let exchange, let canonical):
            "Point the MX record at \(canonical) itself instead of the alias \(exchange), and make sure the certificate names the host the MX names."
        }
    }
}
