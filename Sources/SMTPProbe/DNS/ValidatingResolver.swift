/// How the domain checks resolve: through a validating libunbound context.
struct ValidatingResolverConfiguration: Hashable, Sendable {
    /// Debian's root trust anchor (package dns-root-data), which public DNSSEC chains up to.
    static let rootTrustAnchor = "/usr/share/dns/root.key"

    /// The server to forward every query to (`--dns-server`); nil for /etc/resolv.conf's.
    var server: DNSServer?
    /// The root anchor, then any given for a private or test zone (`--trust-anchor FILE`):
    /// DS or DNSKEY lines in zone-file syntax, as `ub_ctx_add_ta_file` reads them.
    var trustAnchorFiles: [String]
    /// Seconds to wait for one query before it counts as failed.
    var timeout: Double

    /// The root anchor and, if given, one more anchor file.
    init(server: DNSServer? = nil, trustAnchorFile: String? = nil, timeout: Double = 10) {
        self.server = server
        trustAnchorFiles = [Self.rootTrustAnchor] + (trustAnchorFile.map { [$0] } ?? [])
        self.timeout = timeout
    }
}

/// The DNS facts of the domain checks: typed TXT, TLSA and MX lookups that carry their DNSSEC
/// state, each name and type asked once per run (one resolver is one run).
///
/// Only these queries validate. The probe's address and MX lookups (``DNSResolver``) keep a
/// context without trust anchors.
final class ValidatingResolver: Sendable {
    let configuration: ValidatingResolverConfiguration
    private let lookups: UnboundAsyncLookups
    private let cache = DNSQueryCache()

    static let typeMX: Int32 = 15, typeTXT: Int32 = 16, typeTLSA: Int32 = 52

    /// Fails with ``DNSLookupError`` when libunbound cannot be loaded or an anchor file read,
    /// with ``SMTPProbeError/Code/localResourceLimit`` when no descriptors are left for it.
    init(_ configuration: ValidatingResolverConfiguration) throws {
        self.configuration = configuration
        // One asynchronous context for the run, its UDP sockets within what the run sets
        // aside for DNS (LookupDescriptors.budget).
        let context = try UnboundContext(server: configuration.server, trustAnchorFiles: configuration.trustAnchorFiles,
                                         asynchronousPorts: LookupDescriptors.asynchronousPorts)
        lookups = try UnboundAsyncLookups(context)
    }

    /// How many queries went to libunbound in this run (each name and type once at most).
    var queriesAsked: Int { lookups.context.queriesAsked }

    /// The TXT records of `name`, each with its character-strings and their concatenation.
    func txt(_ name: String) async -> ValidatedLookup<TXTRecord> {
        await lookup(name, type: Self.typeTXT, parse: TXTRecord.init(rdata:))
    }

    /// The TLSA records of `name`, such as `_25._tcp.mx.example.com`.
    func tlsa(_ name: String) async -> ValidatedLookup<TLSARecord> {
        await lookup(name, type: Self.typeTLSA, parse: TLSARecord.init(rdata:))
    }

    /// The MX records of `name`, in preference order (a null MX is the record `0 .`).
    func mx(_ name: String) async -> ValidatedLookup<MXRecord> {
        var result = await lookup(name, type: Self.typeMX, parse: MXRecord.init(rdata:))
        if case .records(let records) = result.outcome {
            result.outcome = .records(records.sorted { ($0.preference, $0.exchange) < ($1.preference, $1.exchange) })
        }
        return result
    }

    /// One query through the cache, its records parsed by `parse`. Records that cannot be
    /// read make the lookup a failure, as for the probe's MX lookup: a zone that publishes
    /// them is broken, not empty.
    func lookup<Record>(_ name: String, type: Int32,
                        parse: @escaping @Sendable ([UInt8]) -> Record?) async -> ValidatedLookup<Record> {
        let key = DNSQueryCache.Key(name: HostName.wireForm(name), type: type)
        let lookups = self.lookups, timeout = configuration.timeout
        let raw = await cache.answer(for: key) {
            await lookups.resolve(key.name, type: type, timeout: timeout)
        }
        return Self.typed(raw, name: key.name, parse: parse)
    }

    private static func typed<Record>(_ raw: ValidatedAnswer, name: String,
                                      parse: ([UInt8]) -> Record?) -> ValidatedLookup<Record> {
        guard case .answer(let answer) = raw else {
            if case .failed(let reason) = raw { return ValidatedLookup(name: name, outcome: .failed(reason), security: .insecure) }
            return ValidatedLookup(name: name, outcome: .failed(.resolver("no answer")), security: .insecure)
        }
        let outcome: DNSOutcome<Record>
        if case .bogus(let reason) = answer.security {
            // libunbound hands over what it read; a validating resolver would not.
            outcome = .failed(.validationFailed(reason))
        } else if answer.nxdomain {
            outcome = .nxdomain
        } else if answer.rcode != 0 {
            let names: [Int32: String] = [1: "FORMERR", 2: "SERVFAIL", 4: "NOTIMP", 5: "REFUSED"]
            outcome = .failed(.serverAnswered(names[answer.rcode] ?? "rcode \(answer.rcode)"))
        } else if answer.records.isEmpty {
            outcome = .noData
        } else {
            let records = answer.records.compactMap(parse)
            outcome = records.count == answer.records.count ? .records(records) : .failed(.malformedRecords)
        }
        return ValidatedLookup(name: name, outcome: outcome, security: answer.security)
    }
}

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
