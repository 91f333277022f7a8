/// An MX host once its own addresses are looked up.
struct MXExchange: Sendable {
    var record: MXRecord
    var lookup: AddressLookup
    /// How long the address lookup took, in milliseconds to 0.1.
    var lookupMS: Double
}

extension DNSResolver {
    /// The addresses of every MX host in `records`, looked up at once, in the records' order:
    /// what both a route's MX entry and a batch's MX-lookup target probe.
    /// Throws ``SMTPProbeError/Code/localResourceLimit`` when the machine ran out of descriptors.
    func exchanges(_ records: [MXRecord], port: Int, timeout: Double) async throws -> [MXExchange] {
        try await withThrowingTaskGroup(of: (Int, MXExchange).self) { group in
            for (index, record) in records.enumerated() {
                group.addTask {
                    let clock = ContinuousClock()
                    let started = clock.now
                    let lookup = try await self.addresses(of: record.exchange, port: port, timeout: timeout)
                    return (index, MXExchange(record: record, lookup: lookup, lookupMS: (clock.now - started).roundedMilliseconds))
                }
            }
            var exchanges: [(Int, MXExchange)] = []
            for try await exchange in group { exchanges.append(exchange) }
            return exchanges.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

extension Duration {
    /// In milliseconds to 0.1, as reports give timings.
    var roundedMilliseconds: Double {
        let milliseconds = Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
        return (milliseconds * 10).rounded() / 10
    }
}
