/// The checks of a run over many targets: what the run itself, not a server, cut short.
enum BatchProblem: CheckProblem {
    /// A run over many targets reached its overall deadline before this target's probe ended.
    case deadlineExceeded(seconds: Double)

    var code: FindingCode { .probeDeadlineExceeded }
    var severity: Severity { .fail }
    func message(_ language: Language) -> String { language == .ja ? jaMessage : enMessage }
    func detail(_ language: Language) -> String? { language == .ja ? jaDetail : enDetail }
    var remedies: [BatchRemedy] { [.allowMoreTime] }
}

/// The remedies of the batch checks.
enum BatchRemedy: CheckRemedy {
    case allowMoreTime

    var kind: String { "allow_more_time" }

    func text(_ language: Language, routeHost: String) -> String {
        language == .ja ? jaText(routeHost: routeHost) : enText(routeHost: routeHost)
    }
}

extension FindingCode {
    /// The run's overall deadline passed before this target's probe ended.
    public static let probeDeadlineExceeded = FindingCode("probe.deadline_exceeded")
}
