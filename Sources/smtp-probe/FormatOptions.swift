import ArgumentParser
import SMTPProbe
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The forms a probe's results can take.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    /// The human report (the default).
    case text
    /// The JSON report; an array of reports for several targets.
    case json
    /// One compact JSON report a line, each as soon as its target is done.
    case jsonl
    /// A Nagios/Icinga plugin's status line, perfdata and exit status.
    case nagios
    /// Prometheus' text exposition format, for node_exporter's textfile collector.
    case prometheus
    /// Markdown, for a change ticket or a wiki page: the checklist only.
    case markdown
}

/// How a command prints: `--format` and `--output`, the same options with the same meaning for
/// every command that takes them. A command that cannot give a format refuses it by name.
struct FormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: text, json, jsonl, nagios, prometheus or markdown (--json is --format json). 'route' takes text, json or jsonl; 'cert' text or json; 'relay' and 'gateway' all but markdown; 'checklist' text, markdown or json; markdown is for 'checklist' only.", valueName: "format"))
    var format: ReportFormat?

    @Option(help: ArgumentHelp("Write the output to this file, replaced atomically, instead of standard output.", valueName: "file"))
    var output: String?

    /// The format asked for, refused with `reason` when the command cannot give it.
    func resolved(json: Bool, allowed: [ReportFormat], command: String, reason: String) throws -> ReportFormat {
        let format = try resolved(json: json)
        guard allowed.contains(format) else {
            let names = allowed.map(\.rawValue)
            throw ValidationError("""
                '\(command)' takes --format \(names.dropLast().joined(separator: ", ")) or \(names.last!), \
                not \(format.rawValue): \(reason)
                """)
        }
        return format
    }

    /// The format asked for, `--json` being another way to ask for JSON.
    func resolved(json: Bool) throws -> ReportFormat {
        switch (format, json) {
        case (nil, false): return .text
        case (nil, true), (.json?, _): return .json
        case (let format?, false): return format
        case (let format?, true): throw ValidationError("--json and --format \(format.rawValue) contradict each other")
        }
    }

    /// Whether the command line asks for Nagios output: then even a user error must be a
    /// plugin status line, since Nagios shows standard output only.
    static func nagiosRequested(_ arguments: [String]) -> Bool {
        for (index, argument) in arguments.enumerated() {
            if argument == "--format=nagios" { return true }
            if argument == "--format", index + 1 < arguments.count, arguments[index + 1] == "nagios" { return true }
        }
        return false
    }
}

/// The one way out of every command: a report rendered in the format `--format` (or `--json`)
/// chose, written where `--output` says through ``OutputSink`` (a file replaced whole, a FIFO or
/// device written as results come, or standard output). The probe command's run streams
/// through the same sink and renderer (``ProbeRun``).
struct ReportOutput {
    let format: ReportFormat
    let sink: OutputSink
    /// The human renderer, without colour when the output is not standard output.
    let text: TextRenderer

    /// `path` nil (or `-`) for standard output. The destination is checked now, before any
    /// probe, so that a long run does not end in an error and lose its results.
    init(format: ReportFormat, options: OutputOptions, path: String?) throws {
        self.format = format
        sink = try OutputSink(path: path)
        text = TextRenderer(language: options.language,
                            style: TerminalStyle(disabled: options.noColor || sink.isRedirected))
    }

    /// The line between two reports in text.
    static let separator = String(repeating: "─", count: 72) + "\n"

    /// Probe reports: text one after the other, JSON as one array, JSON Lines one a line.
    func write(_ reports: [ProbeReport]) throws {
        switch format {
        case .json: sink.write(try ReportJSON.encode(reports) + "\n")
        case .jsonl: for report in reports { sink.write(try ReportJSON.encodeLine(report) + "\n") }
        default: sink.write(reports.map { text.render($0) }.joined(separator: Self.separator))
        }
        try sink.finish()
    }

    /// One probe report (`relay`) of `target`: in JSON one object, Nagios and Prometheus as
    /// the probe command gives them for one target. Returns the exit status: the verdict's, or
    /// for Nagios the plugin state.
    func write(_ report: ProbeReport, target: ProbeTarget, judgement: JudgementOptions) throws -> Int32 {
        var status = ExitStatus(report.verdict).rawValue
        let result = BatchResult(index: 0, target: target, outcome: .success(report))
        switch format {
        case .json: sink.write(try ReportJSON.encode(report) + "\n")
        case .jsonl: sink.write(try ReportJSON.encodeLine(report) + "\n")
        case .nagios:
            let nagios = NagiosRenderer(language: text.language, warnDays: judgement.warnDays, critDays: judgement.critDays)
                .render([result])
            sink.write(nagios.text)
            status = nagios.state.rawValue
        case .prometheus: sink.write(PrometheusRenderer().render([result], finishedAt: Date()))
        case .text, .markdown: sink.write(text.render(report))
        }
        try sink.finish()
        return status
    }

    /// One route (`--mx-lookup` on one domain, or `gateway`); `note`, a line the text opens with.
    func write(_ report: RouteReport, note: String? = nil) throws {
        switch format {
        case .json: sink.write(try ReportJSON.encode(report) + "\n")
        case .jsonl: sink.write(try ReportJSON.encodeLine(report) + "\n")
        default: sink.write((note.map { text.style.dim($0) + "\n" } ?? "") + text.render(report))
        }
        try sink.finish()
    }

    /// A route file's routes: in JSON Lines, one route object a line in file order, the same
    /// object as in `routes` of the JSON form.
    func write(_ report: RouteFileReport) throws {
        switch format {
        case .json: sink.write(try ReportJSON.encode(report) + "\n")
        case .jsonl: for route in report.routes { sink.write(try ReportJSON.encodeLine(route) + "\n") }
        default: sink.write(text.render(report))
        }
        try sink.finish()
    }

    /// A migration plan's checklist: text, Markdown or JSON.
    func write(_ report: ChecklistReport) throws {
        switch format {
        case .json: sink.write(try ReportJSON.encode(report) + "\n")
        case .markdown: sink.write(ChecklistMarkdownRenderer(language: text.language).render(report))
        default: sink.write(ChecklistTextRenderer(language: text.language, style: text.style).render(report))
        }
        try sink.finish()
    }

    /// A certificate file's check.
    func write(_ report: CertificateFileReport) throws {
        switch format {
        case .json: sink.write(try ReportJSON.encode(report) + "\n")
        case .jsonl: sink.write(try ReportJSON.encodeLine(report) + "\n")
        default: sink.write(text.render(report))
        }
        try sink.finish()
    }
}
