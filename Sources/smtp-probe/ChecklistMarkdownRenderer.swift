import SMTPProbe

/// The checklist as Markdown for a change ticket or a wiki page: a heading per area, each
/// check a task list item (`- [x]` passed, `- [ ]` to do or not checked), then the failures
/// and warnings with their remedies. Text from the plan and the servers is escaped, so that
/// a device called `*scanner*` or a message holding `<b>` shows as written.
struct ChecklistMarkdownRenderer {
    let language: Language
    var strings: ChecklistStrings { ChecklistStrings(language: language) }

    func render(_ report: ChecklistReport) -> String {
        var out = "# " + Self.escape(strings.title(report.plan)) + "\n\n"
        out += Self.escape(strings.domains(report.domains)) + "  \n" + Self.escape(strings.mode(offline: report.offline)) + "\n"
        for area in ChecklistArea.allCases {
            let checks = report.checks.filter { $0.area == area }
            out += "\n## " + Self.escape(strings.area(area)) + "\n\n"
            if checks.isEmpty { out += "*" + Self.escape(strings.nothingPlanned) + "*\n" }
            for check in checks {
                out += "- [\(check.status == .pass ? "x" : " ")] " + label(check.status) + Self.escape(check.message) + " " + place(check.location) + "\n"
            }
        }
        let urgent = report.urgent
        if !urgent.isEmpty {
            out += "\n## " + Self.escape(strings.urgentHeading) + "\n\n"
            for (index, check) in urgent.enumerated() {
                out += "\(index + 1). " + label(check.status) + "`\(check.code)`: " + Self.escape(check.message) + " " + place(check.location) + "\n"
                if let detail = check.detail { out += "   " + Self.escape(detail) + "\n" }
                if !check.remedies.isEmpty { out += "\n" }
                for remedy in check.remedies { out += "   - " + Self.escape(remedy.text) + "\n" }
                out += "\n"
            }
        } else {
            out += "\n"
        }
        out += "**" + Self.escape(strings.conclusion(report)) + "**\n"
        return out
    }

    private func label(_ status: ChecklistStatus) -> String {
        switch status {
        // A check not made says so in its message.
        case .pass, .notChecked: ""
        case .fail: "✘ **" + strings.failWord + "**: "
        case .warn: "⚠ **" + strings.warnWord + "**: "
        }
    }

    private func place(_ location: PlanLocation) -> String {
        "(" + Self.escape("\(location.file):\(location.line)") + ")"
    }

    /// Backslash before every character CommonMark could read as markup in running text
    /// (emphasis, code, links, HTML, entities, tables): any ASCII punctuation may be escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isNewline { out += " "; continue }
            if "\\`*_[]<>&|~!#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
