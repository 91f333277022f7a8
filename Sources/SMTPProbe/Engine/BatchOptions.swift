/// How a run over many targets shares out its connections and its time.
public struct BatchOptions: Sendable {
    /// Targets probed at the same time. Each target still probes all its addresses at once.
    public var concurrency = 32
    /// Connections open at the same time to any one IP address, across every target of the
    /// run. The default of 1 is what a polite client does.
    public var connectionsPerAddress = 1
    /// Seconds after which the run ends whatever the targets do. Targets that have not
    /// finished by then are reported with `probe.deadline_exceeded`.
    public var deadline: Double = 300

    public init() {}
}

/// The result of one target in a run over many, delivered as soon as it is known.
public struct BatchResult: Sendable {
    /// The target's position in the run: the targets as given, each MX-lookup domain replaced
    /// by its MX hosts in preference order (a host already listed is not listed again).
    public var index: Int
    public var target: ProbeTarget
    /// The report, or why this target could not be probed at all (exit status 3).
    public var outcome: Result<ProbeReport, SMTPProbeError>

    public init(index: Int, target: ProbeTarget, outcome: Result<ProbeReport, SMTPProbeError>) {
        self.index = index
        self.target = target
        self.outcome = outcome
    }
}
