/// The answers of one run, so that no name and type is asked twice within it: a second ask
/// gets the first answer, and an ask while the first is still out waits for it (the benchmark
/// checks a thousand tenant domains that share includes and MX hosts).
///
/// Failures and timeouts are kept too: within a run, a name that did not answer is reported
/// as such wherever it is needed, not asked again. A cache lives as long as its run.
actor DNSQueryCache {
    struct Key: Hashable, Sendable {
        /// Normalised: `Example.COM.` and `example.com` are one name.
        var name: String
        var type: Int32
    }

    private var entries: [Key: Task<ValidatedAnswer, Never>] = [:]

    /// The answer for `key`: from the cache, from a lookup already under way, or from `lookup`,
    /// which runs at most once per key.
    func answer(for key: Key, lookup: @escaping @Sendable () async -> ValidatedAnswer) async -> ValidatedAnswer {
        if let entry = entries[key] { return await entry.value }
        let task = Task { await lookup() }
        entries[key] = task
        return await task.value
    }

    /// How many distinct names and types have been asked.
    var count: Int { entries.count }
}

/// One raw answer with its DNSSEC state, or why there is none: what the cache keeps.
enum ValidatedAnswer: Sendable {
    case answer(DNSAnswer)
    case failed(DNSFailureReason)
}
