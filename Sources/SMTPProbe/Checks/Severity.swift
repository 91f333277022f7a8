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
