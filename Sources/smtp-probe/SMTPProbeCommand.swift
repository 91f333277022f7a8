public import ArgumentParser
import Foundation
import SMTPProbe

/// `smtp-probe`: the command line. It parses, renders and maps results to exit statuses; the
/// probing itself lives in the SMTPProbe library.
@main
struct SMTPProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smtp-probe",
        abstract: "Runs Gmail's \"Test TLS connection\" from the command line and explains every failure.",
        discussion: """
            Exit status: 0 pass, 1 warning, 2 fail, 3 could not run (bad arguments or input).
            Messages follow --lang, or LC_ALL / LC_MESSAGES / LANG (ja for Japanese).
            """,
        version: SMTPProbeVersion.current,
        subcommands: [ProbeCommand.self, CertCommand.self, DemoCommand.self],
        defaultSubcommand: ProbeCommand.self
    )

    /// Runs the command, mapping every way it can end to the documented exit statuses: a
    /// user error is one line on standard error and status 3, never a stack trace.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message: String
            if let probeError = error as? SMTPProbeError {
                message = "smtp-probe: error: \(probeError.description)"
            } else {
                message = fullMessage(for: error)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(ExitStatus.couldNotRun.rawValue)
        }
    }
}

/// The documented exit statuses.
enum ExitStatus: Int32 {
    case pass = 0
    case warn = 1
    case fail = 2
    case couldNotRun = 3

    init(_ verdict: Verdict) {
        switch verdict {
        case .pass: self = .pass
        case .warn: self = .warn
        case .fail: self = .fail
        }
    }
}

extension Language: ExpressibleByArgument {}
extension TLSMode: ExpressibleByArgument {}
