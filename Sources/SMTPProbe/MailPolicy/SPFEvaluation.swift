/// What evaluating a domain's SPF record found, as a receiver checking the record would see it
/// without a client address: every branch followed, every DNS-querying term counted. Facts
/// only; Checks/SPF judges them.
struct SPFEvaluation: Sendable {
    /// The domain whose policy this is.
    var domain: String
    /// Its record, and through it every record reached.
    var root: SPFResolution
    /// DNS-querying terms (include, a, mx, ptr, exists, redirect) across the whole tree.
    var lookups: Int
    /// The names whose lookups answered nothing (NXDOMAIN or no data), in the order met.
    var voidLookups: [String]
    /// Whether the walk stopped following includes because the count was already far past
    /// the limit: the count is then a lower bound.
    var truncated: Bool
}

/// How one domain's SPF policy was found, at the top or through `include`/`redirect`.
indirect enum SPFResolution: Sendable {
    /// One SPF record, read.
    case record(SPFNode)
    /// No SPF record: the name does not exist, has no TXT records, or none starts `v=spf1`.
    case none(nameExists: Bool)
    /// Several SPF records: a permerror (§4.5).
    case multiple([String])
    /// One SPF record that cannot be read: a permerror (§4.6).
    case invalid(text: String, error: SPFSyntaxError)
    /// The TXT lookup failed: a temperror.
    case failed(DNSFailureReason)
    /// The domain is already on the path of includes that led here.
    case loop
    /// Not followed: the name holds a macro, or the count was already far past the limit.
    case notFollowed
}

/// One SPF record reached, with the policies its `include` and `redirect` terms lead to.
struct SPFNode: Sendable {
    var domain: String
    var record: SPFRecord
    /// The DNS-querying terms of this record itself.
    var ownLookups: Int
    var children: [SPFChild]
    /// Lookups of this record's own `a`, `mx` and `exists` terms that failed.
    var failedQueries: [SPFFailedQuery]
}

/// An `include` or `redirect` term and what its domain's policy is.
struct SPFChild: Sendable {
    var term: SPFTerm
    var domain: String
    var resolution: SPFResolution

    var isRedirect: Bool { term.modifierName == "redirect" }
}

/// An `a`, `mx` or `exists` lookup that got no answer.
struct SPFFailedQuery: Hashable, Sendable {
    var name: String
    var reason: DNSFailureReason
}

extension SPFResolution {
    /// The record, when one was read.
    var node: SPFNode? {
        if case .record(let node) = self { return node }
        return nil
    }
}

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
            // A lookup that cannot get a descriptor here is this machine's limit: it must not
            // read as a void lookup, so it is a failed one with the system's words.
            do { return try await Self.presence(of: name, kind, resolver: resolver, timeout: timeout) } catch {
                return .failed(.resolver("\(error)"))
            }
        }
    }

    private static func presence(of name: String, _ kind: SPFQueryKind, resolver: DNSResolver,
                                 timeout: Double) async throws -> DNSPresence {
        switch kind {
        case .address:
            switch try await resolver.addresses(of: name, port: 25, timeout: timeout).resolution {
            case .addresses: return .found
            case .failed(.nxdomain), .failed(.noAddress): return .void
            case .failed(.temporary(_, let reason)): return .failed(reason)
            }
        case .mx:
            switch try await resolver.mx(of: name, timeout: timeout) {
            case .records, .nullMX: return .found
            case .noMX, .failed(.nxdomain), .failed(.noAddress): return .void
            case .failed(.temporary(_, let reason)): return .failed(reason)
            }
        }
    }
}
