/// One smallest set of route options that, turned off, would let a failing route's test pass,
/// with what turning them off gives up.
public struct Relaxation: Codable, Hashable, Sendable {
    /// The options to turn off, in the console's order.
    public var turnOff: [RouteOption]
    /// What each of them gives up, one sentence each, in the report's language.
    public var costs: [String]

    enum CodingKeys: String, CodingKey {
        case turnOff = "turn_off", costs
    }
}

extension Relaxation {
    /// The smallest sets of options that would make these findings pass, worked out from the
    /// findings alone: the probe already holds every fact, so no combination needs a
    /// connection of its own.
    ///
    /// Empty when nothing fails, and also when some failure is one no option changes (a
    /// refused connection, a 554 greeting): relaxing would not help, fixing the server would.
    static func smallestSets(for findings: [Finding], options: RouteOptions, language: Language) -> [Relaxation] {
        // cert.expiring_critical is the operator's own threshold: the console's test passes.
        let failing = findings.filter { $0.severity == .fail && $0.code != .certExpiringCritical }.map(\.relaxableBy)
        guard !failing.isEmpty else { return [] }
        let candidates = RouteOption.allCases.filter(options.isOn)
        var passing: [[RouteOption]] = []
        // At most three options: eight subsets, in order of size so that the first found are
        // the smallest, and among equals the one that gives up least first.
        let subsets = (1..<(1 << candidates.count)).map { mask in
            candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
        }.sorted { ($0.count, $0.map(\.giveUp).max() ?? 0) < ($1.count, $1.map(\.giveUp).max() ?? 0) }
        for subset in subsets {
            if passing.contains(where: { Set($0).isSubset(of: subset) }) { continue }
            let relaxed = options.turningOff(subset)
            if failing.allSatisfy({ relaxed.waiver(relaxing: $0) != nil }) { passing.append(subset) }
        }
        // Listed with the sets that keep TLS first: giving up TLS gives up everything, so it
        // is never the first thing an admin reads, even when it is a single option.
        let ordered = passing.enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element.contains(.requireTLS), rhs.element.contains(.requireTLS))
            return left != right ? !left : lhs.offset < rhs.offset
        }.map(\.element)
        return ordered.map { Relaxation(turnOff: $0, costs: $0.map { capitalised($0.cost(language)) }) }
    }

    private static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

private extension RouteOption {
    /// How much turning the option off gives up: hostname validation least, TLS most.
    var giveUp: Int {
        switch self {
        case .validateHostname: 0
        case .requireCASigned: 1
        case .requireTLS: 2
        }
    }
}
