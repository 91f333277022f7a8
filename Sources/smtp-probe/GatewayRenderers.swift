#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import SMTPProbe

extension ReportOutput {
    /// The gateway's route report in the chosen format (`note`: the line the text opens with);
    /// returns the exit status: the verdict's, or for Nagios the plugin state. `target` is the
    /// gateway as parsed, the name its Nagios line and Prometheus labels go by.
    func write(gateway report: RouteReport, target: ProbeTarget, note: String, judgement: JudgementOptions) throws -> Int32 {
        var status = ExitStatus(report.verdict).rawValue
        switch format {
        case .nagios:
            let nagios = GatewayNagiosRenderer(language: text.language, warnDays: judgement.warnDays, critDays: judgement.critDays)
                .render(report, target: target)
            sink.write(nagios.text)
            status = nagios.state.rawValue
        case .prometheus:
            sink.write(GatewayPrometheusRenderer().render(report, target: target, finishedAt: Date()))
        case .text, .json, .jsonl:
            try write(report, note: note)
            return status
        case .markdown:
            // Refused already when the options are read (GatewayCommand.validate).
            throw ValidationError("'gateway' does not give markdown: markdown is for 'checklist'")
        }
        try sink.finish()
        return status
    }
}

/// What a gateway's route report holds for monitoring: its one probe (the gateway is one host,
/// never looked up by MX) and every finding, the route's, the host's and the probe's.
private struct GatewayFacts {
    let name: String
    let probes: [BatchResult]
    let findings: [Finding]

    init(_ report: RouteReport, target: ProbeTarget) {
        name = target.description
        probes = report.hosts.flatMap(\.probes).enumerated().map { index, probe in
            BatchResult(index: index, target: target, outcome: .success(probe))
        }
        findings = report.findings + report.hosts.flatMap { $0.findings + $0.probes.flatMap(\.findings) }
    }

    /// Whether RCPT TO was answered, and how: nil when relaying could not be tested.
    var openRelay: Bool? {
        if findings.contains(where: { $0.code == .gatewayOpenRelay }) { return true }
        if findings.contains(where: { $0.code == .gatewayRelayRefused }) { return false }
        return nil
    }
}

/// The gateway as a Nagios plugin: one status line naming the gateway and its worst finding (an
/// open relay first, being what this check is for), with the probe's perfdata and, once
/// relaying was tested, `open_relay` (1 when it relayed).
struct GatewayNagiosRenderer {
    let language: Language
    let warnDays: Int
    let critDays: Int?

    func render(_ report: RouteReport, target: ProbeTarget) -> (text: String, state: NagiosState) {
        let facts = GatewayFacts(report, target: target)
        let probe = NagiosRenderer(language: language, warnDays: warnDays, critDays: critDays)
        let state: NagiosState
        if facts.findings.contains(where: { $0.code == .probeDeadlineExceeded }) {
            state = .unknown
        } else {
            switch report.verdict {
            case .pass: state = .ok
            case .warn: state = .warning
            case .fail: state = .critical
            }
        }
        var perfdata = facts.probes.first.map { probe.perfdata($0, prefix: nil) } ?? ""
        if let open = facts.openRelay {
            perfdata += (perfdata.isEmpty ? "" : " ") + "'open_relay'=\(open ? 1 : 0);;;0;1"
        }
        return ("SMTP-PROBE GATEWAY \(state.label) - \(summary(facts, probe: probe))"
                + (perfdata.isEmpty ? "" : " | " + perfdata) + "\n", state)
    }

    /// The gateway and its main finding; when nothing is worse than worth knowing, the probe's
    /// own summary (TLS version, certificate days) and the gateway's answer to RCPT TO.
    private func summary(_ facts: GatewayFacts, probe: NagiosRenderer) -> String {
        let findings = facts.findings
        let worst = findings.map(\.severity).max() ?? .info
        let main = findings.first { $0.code == .gatewayOpenRelay }
            ?? findings.first { $0.severity == worst && worst != .info }
        if let main {
            let more = findings.filter { $0.severity != .info }.count - 1
            let extra = more <= 0 ? "" : language.pick(en: " (+\(more) more)", ja: " (ほか \(more) 件)")
            return probe.clean("\(facts.name): \(main.message) [\(main.code)]\(extra)")
        }
        var text = facts.probes.first.map { probe.summary($0, name: facts.name) } ?? facts.name
        if let refused = findings.first(where: { $0.code == .gatewayRelayRefused }) {
            text += language.pick(en: "; ", ja: "。") + probe.clean("\(refused.message) [\(refused.code)]")
        }
        return text
    }
}

/// The gateway as Prometheus metrics: its verdict, whether it relayed, and its findings,
/// labelled by `gateway` (`host:port`); then the probe's own metrics (TLS, certificate,
/// timings), labelled by `target` as for `smtp-probe --format prometheus`.
struct GatewayPrometheusRenderer {
    typealias Sample = PrometheusExposition.Sample

    func render(_ report: RouteReport, target: ProbeTarget, finishedAt: Date) -> String {
        let facts = GatewayFacts(report, target: target)
        let gateway = ("gateway", facts.name)
        var out = PrometheusExposition()
        out.gauge("smtp_probe_gateway_success",
                  help: "1 when the gateway's route test passes and it refuses to relay (verdict pass or warn), 0 otherwise.",
                  [Sample(labels: [gateway], value: report.verdict == .fail ? 0 : 1)])
        out.gauge("smtp_probe_gateway_verdict",
                  help: "The gateway's verdict: 1 for the verdict it got (pass, warn or fail), 0 for the others.",
                  [Verdict.pass, .warn, .fail].map {
                      Sample(labels: [gateway, ("verdict", $0.rawValue)], value: report.verdict == $0 ? 1 : 0)
                  })
        out.gauge("smtp_probe_gateway_relay_tested",
                  help: "1 when the gateway answered RCPT TO, so that relaying was tested; 0 when the conversation ended before.",
                  [Sample(labels: [gateway], value: facts.openRelay == nil ? 0 : 1)])
        out.gauge("smtp_probe_gateway_open_relay",
                  help: "1 when the gateway accepted relaying for this client, which is not Google (an open relay), 0 when it refused; absent when not tested.",
                  facts.openRelay.map { [Sample(labels: [gateway], value: $0 ? 1 : 0)] } ?? [])
        out.gauge("smtp_probe_gateway_findings",
                  help: "The number of findings of each code for the gateway: the route's, the host's and the probe's.",
                  Dictionary(grouping: facts.findings) { "\($0.code) \($0.severity.rawValue)" }
                      .sorted { $0.key < $1.key }
                      .map { _, findings in
                          Sample(labels: [gateway, ("code", findings[0].code.rawValue), ("severity", findings[0].severity.rawValue)],
                                 value: Double(findings.count))
                      })
        return out.text + PrometheusRenderer().render(facts.probes, finishedAt: finishedAt)
    }
}
