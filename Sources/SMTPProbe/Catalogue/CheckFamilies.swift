/// Every family of checks, in the order a report meets them: the one line a new family adds
/// outside its own folder (Checks/<Family>/). The catalogue of codes in the README and the
/// tests are checked against this list.
enum CheckFamilies {
    static let all: [any CheckProblem.Type] = [
        RouteProblem.self,
        DNSProblem.self,
        ConversationProblem.self,
        CertificateProblem.self,
        MailboxProblem.self,
        AuthProblem.self,
        BatchProblem.self,
        MXProblem.self,
        DNSSECProblem.self,
        SPFProblem.self,
        DKIMProblem.self,
        DMARCProblem.self,
        MTASTSProblem.self,
        TLSRPTProblem.self,
        RelayProblem.self,
        GatewayProblem.self,
        RelayPlanProblem.self,
        GatewayPlanProblem.self,
        FetchPlanProblem.self,
    ]

    /// Every code any family reports, in the families' order.
    static var codes: [FindingCode] { all.flatMap { $0.codes } }

    /// The family that reports `code`, if any does.
    static func family(of code: FindingCode) -> (any CheckProblem.Type)? {
        all.first { $0.codes.contains(code) }
    }
}
