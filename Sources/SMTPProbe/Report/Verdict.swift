/// The overall result of a probe.
public enum Verdict: String, Codable, Sendable, Comparable {
    case pass, warn, fail

    /// The verdict that a set of findings adds up to: the worst severity among them.
    public init(findings: [Finding]) {
        switch findings.map(\.severity).max() {
        case .fail: self = .fail
        case .warn: self = .warn
        case .info, nil: self = .pass
        }
    }

    private var rank: Int {
        switch self {
        case .pass: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}
