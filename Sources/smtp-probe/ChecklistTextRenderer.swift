import SMTPProbe

/// The checklist as text: area by area, one line per check (✔ passed, ✘ failed, ⚠ warning,
/// "not checked"), then the failures and warnings with their remedies, most urgent first,
/// and a last line saying whether the cut-over can go ahead.
struct ChecklistTextRenderer {
    let language: Language
    let style: TerminalStyle
    var strings: ChecklistStrings { ChecklistStrings(language: language) }

    func render(_ report: ChecklistReport) -> String {
        var out = style.bold("smtp-probe: " + strings.title(report.plan)) + "\n"
        out += "  " + style.dim(strings.domains(report.domains) + " · " + strings.mode(offline: report.offline)) + "\n"
        for area in ChecklistArea.allCases {
            let checks = report.checks.filter { $0.area == area }
            out += "\n" + style.bold(strings.area(area)) + "\n"
            if checks.isEmpty { out += "  " + style.dim(strings.nothingPlanned) + "\n" }
            for check in checks {
                out += "  " + mark(check.status) + " " + check.message + "  " + style.dim(place(check.location)) + "\n"
            }
        }
        let urgent = report.urgent
        if !urgent.isEmpty {
            out += "\n" + style.bold(strings.urgentHeading) + "\n"
            for (index, check) in urgent.enumerated() {
                out += "\n\(index + 1). " + mark(check.status) + " " + check.code + ": " + check.message + "  " + style.dim(place(check.location)) + "\n"
                if let detail = check.detail { out += "   " + detail + "\n" }
                for remedy in check.remedies { out += "   → " + remedy.text + "\n" }
            }
        }
        let conclusion = strings.conclusion(report)
        out += "\n" + style.bold(report.canGoAhead ? (report.verdict == .pass ? style.green(conclusion) : style.yellow(conclusion)) : style.red(conclusion)) + "\n"
        return out
    }

    private func mark(_ status: ChecklistStatus) -> String {
        switch status {
        case .pass: style.green("✔")
        case .fail: style.red("✘")
        case .warn: style.yellow("⚠")
        // The message says "not checked" and why.
        case .notChecked: style.dim("–")
        }
    }

    private func place(_ location: PlanLocation) -> String { "(\(location.file):\(location.line))" }
}
