internal import NIOCore

/// Addresses that DNS may return but that can never be a remote mail server: 0.0.0.0/8
/// ("this network", RFC 1122 §3.2.1.3, never a destination) and `::` (the unspecified
/// address, RFC 4291 §2.5.2), also as an IPv4-mapped address. A connection to them reaches
/// this machine, so a name that resolves to them is reported, never connected to.
///
/// Loopback stays allowed: a split-horizon or test zone may well put a mail server on
/// 127.0.0.0/8 (the project's own tests do), and it is a real listener, not a mistake.
enum UnusableAddresses {
    /// `addresses` of `host` without the unusable ones, and a `dns.unusable_address` for each
    /// of those.
    static func split(_ addresses: [SocketAddress], of host: String) -> (usable: [SocketAddress], problems: [Problem]) {
        var usable: [SocketAddress] = []
        var problems: [Problem] = []
        for address in addresses {
            if let text = address.ipAddress, let ip = IPAddress(text), ip.neverADestination {
                problems.append(Problem(DNSProblem.dnsUnusableAddress(host: host, address: text)))
            } else {
                usable.append(address)
            }
        }
        return (usable, problems)
    }
}

extension IPAddress {
    /// In 0.0.0.0/8, `::`, or `::ffff:0.0.0.0/104`: an address no remote server can have.
    var neverADestination: Bool {
        if bytes.count == 4 { return bytes[0] == 0 }
        if bytes.allSatisfy({ $0 == 0 }) { return true }
        let mapped = bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped && bytes[12] == 0
    }
}
