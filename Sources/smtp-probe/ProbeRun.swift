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
///
/// Text and JSON Lines are written as results come and then forgotten: only the counts the
/// exit status needs are kept, so a run over 100,000 targets holds no more than one over ten.
/// JSON, Nagios and Prometheus need every result at the end and keep them.
struct ProbeRun {
    var format: ReportFormat
    var output: OutputOptions
    var outputFile: String?
    var judgement: JudgementOptions
    /// JSON as an array: several targets or a targets file were given.
    var asList = false

    /// Returns the exit status: the worst verdict (3 when a target could not be probed at
    /// all), or for Nagios the plugin status. Throws when the output's reader went away before
    /// the end (`| head -1`): the run stops there rather than probe for nobody.
    func run(_ targets: [ProbeTarget], routeOptions: [RouteOptions], options: ProbeOptions,
             batch: BatchOptions) async throws -> Int32 {
        // The output of every command: the format's renderer and the sink, checked before
        // the first probe.
        let destination = try ReportOutput(format: format, options: output, path: outputFile)
        let sink = destination.sink
        let watched = sink.pipeDescriptor
        let prober = try SMTPProber()
        var batch = batch
        batch.concurrency = Self.fitted(batch.concurrency, targets: targets.count)
        let results = try prober.probe(targets, options: options, routeOptions: routeOptions, batch: batch)
        let consumer = Task { try await self.consume(results, into: destination) }
        // Nothing may be written for a while (every target stalling): notice a reader that has
        // gone without waiting for the next write to fail.
        if let watched { ReaderWatch.start(watched) { consumer.cancel() } }
        return try await consumer.value
    }

    private func consume(_ results: AsyncStream<BatchResult>, into destination: ReportOutput) async throws -> Int32 {
        let sink = destination.sink
        let renderer = destination.text
        let keepsResults = format == .json || format == .nagios || format == .prometheus
        var kept: [BatchResult] = []
        var tally = BatchTally()
        var written = true
        for await result in results {
            switch (format, result.outcome) {
            case (.text, .success(let report)):
                let separator = tally.reports > 0 ? ReportOutput.separator : ""
                written = sink.write(separator + renderer.render(report))
            case (.jsonl, .success(let report)):
                written = sink.write(try ReportJSON.encodeLine(report) + "\n")
            default:
                break
            }
            tally.add(result)
            if case .failure(let error) = result.outcome {
                if error.code == .localResourceLimit {
                    // Every probe after this one would fail the same way: the machine, not the
                    // servers, is the problem. Stop with the reason, not with a finding.
                    throw error
                }
                if format != .nagios { Self.printError("\(result.target): \(error.description)") }
            }
            // Streamed output is written and forgotten; the tally holds what the end needs.
            if keepsResults { kept.append(result) }
            guard written, !Task.isCancelled else { break }
        }
        if !written || Task.isCancelled {
            throw SMTPProbeError(.unwritableFile, """
                \(sink.name) was closed before the run ended (its reader stopped reading): stopped after \
                \(tally.reports) report\(tally.reports == 1 ? "" : "s"), without probing the rest
                """)
        }
        var status = tally.couldNotProbe > 0 ? ExitStatus.couldNotRun.rawValue
                                             : (tally.worst.map(ExitStatus.init) ?? .pass).rawValue
        kept.sort { $0.index < $1.index }
        switch format {
        case .text, .jsonl, .markdown:
            break
        case .json:
            let reports = kept.compactMap { try? $0.outcome.get() }
            // One object for one target on the command line; an array whenever a list was
            // asked for, even if it held one target, so that a consumer sees one shape.
            if !asList, let report = reports.first {
                sink.write(try ReportJSON.encode(report) + "\n")
            } else if asList {
                sink.write(try ReportJSON.encode(reports) + "\n")
            }
        case .nagios:
            let nagios = NagiosRenderer(language: output.language, warnDays: judgement.warnDays, critDays: judgement.critDays)
                .render(kept)
            sink.write(nagios.text)
            status = nagios.state.rawValue
        case .prometheus:
            sink.write(PrometheusRenderer().render(kept, finishedAt: Date()))
        }
        try sink.finish()
        return status
    }

    /// `requested` concurrency, lowered (and said so) when this process could not hold that
    /// many connections open at once: running out of descriptors is a local limit, and would
    /// otherwise stop the run.
    private static func fitted(_ requested: Int, targets: Int) -> Int {
        let fitted = DescriptorLimit.concurrency(fitting: requested)
        if fitted < min(requested, targets) {
            printError("""
                --concurrency lowered from \(requested) to \(fitted): this process may have only \
                \(DescriptorLimit.softLimit) files open (ulimit -n)
                """, prefix: "smtp-probe: note: ")
        }
        return fitted
    }

    private static func printError(_ message: String, prefix: String = "smtp-probe: error: ") {
        let bytes = Array((prefix + message + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
