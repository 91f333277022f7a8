import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// `smtp-probe route FILE`: every route of a route file, tested as the console would.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Test the routes of a route file (YAML): each host, under each route's own options.",
        discussion: "The file format is described in docs/route-files.md; examples/routes.yaml is an example.")

    @Argument(help: ArgumentHelp("The route file.", valueName: "routes.yaml"))
    var file: String

    @Option(name: .customLong("ehlo"), help: ArgumentHelp("The name to say in EHLO (default: this machine's fully qualified name, or the connection's address literal).", valueName: "name"))
    var ehloName: String?

    @OptionGroup var timing: TimeoutOption

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds after which the whole test ends, whatever the servers and DNS do (default: 300, or 10 times --timeout if longer).", valueName: "seconds"))
    var deadline: Double?

    @OptionGroup var dns: DNSServerOption

    @OptionGroup var judgement: JudgementOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup(title: "Output") var formatting: FormatOptions

    func validate() throws {
        try FleetOptions.validate(deadline: deadline)
        _ = try format()
    }

    /// A route report says what one route's hosts mean together; Nagios and Prometheus judge
    /// hosts one by one, which a run over the file's hosts as targets gives.
    private func format() throws -> ReportFormat {
        try formatting.resolved(json: output.json, allowed: [.text, .json, .jsonl], command: "route", reason: """
            to monitor a route file's hosts with Nagios or Prometheus, give it as targets: \
            smtp-probe --targets \(file) --format \(formatting.format?.rawValue ?? "nagios")
            """)
    }

    func run() async throws {
        let destination = try ReportOutput(format: format(), options: output, path: formatting.output)
        let routes = try RouteFile(contentsOf: file).routes
        var options = ProbeOptions()
        options.language = output.language
        options.timeout = timing.timeout
        try judgement.apply(to: &options)
        options.dnsServer = try dns.server()
        if let ehloName { options.ehloName = try EHLOName.validate(ehloName) }
        // Routes are independent: the library tests them all at once, within one deadline.
        let prober = RouteProber(prober: try SMTPProber())
        let runDeadline = FleetOptions.deadline(deadline, timeout: timing.timeout)
        // The report is written at the end: a reader that goes away (`| head`) stops the run.
        let reports = try await ReaderWatch.run(writingTo: destination.sink) { [options] in
            try await prober.probe(routes, options: options, deadline: runDeadline)
        }
        let report = RouteFileReport(file: file, routes: reports)
        try destination.write(report)
        throw ExitCode(ExitStatus(report.verdict).rawValue)
    }
}
