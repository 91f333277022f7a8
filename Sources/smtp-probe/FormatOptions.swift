import ArgumentParser
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
}

/// How a command prints: `--format` and `--output`, the same options with the same meaning for
/// every command that takes them. A command that cannot give a format refuses it by name.
struct FormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: text, json, jsonl, nagios or prometheus (--json is --format json). 'route' takes text, json or jsonl; 'cert' text or json.", valueName: "format"))
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
