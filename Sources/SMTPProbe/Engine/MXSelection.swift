/// Which MX hosts of a domain are probed, and what the domain's MX records say beside them.
///
/// Senders try a few MX hosts, not all of them (Postfix: `smtp_mx_address_limit = 5`,
/// `smtp_mx_session_limit = 2`), and whoever runs a domain's DNS decides how many there are:
/// a domain with hundreds of MX hosts would otherwise make one run probe hundreds of servers.
/// The first ``hostLimit`` hosts in preference order are probed (equal preferences by name,
/// as records are sorted); the others are named in `dns.mx_hosts_not_probed`, so that none is
/// dropped without a word.
struct MXSelection: Sendable {
    /// The most MX hosts probed for one domain.
    static let hostLimit = 10

    /// The hosts to probe, in preference order.
    var probed: [MXRecord]
    /// The hosts beyond the limit, in preference order.
    var leftOut: [MXRecord]
    /// `dns.null_mx_not_alone`, `dns.mx_hosts_not_probed`: said of the domain, not of a host.
    var problems: [Problem] = []

    /// `records` in preference order, as ``DNSResolver/mx(of:timeout:)`` gives them: with a
    /// null MX (`0 .`) among them only when other records stand beside it.
    init(domain: String, records: [MXRecord]) {
        let hosts = records.filter { !$0.isNull }
        probed = Array(hosts.prefix(Self.hostLimit))
        leftOut = Array(hosts.dropFirst(Self.hostLimit))
        if hosts.count < records.count {
            problems.append(Problem(DNSProblem.dnsNullMXNotAlone(domain: domain, hosts: hosts.map(\.exchange))))
        }
        if !leftOut.isEmpty {
            problems.append(Problem(DNSProblem.dnsMXHostsNotProbed(domain: domain, probed: probed.count, leftOut: leftOut.map(\.exchange))))
        }
    }
}
