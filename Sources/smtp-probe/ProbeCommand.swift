import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// `smtp-probe HOST[:PORT]...`: one target, or many for monitoring.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Test the TLS connection to a mail server, as Gmail's route test does (the default command).")

    @Argument(help: ArgumentHelp("The route host: a host name or IP address, port 25 unless given. Several may be given.", valueName: "host[:port]"))
    var targets: [String] = []

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("ehlo"), help: ArgumentHelp("The name to say in EHLO (default: this machine's fully qualified name, or the connection's address literal).", valueName: "name"))
    var ehloName: String?


    @Option(name: .customLong("connect-to"), help: ArgumentHelp("Connect to this address instead, still checking the certificate against the route host (e.g. before DNS points at a new server).", valueName: "address[:port]"))
    var connectTo: String?

    @Option(help: ArgumentHelp("How TLS starts: starttls, or implicit (TLS from the first byte). Default: implicit on port 465, starttls elsewhere.", valueName: "mode"))
    var tls: TLSMode?

    @OptionGroup(title: "Protocol and login") var protocolOptions: ProtocolOptions

    @OptionGroup var timing: TimeoutOption

    @Flag(help: "Show every line sent and received for each address, with timings (secrets masked): in the text report, or as `transcript` in JSON.")
    var transcript = false


    @OptionGroup var judgement: JudgementOptions

    @OptionGroup(title: "Route options") var route: RouteOptionFlags

    @OptionGroup(title: "Monitoring") var formatting: FormatOptions

    @OptionGroup(title: "Many targets") var fleet: FleetOptions

    func validate() throws {
        let format = try formatting.resolved(json: output.json)
        if format == .markdown {
            throw ValidationError("'probe' takes --format text, json, jsonl, nagios or prometheus, not markdown: markdown is for 'checklist'")
        }
        if route.mxLookup, connectTo != nil {
            throw ValidationError("--connect-to and --mx-lookup cannot be combined: MX lookup decides where to connect")
        }
    }

    /// One domain with MX lookup, printed as text or JSON: the route report, which also says
    /// what a failing MX host means for the domain's mail. It ends by `--deadline`, as a run
    /// over many targets does: whoever runs the domain's DNS chooses how many MX hosts it has. Several domains, a targets file or a
    /// monitoring format make each MX host a target of its own instead.
    private func isSingleRoute(format: ReportFormat) -> Bool {
        route.mxLookup && targets.count == 1 && fleet.targetsFile == nil && (format == .text || format == .json)
    }

    func run() async throws {
        let listed = try fleet.targets(positional: targets, route: route.options,
                                       defaultPort: protocolOptions.mailProtocol.defaultPort)
        let targets = listed.map(\.target)
        var options = ProbeOptions()
        options.language = output.language
        options.timeout = timing.timeout
        try judgement.apply(to: &options)
        options.connectTo = connectTo
        options.tlsMode = tls
        options.transcript = transcript
        options.mailProtocol = protocolOptions.mailProtocol
        options.login = try protocolOptions.credentials()
        if let ehloName { options.ehloName = try EHLOName.validate(ehloName) }
        options.route = route.options
        options.dnsServer = try route.dns.server()
        let format = try formatting.resolved(json: output.json)
        if isSingleRoute(format: format), let domain = targets.first {
            // A domain with MX lookup is a route of its own: one entry, its MX hosts behind it.
            let destination = try ReportOutput(format: format, options: output, path: formatting.output)
            let prober = RouteProber(prober: try SMTPProber())
            let entry = Route(name: self.targets[0], options: route.options, port: domain.port,
                              primary: [RouteHost(entry: self.targets[0])])
            let deadline = FleetOptions.deadline(fleet.deadline, timeout: timing.timeout)
            let report = try await ReaderWatch.run(writingTo: destination.sink) { [options] in
                try await prober.probe(entry, options: options, deadline: deadline)
            }
            try destination.write(report)
            throw ExitCode(ExitStatus(report.verdict).rawValue)
        }
        let run = ProbeRun(format: format, output: output,
                           outputFile: formatting.output, judgement: judgement,
                           asList: self.targets.count > 1 || fleet.targetsFile != nil || route.mxLookup)
        throw ExitCode(try await run.run(targets, routeOptions: listed.map(\.route), options: options,
                                         batch: fleet.batch(timeout: timing.timeout)))
    }
}

/// Options shared by every command that prints a report.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the report as JSON (schema: docs/json-schema.md).")
    var json = false

    @Option(help: ArgumentHelp("Language of messages and remedies: en or ja (default: from the locale).", valueName: "lang"))
    var lang: Language?

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal (NO_COLOR is respected too).")
    var noColor = false

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
}

/// The JSON form of reports: stable key order, ISO 8601 dates.
enum ReportJSON {
    static func encode(_ report: some Encodable) throws -> String {
        try encode(report, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// One report on one line, for JSON Lines.
    static func encodeLine(_ report: some Encodable) throws -> String {
        try encode(report, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func encode(_ report: some Encodable, formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        // The same text as `.iso8601` (`2026-11-23T09:30:00Z`), written by the C library:
        // `.iso8601` sets up a Gregorian calendar first, which cost a probe most of a millisecond.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(FindingDates.iso8601(date))
        }
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
