import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// `smtp-probe checklist PLAN.yaml`: the pre-migration checklist of a plan (docs/checklist.md).
struct ChecklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Check a migration plan (YAML) before the cut-over: the plan's settings, then every server it names.",
        discussion: """
            The plan format is described in docs/checklist.md; examples/migration.yaml is an example. \
            Exit status: 0 every check passed, 1 warnings, 2 a check failed (the cut-over cannot go ahead), \
            3 the plan could not be read. A check not made (--offline) is reported as not checked, never as passed.
            """)

    @Argument(help: ArgumentHelp("The plan file.", valueName: "plan.yaml"))
    var file: String

    @Flag(help: "Check the plan only: no connection and no DNS query at all; the live checks are reported as not checked.")
    var offline = false

    @Option(name: .customLong("ehlo"), help: ArgumentHelp("The name to say in EHLO (default: this machine's fully qualified name, or the connection's address literal).", valueName: "name"))
    var ehloName: String?

    @OptionGroup var timing: TimeoutOption

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds after which the live checks end, whatever the servers and DNS do (default: 300, or 10 times --timeout if longer).", valueName: "seconds"))
    var deadline: Double?

    @OptionGroup var dns: DNSServerOption

    @Option(name: .customLong("trust-anchor"), help: ArgumentHelp("DNSSEC trust anchors (DS or DNSKEY lines) for a private or test zone, beside the root's, for the domain checks.", valueName: "file"))
    var trustAnchor: String?

    @Option(name: .customLong("mta-sts-connect-to"), help: ArgumentHelp("Fetch MTA-STS policies from this address instead of mta-sts.DOMAIN's, still checking the certificate against that name.", valueName: "address[:port]"))
    var mtaSTSConnectTo: String?

    @Option(name: .customLong("relay-connect-to"), help: ArgumentHelp("Test the relay at this address instead of relay.server's own, still checking the certificate against relay.server (the device's port unless a port is given).", valueName: "address[:port]"))
    var relayConnectTo: String?

    @Option(name: .customLong("fetch-connect-to"), help: ArgumentHelp("Test the fetched mailboxes' POP3 and SMTP servers at this address instead of their own, still checking each certificate against the server named in the plan (the plan's port unless a port is given).", valueName: "address[:port]"))
    var fetchConnectTo: String?

    @OptionGroup var judgement: JudgementOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup(title: "Output") var formatting: FormatOptions

    func validate() throws {
        try FleetOptions.validate(deadline: deadline)
        _ = try format()
        // Checked now, not when their checks come: the fetched mailboxes are tested last, and a
        // mistyped address must not end the run there, after every other live check was made.
        for (name, value) in [("relay-connect-to", relayConnectTo), ("fetch-connect-to", fetchConnectTo)] {
            guard let value else { continue }
            do {
                _ = try ProbeTarget(parsing: value)
            } catch let error as SMTPProbeError {
                throw ValidationError("--\(name): \(error.reason)")
            }
        }
    }

    private func format() throws -> ReportFormat {
        try formatting.resolved(json: output.json, allowed: [.text, .markdown, .json], command: "checklist",
                                reason: "a checklist is one report for people (text, markdown) or programs (json)")
    }

    func run() async throws {
        let destination = try ReportOutput(format: format(), options: output, path: formatting.output)
        let plan = try MigrationPlan(contentsOf: file)
        var options = ProbeOptions()
        options.language = output.language
        options.timeout = timing.timeout
        try judgement.apply(to: &options)
        options.dnsServer = try dns.server()
        if let ehloName { options.ehloName = try EHLOName.validate(ehloName) }
        let runDeadline = FleetOptions.deadline(deadline, timeout: timing.timeout)
        let offline = self.offline
        var live = ChecklistLiveOptions()
        live.trustAnchorFile = trustAnchor
        live.mtaSTSConnectTo = mtaSTSConnectTo
        live.relayConnectTo = relayConnectTo
        live.fetchConnectTo = fetchConnectTo
        live.environment = ProcessInfo.processInfo.environment
        // The report is written at the end: a reader that goes away (`| head`) stops the run.
        let report = try await ReaderWatch.run(writingTo: destination.sink) { [options, live] in
            try await ChecklistRunner().run(plan, offline: offline, options: options, deadline: runDeadline, live: live)
        }
        try destination.write(report)
        throw ExitCode(ExitStatus(report.verdict).rawValue)
    }
}
