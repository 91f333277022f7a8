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
        subcommands: [ProbeCommand.self, RouteCommand.self, DomainCommand.self, GatewayCommand.self, RelayCommand.self,
                      ChecklistCommand.self, CertCommand.self, DemoCommand.self],
        defaultSubcommand: ProbeCommand.self
    )

    /// Runs the command, mapping every way it can end to the documented exit statuses: a
    /// user error is one line on standard error and status 3, never a stack trace.
    static func main() async {
        // OpenSSL's and SwiftNIO's set-up runs on another core while the arguments are parsed.
        // A run over many servers needs more descriptors than the usual soft limit of 1024
        // when the hard limit allows them; below the minimum, the event loop threads that
        // prepare() starts would stop the process with a crash instead of a message.
        let descriptors = DescriptorLimit.raiseSoftLimit()
        guard descriptors >= DescriptorLimit.minimum else {
            let message = Array("""
                smtp-probe: error: this process may have only \(descriptors) files open (ulimit -n); \
                it needs at least \(DescriptorLimit.minimum): raise the limit

                """.utf8)
            _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            _exit(ExitStatus.couldNotRun.rawValue)
        }
        SMTPProber.prepare()
        // A reader that goes away (`| head -1`) is a failed write to be handled, not a signal
        // that kills the process mid-sentence.
        signal(SIGPIPE, SIG_IGN)
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
            // The error said what went wrong, a closed standard output included.
            exitProcess(ExitStatus.couldNotRun.rawValue, explained: true)
        }
    }
}

/// Ends the process once standard output and standard error are flushed, with `_exit`: C's
/// `exit` would run OpenSSL's clean-up, which may race with ``SMTPProber/prepare()`` still
/// setting OpenSSL up on another thread (after `--help`, say), and buys nothing at the end.
private func exitProcess(_ status: Int32, explained: Bool = false) -> Never {
    // Output that could not be written (a full disk, a closed pipe) is a run that did not
    // report: status 3, not the verdict nobody received.
    guard StandardOutput.flushAll() || explained else {
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
extension MailProtocol: ExpressibleByArgument {}
