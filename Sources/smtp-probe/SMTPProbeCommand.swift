public import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
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
        subcommands: [ProbeCommand.self, RouteCommand.self, CertCommand.self, DemoCommand.self],
        defaultSubcommand: ProbeCommand.self
    )

    /// Runs the command, mapping every way it can end to the documented exit statuses: a
    /// user error is one line on standard error and status 3, never a stack trace.
    static func main() async {
        // OpenSSL's and SwiftNIO's set-up runs on another core while the arguments are parsed.
        SMTPProber.prepare()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exitProcess(0)
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version
                print(fullMessage(for: error))
                exitProcess(0)
            }
            let message: String
            if let probeError = error as? SMTPProbeError {
                message = "smtp-probe: error: \(probeError.description)"
            } else if let validation = error as? ValidationError {
                // Thrown while a command runs, past the parse: ArgumentParser would add the
                // root command's usage, which is not what was typed.
                message = "smtp-probe: error: \(validation.message)"
            } else {
                message = fullMessage(for: error)
            }
            let line = Array((message + "\n").utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if FormatOptions.nagiosRequested(CommandLine.arguments) {
                // Nagios shows only standard output, and only its first line as the status.
                var status = message.split(separator: "\n").first.map(String.init) ?? message
                for prefix in ["smtp-probe: error: ", "Error: "] where status.hasPrefix(prefix) {
                    status.removeFirst(prefix.count)
                }
                print("SMTP-PROBE UNKNOWN - " + status.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "/"))
            }
            exitProcess(ExitStatus.couldNotRun.rawValue)
        }
    }
}

/// Ends the process once standard output and standard error are flushed, with `_exit`: C's
/// `exit` would run OpenSSL's clean-up, which may race with ``SMTPProber/prepare()`` still
/// setting OpenSSL up on another thread (after `--help`, say), and buys nothing at the end.
private func exitProcess(_ status: Int32) -> Never {
    // Output that could not be written (a full disk, a closed pipe) is a run that did not
    // report: status 3, not the verdict nobody received.
    guard StandardOutput.flushAll() else {
        let message = Array("smtp-probe: error: the report could not be written to standard output\n".utf8)
        _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        _exit(ExitStatus.couldNotRun.rawValue)
    }
    _exit(status)
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
