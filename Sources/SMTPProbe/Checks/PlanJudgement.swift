/// One check of a migration plan as its family judged it: which check, on which line of the
/// plan, and the problem found, or nil when it passed (with the words that say what passed).
/// The checklist report (Report/) turns these into its lines.
struct PlanJudgement: Sendable {
    var code: FindingCode
    /// The line of the plan (or its route file) the check is about.
    var line: Int
    var problem: Problem?
    /// What passed, in the report's language, shown when ``problem`` is nil.
    var passed: String

    init(_ code: FindingCode, line: Int, problem: (some CheckProblem)?, passed: String) {
        self.code = code
        self.line = line
        self.problem = problem.map(Problem.init)
        self.passed = passed
    }

    /// A whole number with thousands separated by commas (32,500), the same in both languages.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }
}
