/// How serious a finding is.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    /// Worth knowing; changes nothing.
    case info
    /// The test would pass, but something needs attention.
    case warn
    /// Gmail's "Test TLS connection" would fail, or mail would not be delivered.
    case fail

    private var rank: Int {
        switch self {
        case .info: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

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
