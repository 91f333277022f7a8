/// The mail-policy evaluators' DNS questions answered by one ``ValidatingResolver``: the run's
/// one cache, so that an include shared by a thousand tenants is asked once, and every
/// answer carries its DNSSEC state (a bogus one is a failed lookup, as at a validating receiver).
extension ValidatingResolver {
    /// The TXT records of `name` as the evaluators read them.
    func txtLookup(_ name: String) async -> TXTLookup {
        let lookup = await txt(name)
        switch lookup.outcome {
        case .records(let records): return .records(records.map(\.text))
        case .noData: return .nodata
        case .nxdomain: return .nxdomain
        case .failed(let reason): return .failure(reason)
        }
    }

    /// Whether `name` has records of `kind`, as an SPF `a`, `mx` or `exists` term asks.
    func presence(_ name: String, _ kind: SPFQueryKind) async -> DNSPresence {
        switch kind {
        case .mx:
            return Self.presence(await mx(name).outcome)
        case .address:
            // A or AAAA: a void lookup is one where neither has records.
            let any: @Sendable ([UInt8]) -> [UInt8]? = { $0 }
            let a = Self.presence(await lookup(name, type: 1, parse: any).outcome)
            if a == .found { return a }
            let aaaa = Self.presence(await lookup(name, type: 28, parse: any).outcome)
            if case .failed = a, aaaa == .void { return a }
            return aaaa
        }
    }

    private static func presence<Record>(_ outcome: DNSOutcome<Record>) -> DNSPresence {
        switch outcome {
        case .records: .found
        case .noData, .nxdomain: .void
        case .failed(let reason): .failed(reason)
        }
    }
}

extension SPFLookups {
    /// The lookups answered by the run's validating resolver and its cache.
    init(validating resolver: ValidatingResolver) {
        txt = { await resolver.txtLookup($0) }
        presence = { await resolver.presence($0, $1) }
    }
}
