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

/// SPF records as a remedy proposes them: the published one with one change, and the zone-file
/// line that publishes a record.
enum SPFRewrite {
    /// `record` with its `all` term replaced by `replacement`, or `replacement` appended.
    static func replacingAll(in record: SPFRecord, with replacement: String) -> String {
        var words = record.text.split(separator: " ").map(String.init)
        if let index = words.firstIndex(where: { SPFTerm.parse($0).map(\.mechanism) == .success(.all) }) {
            words[index] = replacement
        } else {
            words.append(replacement)
        }
        return words.joined(separator: " ")
    }

    /// `record` with `include:DOMAIN` before its `all` term or `redirect`, or at its end.
    static func addingInclude(_ domain: String, to record: SPFRecord) -> String {
        var words = record.text.split(separator: " ").map(String.init)
        let position = words.firstIndex { word in
            guard case .success(let term) = SPFTerm.parse(word) else { return false }
            return term.mechanism == .all || term.modifierName == "redirect"
        } ?? words.endIndex
        words.insert("include:" + domain, at: position)
        return words.joined(separator: " ")
    }

    /// One record made of several: every term once, in the order first met, then their `all`
    /// if they agree, `~all` if they do not (softfail while the merged list is confirmed).
    static func merged(_ records: [String]) -> String {
        var terms: [String] = []
        var alls: Set<String> = []
        for record in records {
            for word in record.split(separator: " ").dropFirst().map(String.init) {
                let parsed = try? SPFTerm.parse(word).get()
                if parsed?.mechanism == .all {
                    alls.insert(word.lowercased())
                } else if !terms.contains(where: { $0.lowercased() == word.lowercased() }) {
                    terms.append(word)
                }
            }
        }
        return (["v=spf1"] + terms + [alls.count == 1 ? alls.first! : "~all"]).joined(separator: " ")
    }
}

