/// The DNS questions an SPF evaluation asks, as functions: the evaluator does not depend on
/// which resolver answers them (libunbound today, a per-run cache later).
struct SPFLookups: Sendable {
    /// The TXT records of a name.
    var txt: @Sendable (String) async -> TXTLookup
    /// Whether a name has records of a kind: addresses for `a`, MX for `mx`, an A record for
    /// `exists`.
    var presence: @Sendable (String, SPFQueryKind) async -> DNSPresence
}

/// The kind of records an SPF term asks for.
enum SPFQueryKind: Hashable, Sendable {
    case address, mx
}

/// Whether a lookup found records: a void answer (NXDOMAIN or no data) counts against SPF's
/// limit of two (RFC 7208 §4.6.4); a failed one says nothing either way.
enum DNSPresence: Hashable, Sendable {
    case found
    case void
    case failed(DNSFailureReason)
}

extension SPFLookups {
    /// The lookups answered by `resolver`, each bounded by `timeout` seconds.
    init(resolver: DNSResolver, timeout: Double) {
        txt = { name in await resolver.txt(of: name, timeout: timeout) }
        presence = { name, kind in
            switch kind {
            case .address:
                switch await resolver.addresses(of: name, port: 25, timeout: timeout).resolution {
                case .addresses: return .found
                case .failed(.nxdomain), .failed(.noAddress): return .void
                case .failed(.temporary(_, let reason)): return .failed(reason)
                }
            case .mx:
                switch await resolver.mx(of: name, timeout: timeout) {
                case .records, .nullMX: return .found
                case .noMX, .failed(.nxdomain), .failed(.noAddress): return .void
                case .failed(.temporary(_, let reason)): return .failed(reason)
                }
            }
        }
    }
}
