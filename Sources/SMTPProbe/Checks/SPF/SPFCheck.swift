/// Judges an ``SPFEvaluation`` into ``SPFProblem``s, as a receiver would read the policy.
enum SPFCheck {
    /// Google's SPF record, which Workspace's outgoing servers are listed under.
    static let googleInclude = "_spf.google.com"

    /// The problems of `evaluation`; `sendsThroughGoogle` when the domain's mail goes out
    /// through Google Workspace (then the policy must include Google's).
    static func problems(of evaluation: SPFEvaluation, sendsThroughGoogle: Bool) -> [SPFProblem] {
        let domain = evaluation.domain
        guard let root = evaluation.root.node else {
            return problems(of: evaluation.root, domain: domain, includedBy: nil, google: sendsThroughGoogle)
        }
        var walk = Walk()
        walk.visit(root, path: [domain], final: true)
        var found = walk.problems
        if walk.loop != nil || evaluation.lookups > 10 {
            found.append(.tooManyLookups(domain: domain, count: evaluation.lookups, spends: walk.spends,
                                         loop: walk.loop, lowerBound: evaluation.truncated))
        }
        if evaluation.voidLookups.count > 2 {
            found.append(.tooManyVoidLookups(domain: domain, names: evaluation.voidLookups))
        }
        if sendsThroughGoogle, !walk.includesGoogle {
            found.append(.noGoogleInclude(domain: domain, record: root.record))
        }
        return found
    }

    /// The problem of a policy that was not read: no record, several, unreadable, no answer.
    private static func problems(of resolution: SPFResolution, domain: String, includedBy: String?, google: Bool) -> [SPFProblem] {
        switch resolution {
        case .none: [.missing(domain: domain, includedBy: includedBy, google: google)]
        case .multiple(let records): [.multipleRecords(domain: domain, records: records)]
        case .invalid(_, let error): [.syntaxError(domain: domain, term: error.term, reason: error.reason)]
        case .failed(let reason): [.lookupFailed(name: domain, reason: reason)]
        case .record, .loop, .notFollowed: []
        }
    }

    /// One pass over the tree of records.
    private struct Walk {
        var problems: [SPFProblem] = []
        var spends: [SPFSpend] = []
        var loop: [String]?
        var includesGoogle = false

        /// `final`: this record's `all` is the policy's last word (the record checked, or one it
        /// redirects to), not an included record's, whose `?all` only means "no match here".
        mutating func visit(_ node: SPFNode, path: [String], final: Bool) {
            if node.ownLookups > 0 { spends.append(SPFSpend(path: path, lookups: node.ownLookups)) }
            if let all = node.record.all {
                if all.qualifier == .pass || (final && all.qualifier == .neutral) {
                    problems.append(.permissiveAll(domain: node.domain, record: node.record, term: all.text))
                }
            }
            for term in node.record.terms {
                if case .ptr = term.kind { problems.append(.ptrMechanism(domain: node.domain, term: term.text)) }
            }
            for failed in node.failedQueries {
                problems.append(.lookupFailed(name: failed.name, reason: failed.reason))
            }
            for child in node.children {
                if child.domain == SPFCheck.googleInclude { includesGoogle = true }
                switch child.resolution {
                case .record(let next):
                    visit(next, path: path + [child.domain], final: final && child.isRedirect)
                case .loop:
                    if loop == nil { loop = path + [child.domain] }
                default:
                    problems += SPFCheck.problems(of: child.resolution, domain: child.domain, includedBy: node.domain, google: false)
                }
            }
        }
    }
}
