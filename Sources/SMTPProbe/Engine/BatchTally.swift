/// What the end of a run needs from its results, as counts: how many were reported, how many
/// could not be probed at all, and the worst verdict.
///
/// A run that streams its output (text, JSON Lines) writes each result and folds it in here,
/// then lets it go: memory stays the same over ten targets or a hundred thousand. Only output
/// that is written whole at the end (one JSON array, Nagios, Prometheus) needs the results
/// themselves.
public struct BatchTally: Sendable, Equatable {
    /// Results with a report.
    public private(set) var reports = 0
    /// Results without one: the target could not be probed at all (exit status 3).
    public private(set) var couldNotProbe = 0
    /// The worst verdict among the reports; nil before the first.
    public private(set) var worst: Verdict?

    public init() {}

    /// Counts `result` in; the result itself is not kept.
    public mutating func add(_ result: BatchResult) {
        switch result.outcome {
        case .success(let report):
            reports += 1
            worst = worst.map { $0.worse(report.verdict) } ?? report.verdict
        case .failure:
            couldNotProbe += 1
        }
    }
}
