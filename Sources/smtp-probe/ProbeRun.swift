#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SMTPProbe

/// One run of the probe command over its targets: probes them, renders each result in the
/// chosen format as soon as the format allows, and works out the exit status.
struct ProbeRun {
    /// Where and in what format the results go: the output of every command.
    var destination: ReportOutput
    var output: OutputOptions
    var judgement: JudgementOptions
    /// JSON as an array: several targets or a targets file were given.
    var asList = false

    /// Returns the exit status: the worst verdict (3 when a target could not be probed at
    /// all), or for Nagios the plugin status.
    func run(_ targets: [ProbeTarget], routeOptions: [RouteOptions], options: ProbeOptions,
             batch: BatchOptions) async throws -> Int32 {
        let sink = destination.sink
        let results = try SMTPProber().probe(targets, options: options, routeOptions: routeOptions, batch: batch)
        let renderer = destination.text
        var collected: [BatchResult] = []
        for await result in results {
            switch (format, result.outcome) {
            case (.text, .success(let report)):
                if collected.contains(where: { (try? $0.outcome.get()) != nil }) {
                    sink.write(ReportOutput.separator)
                }
                sink.write(renderer.render(report))
            case (.jsonl, .success(let report)):
                sink.write(try ReportJSON.encodeLine(report) + "\n")
            default:
                break
            }
            if case .failure(let error) = result.outcome, format != .nagios {
                let message = "smtp-probe: error: \(result.target): \(error.description)\n"
                let bytes = Array(message.utf8)
                _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            }
            collected.append(result)
        }
        collected.sort { $0.index < $1.index }
        var status = Self.exitStatus(collected)
        switch format {
        case .text, .jsonl:
            break
        case .json:
            let reports = collected.compactMap { try? $0.outcome.get() }
            // One object for one target on the command line; an array whenever a list was
            // asked for, even if it held one target, so that a consumer sees one shape.
            if !asList, let report = reports.first {
                sink.write(try ReportJSON.encode(report) + "\n")
            } else if asList {
                sink.write(try ReportJSON.encode(reports) + "\n")
            }
        case .nagios:
            let nagios = NagiosRenderer(language: output.language, warnDays: judgement.warnDays, critDays: judgement.critDays)
                .render(collected)
            sink.write(nagios.text)
            status = nagios.state.rawValue
        case .prometheus:
            sink.write(PrometheusRenderer().render(collected, finishedAt: Date()))
        }
        try sink.finish()
        return status
    }

    private var format: ReportFormat { destination.format }

    private static func exitStatus(_ results: [BatchResult]) -> Int32 {
        var worst = ExitStatus.pass
        for result in results {
            switch result.outcome {
            case .failure: return ExitStatus.couldNotRun.rawValue
            case .success(let report): worst = max(worst, ExitStatus(report.verdict))
            }
        }
        return worst.rawValue
    }
}

extension ExitStatus: Comparable {
    static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
