/// Walks a domain's SPF policy as a receiver would when checking the record (RFC 7208 §4,
/// §5): reads its TXT records, follows every `include` and `redirect`, asks DNS for `a`, `mx`
/// and `exists` terms to tell void lookups, and counts every DNS-querying term across the
/// tree. A receiver with a client address stops at the first match; without one every branch
/// may be taken, so every branch is counted, as checkers do.
struct SPFEvaluator: Sendable {
    var lookups: SPFLookups
    /// Past this many lookups no further include is followed: the verdict (more than 10) is
    /// long settled, and a malicious tree could otherwise fan out without end.
    var followLimit = 40

    init(lookups: SPFLookups) { self.lookups = lookups }

    func evaluate(domain: String) async -> SPFEvaluation {
        var walk = Walk()
        let name = SPFDomainSpec.normalise(domain)
        let root = await resolve(name, path: [name], walk: &walk)
        return SPFEvaluation(domain: name, root: root, lookups: walk.lookups, voidLookups: walk.voidLookups,
                             truncated: walk.truncated)
    }

    /// The running totals of one evaluation.
    private struct Walk {
        var lookups = 0
        var voidLookups: [String] = []
        var truncated = false
    }

    /// The SPF policy of `domain`, reached through `path` (the domains whose includes led here).
    private func resolve(_ domain: String, path: [String], walk: inout Walk) async -> SPFResolution {
        let texts: [String]
        switch await lookups.txt(domain) {
        case .records(let records): texts = records
        case .nodata:
            walk.voidLookups.append(domain)
            return .none(nameExists: true)
        case .nxdomain:
            walk.voidLookups.append(domain)
            return .none(nameExists: false)
        case .failure(let reason): return .failed(reason)
        }
        let spf = texts.filter(SPFRecord.isSPF)
        // Sorted: DNS gives records in no fixed order, and a report should not change with it.
        guard spf.count <= 1 else { return .multiple(spf.sorted()) }
        guard let text = spf.first else { return .none(nameExists: true) }
        let record: SPFRecord
        switch SPFRecord.parse(text) {
        case .success(let parsed): record = parsed
        case .failure(let error): return .invalid(text: text, error: error)
        }
        var node = SPFNode(domain: domain, record: record, ownLookups: 0, children: [], failedQueries: [])
        for term in record.terms {
            // Terms after "all" are never reached (§5.1), and redirect is ignored beside an
            // "all" (§6.1): neither is counted.
            if term.mechanism == .all { break }
            if case .redirect = term.kind, record.all != nil { continue }
            guard term.queriesDNS else { continue }
            node.ownLookups += 1
            walk.lookups += 1
            switch term.kind {
            case .include(let target), .redirect(let target):
                let child = SPFDomainSpec.normalise(target)
                let resolution: SPFResolution
                if SPFDomainSpec.hasMacro(target) {
                    resolution = .notFollowed
                } else if path.contains(child) {
                    resolution = .loop
                } else if walk.lookups > followLimit {
                    walk.truncated = true
                    resolution = .notFollowed
                } else {
                    resolution = await resolve(child, path: path + [child], walk: &walk)
                }
                node.children.append(SPFChild(term: term, domain: child, resolution: resolution))
            case .a(let spec), .mx(let spec), .exists(let spec as String?):
                let name = spec.map(SPFDomainSpec.normalise) ?? domain
                guard !SPFDomainSpec.hasMacro(name) else { continue }
                let kind: SPFQueryKind = if case .mx = term.kind { .mx } else { .address }
                switch await lookups.presence(name, kind) {
                case .found: break
                case .void: walk.voidLookups.append(name)
                case .failed(let reason): node.failedQueries.append(SPFFailedQuery(name: name, reason: reason))
                }
            default:
                // ptr needs the client's address to ask anything: counted, not asked.
                break
            }
        }
        return .record(node)
    }
}
