import ArgumentParser
import SMTPProbe

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

    /// One route (`--mx-lookup` on one domain).
    func write(_ report: RouteReport) throws {
        switch format {
        case .json: sink.write(try ReportJSON.encode(report) + "\n")
        case .jsonl: sink.write(try ReportJSON.encodeLine(report) + "\n")
        default: sink.write(text.render(report))
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
