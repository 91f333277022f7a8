/// `smtp-probe relay`: is Google's SMTP relay (smtp-relay.gmail.com) ready for a device, from
/// the device's own network? The probe's TLS test on the device's port, judged together with the
/// relay's documented client rules (seed 000): the port that fits "Require TLS encryption", and
/// a unique EHLO name (``RelayProblem``).
public struct RelayProber: Sendable {
    /// The relay's host name.
    public static let defaultHost = "smtp-relay.gmail.com"
    /// The ports the relay documents.
    public static let ports = [25, 465, 587]

    private let prober: SMTPProber

    public init(prober: SMTPProber) {
        self.prober = prober
    }

    /// Probes `host` (default ``defaultHost``) on `port` as a device saying `ehloName` would,
    /// with "Require TLS encryption" on when `requireTLS`. SMTP AUTH is judged as the relay
    /// needs it: offered in clear is a warning (`auth.offered_before_tls`), and with
    /// `smtpAuth` (the device authenticates, or "Require SMTP Authentication" is on) a failure,
    /// as is no AUTH inside TLS (`auth.not_offered`). A generic `ehloName` is reported
    /// (`relay.generic_ehlo`) and not said: the probe says this machine's own name instead, so
    /// that it does not run into the limits the finding warns of. Throws
    /// ``SMTPProbeError/Code/invalidEHLOName`` for a name that is not one at all.
    public func probe(host: String?, port: Int, ehloName: String?, requireTLS: Bool, smtpAuth: Bool = false,
                      options: ProbeOptions) async throws -> ProbeReport {
        let target = try ProbeTarget(parsing: host ?? Self.defaultHost, defaultPort: port)
        var options = options
        // 465 is the relay's port for TLS from the first byte, which no route may use.
        options.judgesRoutePort = false
        options.mailProtocol = smtpAuth ? .submission : .smtp
        let problems = RelayProblem.judge(port: target.port, requireTLS: requireTLS, ehloName: ehloName)
        if let ehloName {
            options.ehloName = EHLOName.isGeneric(ehloName) ? nil : try EHLOName.validate(ehloName)
        }
        return try await prober.probe(target, options: options, resolution: nil, limiter: nil,
                                      problems: problems.map(Problem.init))
    }
}
