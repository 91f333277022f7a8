#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

extension ReportOutput {
    /// Domain reports in the chosen format; returns the exit status: the worst verdict, or
    /// for Nagios the plugin state. `asList`: JSON as an array (several domains or a file).
    func write(_ reports: [DomainReport], asList: Bool, judgement: JudgementOptions) throws -> Int32 {
        var status = (reports.map(\.verdict).max().map(ExitStatus.init) ?? .pass).rawValue
        switch format {
        case .json:
            sink.write((asList || reports.count != 1 ? try ReportJSON.encode(reports) : try ReportJSON.encode(reports[0])) + "\n")
        case .jsonl:
            for report in reports { sink.write(try ReportJSON.encodeLine(report) + "\n") }
        case .text, .markdown:  // markdown is refused by DomainCommand; text is the nearest
            sink.write(reports.map { text.render($0) }.joined(separator: Self.separator))
        case .nagios:
            let nagios = DomainNagiosRenderer(language: text.language).render(reports)
            sink.write(nagios.text)
            status = nagios.state.rawValue
        case .prometheus:
            sink.write(DomainPrometheusRenderer().render(reports, finishedAt: Date()))
        }
        try sink.finish()
        return status
    }
}

/// Domain reports as a Nagios plugin's output: one status line (the domain and its main
/// finding, or a count for several), then a line per domain, worst first.
struct DomainNagiosRenderer {
    let language: Language

    func render(_ reports: [DomainReport]) -> (text: String, state: NagiosState) {
        let states = reports.map(Self.state)
        let worst = states.max { $0.rank < $1.rank } ?? .unknown
        let perfdata = { (report: DomainReport) in
            "'\(report.domain) findings'=\(report.allFindings.filter { $0.severity != .info }.count);;;0"
        }
        if reports.count == 1, let report = reports.first {
            return ("SMTP-PROBE DOMAIN \(worst.label) - \(summary(report)) | \(perfdata(report))\n", worst)
        }
        let counts = [NagiosState.critical, .warning, .unknown, .ok].map { state in (state, states.filter { $0 == state }.count) }
        let tally = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.label.lowercased())" }.joined(separator: ", ")
        var text = "SMTP-PROBE DOMAIN \(worst.label) - \(reports.count) domains: \(tally) | 'domains'=\(reports.count);;;0"
        for (state, count) in counts { text += " '\(state.label.lowercased())'=\(count);;;0" }
        text += "\n"
        let ordered = zip(reports, states).enumerated().sorted { lhs, rhs in
            lhs.element.1.rank != rhs.element.1.rank ? lhs.element.1.rank > rhs.element.1.rank : lhs.offset < rhs.offset
        }.map(\.element)
        for (report, state) in ordered { text += "\(state.label) - \(summary(report))\n" }
        return (text, worst)
    }

    static func state(_ report: DomainReport) -> NagiosState {
        if report.allFindings.contains(where: { $0.code == .probeDeadlineExceeded }) { return .unknown }
        switch report.verdict {
        case .pass: return .ok
        case .warn: return .warning
        case .fail: return .critical
        }
    }

    /// The domain and the first finding of its worst severity, with how many more there are.
    private func summary(_ report: DomainReport) -> String {
        let findings = report.allFindings.filter { $0.severity != .info }
        guard let severity = findings.map(\.severity).max(), let main = findings.first(where: { $0.severity == severity }) else {
            return clean(language.pick(en: "\(report.domain): every check passed", ja: "\(report.domain): すべての検査に合格"))
        }
        let more = findings.count - 1
        let extra = more == 0 ? "" : language.pick(en: " (+\(more) more)", ja: " (ほか \(more) 件)")
        return clean("\(report.domain): \(main.message) [\(main.code)]\(extra)")
    }

    /// Nagios reads '|' as the start of perfdata, and a newline as the end of the line.
    private func clean(_ text: String) -> String {
        text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "/")
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}

/// Domain reports as Prometheus metrics, labelled by domain (and MX host for the probes).
struct DomainPrometheusRenderer {
    typealias Sample = PrometheusExposition.Sample

    func render(_ reports: [DomainReport], finishedAt: Date) -> String {
        var out = PrometheusExposition()
        out.gauge("smtp_probe_domain_success",
                  help: "1 when the domain's checks pass or only warn, 0 when one fails.",
                  reports.map { Sample(labels: [("domain", $0.domain)], value: $0.verdict == .fail ? 0 : 1) })
        out.gauge("smtp_probe_domain_verdict",
                  help: "The domain's verdict: 1 for the verdict it got (pass, warn or fail), 0 for the others.",
                  reports.flatMap { report in
                      [Verdict.pass, .warn, .fail].map {
                          Sample(labels: [("domain", report.domain), ("verdict", $0.rawValue)], value: report.verdict == $0 ? 1 : 0)
                      }
                  })
        out.gauge("smtp_probe_domain_findings",
                  help: "The number of findings of each code for the domain, its MX hosts' probes included.",
                  reports.flatMap { report in
                      Dictionary(grouping: report.allFindings) { "\($0.code) \($0.severity.rawValue)" }
                          .sorted { $0.key < $1.key }
                          .map { _, findings in
                              Sample(labels: [("domain", report.domain), ("code", findings[0].code.rawValue),
                                              ("severity", findings[0].severity.rawValue)], value: Double(findings.count))
                          }
                  })
        out.gauge("smtp_probe_domain_mx_verdict",
                  help: "1 when the MX host's TLS test passes or only warns, 0 when it fails.",
                  reports.flatMap { report in
                      report.mx.compactMap { host in
                          host.probe.map { Sample(labels: [("domain", report.domain), ("mx", host.exchange)],
                                                  value: $0.verdict == .fail ? 0 : 1) }
                      }
                  })
        out.gauge("smtp_probe_domain_spf_lookups",
                  help: "DNS-querying SPF terms counted across includes (RFC 7208 allows 10).",
                  reports.compactMap { report in
                      report.records.spfLookups.map { Sample(labels: [("domain", report.domain)], value: Double($0)) }
                  })
        out.gauge("smtp_probe_domain_last_run_timestamp_seconds",
                  help: "When the run that wrote this file ended, in seconds since the Unix epoch.",
                  [Sample(labels: [], value: finishedAt.timeIntervalSince1970.rounded(.down))])
        return out.text
    }
}
