#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// A Nagios/Icinga plugin's states, with their exit statuses.
enum NagiosState: Int32 {
    case ok = 0, warning = 1, critical = 2, unknown = 3

    var label: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    /// How bad a state is when several targets are summed up: a target that could not be
    /// checked hides less than a failing one, and more than a warning.
    var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .unknown: 2
        case .critical: 3
        }
    }

    init(_ result: BatchResult) {
        switch result.outcome {
        case .failure:
            self = .unknown
        case .success(let report):
            if report.findings.contains(where: { $0.code == .probeDeadlineExceeded }) {
                self = .unknown
                return
            }
            switch report.verdict {
            case .pass: self = .ok
            case .warn: self = .warning
            case .fail: self = .critical
            }
        }
    }
}

/// The Nagios plugin output: one status line with the main finding and perfdata; for several
/// targets, a summary line, then one line per target (worst first) as long output, with
/// each target's perfdata after the long output.
struct NagiosRenderer {
    let language: Language
    let warnDays: Int
    let critDays: Int?

    func render(_ results: [BatchResult]) -> (text: String, state: NagiosState) {
        let states = results.map(NagiosState.init)
        let worst = states.max { $0.rank < $1.rank } ?? .unknown
        let names = TargetNames.names(results)
        if results.count == 1, let result = results.first {
            let perfdata = perfdata(result, prefix: nil)
            return ("SMTP-PROBE \(worst.label) - \(summary(result, name: names[0]))"
                    + (perfdata.isEmpty ? "" : " | " + perfdata) + "\n", worst)
        }
        // A domain's own line beside the MX hosts its lookup found (hosts left out, a null MX
        // among them) is about the domain, not one more target: the count is of what was probed.
        let domainsOfHosts = Set(results.flatMap { (try? $0.outcome.get())?.target.mxOf ?? [] })
        let isDomainLine = results.map { domainsOfHosts.contains($0.target.name.normalised) }
        let targetStates = zip(states, isDomainLine).filter { !$0.1 }.map(\.0)
        let counts = [NagiosState.critical, .warning, .unknown, .ok].map { state in
            (state, targetStates.filter { $0 == state }.count)
        }
        var tally = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.label.lowercased())" }.joined(separator: ", ")
        let domainLines = zip(results, isDomainLine).filter(\.1).map { "\($0.0.target.name.normalised)" }
        if !domainLines.isEmpty { tally += "; and a line about the domain \(domainLines.joined(separator: ", "))" }
        var text = "SMTP-PROBE \(worst.label) - \(targetStates.count) targets: \(tally) | 'targets'=\(targetStates.count);;;0"
        for (state, count) in counts { text += " '\(state.label.lowercased())'=\(count);;;0" }
        text += "\n"
        // Worst first, so that the line that matters is the one a narrow screen still shows.
        let ordered = zip(zip(results, names), states).enumerated().sorted { lhs, rhs in
            lhs.element.1.rank != rhs.element.1.rank ? lhs.element.1.rank > rhs.element.1.rank : lhs.offset < rhs.offset
        }.map(\.element)
        let lines = ordered.map { entry, state in "\(state.label) - \(summary(entry.0, name: entry.1))" }
        let perfdataLines = ordered.map { perfdata($0.0.0, prefix: $0.0.1) }.filter { !$0.isEmpty }
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            text += line + (isLast && !perfdataLines.isEmpty ? " | " + perfdataLines[0] : "") + "\n"
        }
        for line in perfdataLines.dropFirst() { text += line + "\n" }
        return (text, worst)
    }

    /// The target and its main finding in plain words: the first finding of the worst severity.
    func summary(_ result: BatchResult, name: String) -> String {
        // An MX host says whose MX it is: an MSP reads which tenants a failure touches.
        var target = name
        if case .success(let report) = result.outcome, let domains = report.target.mxOf {
            target += language.pick(en: " (MX of \(domains.joined(separator: ", ")))",
                                    ja: " (\(domains.joined(separator: "、")) の MX)")
        }
        switch result.outcome {
        case .failure(let error):
            return clean("\(target): \(error.description)")
        case .success(let report):
            let worst = report.findings.filter { $0.severity == report.findings.map(\.severity).max() }
            // A report without a connection (what DNS said of a mail domain) has only its
            // findings to show, even when they are only worth knowing.
            if let main = worst.first, main.severity != .info || report.addresses.isEmpty {
                let more = report.findings.count - 1
                let extra = more == 0 ? "" : language.pick(en: " (+\(more) more)", ja: " (ほか \(more) 件)")
                // A WARNING that is a waived failure says so, as the text report does.
                let waived = main.waivedBy.map { options in
                    let names = options.map { language.pick(en: "\"\($0.consoleName(language))\"", ja: "「\($0.consoleName(language))」") }
                        .joined(separator: language.pick(en: ", ", ja: "、"))
                    return language.pick(en: " (passes only because \(names) is off)", ja: " (ルートで\(names)がオフのため合格扱い)")
                } ?? ""
                return clean("\(target): \(main.message) [\(main.code)]\(waived)\(extra)")
            }
            let tls = report.tls?.version ?? "TLS"
            guard let days = expiryDays(report) else { return clean("\(target): \(tls)") }
            return clean(language.pick(en: "\(target): \(tls), certificate valid for \(days) more days",
                                       ja: "\(target): \(tls)、証明書は有効 (残り \(days) 日)"))
        }
    }

    /// Perfdata: each step's time in ms, then the days until the earliest server certificate
    /// expires, with `--warn-days` / `--crit-days` as "alert below" thresholds. The gateway's
    /// status line (``GatewayNagiosRenderer``) carries the same.
    func perfdata(_ result: BatchResult, prefix: String?) -> String {
        guard case .success(let report) = result.outcome else { return "" }
        var items: [String] = []
        func label(_ name: String) -> String {
            // The plugin guidelines allow any character but "=" and "'" (doubled) in a label;
            // "|" and line breaks would end the perfdata itself.
            let full = String((prefix.map { "\($0) \(name)" } ?? name).map { "=|\n\r".contains($0) ? "_" : $0 })
            return "'" + full.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
        for phase in Self.phases {
            if let ms = report.timingsMS[phase] {
                items.append("\(label(phase))=\(cFormat("%.1f", ms))ms;;;0")
            }
        }
        if let days = expiryDays(report) {
            items.append("\(label("cert_days"))=\(days);\(warnDays):;\(critDays.map { "\($0):" } ?? "");;")
        }
        return items.joined(separator: " ")
    }

    // POP3 and IMAP (--protocol) have their capability, login and mailbox-size steps; SMTP its AUTH.
    private static let phases = ["dns", "connect", "greeting", "ehlo", "helo", "capability", "starttls", "handshake", "ehlo_after_tls",
                                 "capability_after_tls", "auth", "login", "mailbox_size", "total"]

    /// Whole days from the validation time until the earliest-expiring server certificate.
    private func expiryDays(_ report: ProbeReport) -> Int? {
        let notAfters = report.addresses.compactMap { $0.certificates.first?.notAfter }
        guard let earliest = notAfters.min() else { return nil }
        return Int((earliest.timeIntervalSince(report.target.validationTime) / 86_400).rounded(.down))
    }

    /// Nagios reads '|' as the start of perfdata, and a newline as the end of the status line.
    func clean(_ text: String) -> String {
        text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "/")
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
