#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

extension TextRenderer {
    var routeStrings: RouteRenderStrings { .forLanguage(language) }

    /// Every route of a route file, one after the other.
    func render(_ report: RouteFileReport) -> String {
        report.routes.map(render).joined(separator: style.dim(String(repeating: "═", count: 72)) + "\n")
    }

    /// One route: the route's own findings, each host as a probe report, then what it means
    /// for the mail and which options would let it pass.
    func render(_ report: RouteReport) -> String {
        let s = routeStrings
        var out = style.bold(s.routeTitle(report.name.isEmpty ? "#?" : report.name)) + "\n"
        out += "  " + style.dim("\(s.options): " + describe(report.options)) + "\n"
        out += renderSummary(report.hosts)
        if !report.findings.isEmpty {
            out += "\n" + style.bold(s.routeFindings) + "\n" + renderFindings(report.findings)
        }
        for host in report.hosts {
            var heading = [s.table(host.table), host.entry]
            if let load = host.load { heading.append(s.load(load)) }
            if host.mxLookup { heading.append(s.mxLookup) }
            out += "\n" + style.bold("── " + heading.joined(separator: " · ") + " ── " + s.hostVerdict(host.verdict)) + "\n"
            if let mx = host.mx {
                let records = mx.map { "\($0.preference) \($0.exchange)" }.joined(separator: ", ")
                out += "  " + style.dim("\(s.mxRecords): " + (mx.isEmpty ? s.noMXRecords : records)) + "\n"
            }
            out += renderFindings(host.findings)
            for probe in host.probes {
                out += "\n" + render(probe, nested: true)
            }
        }
        if !report.consequences.isEmpty {
            out += "\n  " + style.bold(s.forTheMail) + "\n"
            for consequence in report.consequences { out += "    • \(consequence)\n" }
        }
        let refused = (report.findings + report.hosts.flatMap(\.findings))
            .contains { $0.code.area == .route && $0.severity == .fail }
        // An open relay (`smtp-probe gateway`) fails, but no route option is about it, and its
        // mail does not bounce.
        let all = report.findings + report.hosts.flatMap { $0.findings + $0.probes.flatMap(\.findings) }
        let routeTestFails = all.contains { $0.severity == .fail && $0.code.area != .gateway }
        if report.verdict == .fail, !refused, routeTestFails {
            out += renderRelaxations(report.relaxations)
        }
        if report.verdict == .fail, !routeTestFails {
            return out + "\n" + style.red(style.bold(s.routeVerdictOpenRelay(report.name))) + "\n"
        }
        out += "\n" + routeVerdictLine(report.verdict, name: report.name, refused: refused) + "\n"
        return out
    }

    /// One line per host: its table, entry, load, verdict and the codes that decided it.
    private func renderSummary(_ hosts: [RouteHostReport]) -> String {
        let s = routeStrings
        let entryWidth = hosts.map { displayWidth($0.entry) }.max() ?? 0
        var out = "\n"
        for host in hosts {
            let codes = (host.findings + host.probes.flatMap(\.findings))
                .filter { $0.severity != .info }.map(\.code.rawValue)
            let load = host.load.map { s.load($0) } ?? ""
            let verdict = switch host.verdict {
            case .pass: style.green(s.hostVerdict(.pass))
            case .warn: style.yellow(s.hostVerdict(.warn))
            case .fail: style.red(s.hostVerdict(.fail))
            }
            let tableName = s.table(host.table)
            let table = tableName + String(repeating: " ", count: max(1, 11 - displayWidth(tableName)))
            let entry = host.entry + String(repeating: " ", count: entryWidth - displayWidth(host.entry))
            let loadColumn = load + String(repeating: " ", count: max(0, 10 - displayWidth(load)))
            out += "  \(table)\(entry)  \(loadColumn) \(verdict)"
                + (codes.isEmpty ? "" : "  " + style.dim(Array(Set(codes)).sorted().joined(separator: ", "))) + "\n"
        }
        return out
    }

    /// The smallest sets of options that would let a failing test pass, each with its cost.
    func renderRelaxations(_ relaxations: [Relaxation]) -> String {
        let s = routeStrings
        var out = "\n  " + style.bold(s.relaxTitle) + "\n"
        guard !relaxations.isEmpty else { return out + "    " + s.relaxNone + "\n" }
        for (index, relaxation) in relaxations.enumerated() {
            out += "    \(index + 1). " + s.turnOff(optionNames(relaxation.turnOff)) + "\n"
            for cost in relaxation.costs { out += "       " + style.dim(cost) + "\n" }
        }
        return out
    }

    /// `"Require CA signed certificate" and "..."`, or 「...」と「...」 in Japanese.
    func optionNames(_ options: [RouteOption]) -> String {
        options.map { language.pick(en: "\"\($0.consoleName(language))\"", ja: "「\($0.consoleName(language))」") }
            .joined(separator: language.pick(en: " and ", ja: "と"))
    }

    /// `MX lookup off · Require secure transport (TLS) on · ...`, as the console shows them.
    func describe(_ options: RouteOptions) -> String {
        let s = routeStrings
        var parts = ["\(s.mxLookup) \(options.mxLookup ? s.on : s.off)"]
        for option in RouteOption.allCases {
            parts.append("\(option.consoleName(language)) \(options.isOn(option) ? s.on : s.off)")
        }
        return parts.joined(separator: " · ")
    }

    private func routeVerdictLine(_ verdict: Verdict, name: String, refused: Bool) -> String {
        let s = routeStrings
        return switch verdict {
        case .pass: style.green(style.bold(s.routeVerdictPass(name)))
        case .warn: style.yellow(style.bold(s.routeVerdictWarn(name)))
        case .fail where refused: style.red(style.bold(s.routeVerdictRefused(name)))
        case .fail: style.red(style.bold(s.routeVerdictFail(name)))
        }
    }
}
