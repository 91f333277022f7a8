/// The pre-migration checklist of a plan (`smtp-probe checklist PLAN.yaml`): every check of
/// the plan made offline, and every live check, each one line with its area, status and the
/// place in the plan it comes from. Run after the cut-over, the same plan is the acceptance
/// test.
public struct ChecklistReport: Codable, Sendable {
    public var schemaVersion = ProbeReport.currentSchemaVersion
    public var tool = "smtp-probe \(SMTPProbeVersion.current)"
    /// The plan file as named on the command line.
    public var plan: String
    public var domains: [String]
    /// Whether the live checks were left out (`--offline`): they are then `not_checked`.
    public var offline: Bool
    /// The worst status of the checks made: fail, warn or pass. A check not made changes it not.
    public var verdict: Verdict
    /// Whether the cut-over can go ahead: no check failed.
    public var canGoAhead: Bool
    /// How many checks are in each status.
    public var counts: ChecklistCounts
    /// Every check, area by area in the order of ``ChecklistArea``, each area in plan order.
    public var checks: [ChecklistItem]

    public init(plan: String, domains: [String], offline: Bool, checks: [ChecklistItem]) {
        self.plan = plan
        self.domains = domains
        self.offline = offline
        self.checks = ChecklistArea.allCases.flatMap { area in checks.filter { $0.area == area } }
        counts = ChecklistCounts(checks)
        verdict = counts.fail > 0 ? .fail : counts.warn > 0 ? .warn : .pass
        canGoAhead = counts.fail == 0
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", tool, plan, domains, offline, verdict, canGoAhead = "can_go_ahead", counts, checks
    }

    /// The failures and warnings, most urgent first: failures before warnings, each in the
    /// order of the checklist.
    public var urgent: [ChecklistItem] {
        checks.filter { $0.status == .fail } + checks.filter { $0.status == .warn }
    }
}

/// The parts of a migration a checklist is grouped by.
public enum ChecklistArea: String, Codable, Sendable, CaseIterable {
    /// The domains' DNS: MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT.
    case dns
    /// The inbound routes: mail Google delivers to other servers.
    case inboundRoutes = "inbound_routes"
    /// The outbound gateway (smart host).
    case outboundGateway = "outbound_gateway"
    /// The SMTP relay service and the devices sending through it.
    case relay
    /// The mailboxes Gmail fetches.
    case fetchedMailboxes = "fetched_mailboxes"
}

/// How one check came out.
public enum ChecklistStatus: String, Codable, Sendable {
    case pass, warn, fail
    /// A live check that was not made: never a pass.
    case notChecked = "not_checked"
}

/// One line of the checklist.
public struct ChecklistItem: Codable, Sendable {
    public var area: ChecklistArea
    /// The finding code when the check found something, or the check's own code: a plan
    /// check's code (`relay.daily_limit`) even when it passed, or a live check's name
    /// (`checklist.route_tls`) when it passed or was not made.
    public var code: String
    public var status: ChecklistStatus
    /// The finding's severity; nil when the check passed or was not made.
    public var severity: Severity?
    /// Whether the check needs the network (left out with `--offline`).
    public var live: Bool
    public var message: String
    public var detail: String?
    public var remedies: [Remedy]
    /// Where the plan says what was checked.
    public var location: PlanLocation

    public init(area: ChecklistArea, code: String, status: ChecklistStatus, severity: Severity?, live: Bool,
                message: String, detail: String? = nil, remedies: [Remedy] = [], location: PlanLocation) {
        self.area = area
        self.code = code
        self.status = status
        self.severity = severity
        self.live = live
        self.message = message
        self.detail = detail
        self.remedies = remedies
        self.location = location
    }

    /// A check that found `finding` (or passed, for an info finding).
    init(area: ChecklistArea, finding: Finding, live: Bool, location: PlanLocation) {
        self.init(area: area, code: finding.code.rawValue, status: ChecklistStatus(finding.severity), severity: finding.severity,
                  live: live, message: finding.message, detail: finding.detail, remedies: finding.remedies, location: location)
    }

    enum CodingKeys: String, CodingKey {
        case area, code, status, severity, live, message, detail, remedies, location
    }
}

extension ChecklistStatus {
    init(_ severity: Severity) {
        switch severity {
        case .fail: self = .fail
        case .warn: self = .warn
        case .info: self = .pass
        }
    }
}

/// How many checks came out each way.
public struct ChecklistCounts: Codable, Sendable, Hashable {
    public var pass = 0
    public var warn = 0
    public var fail = 0
    public var notChecked = 0

    init(_ checks: [ChecklistItem]) {
        for check in checks {
            switch check.status {
            case .pass: pass += 1
            case .warn: warn += 1
            case .fail: fail += 1
            case .notChecked: notChecked += 1
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case pass, warn, fail, notChecked = "not_checked"
    }
}
