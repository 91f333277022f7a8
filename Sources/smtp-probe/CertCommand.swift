import ArgumentParser
import Foundation
import SMTPProbe

/// `smtp-probe cert FILE`: the checks of a live probe, on a certificate before it is installed.
struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Check a certificate chain file before installing it: the same checks, findings and remedies as a live probe.")

    @Argument(help: ArgumentHelp("PEM file with the server certificate first, then its intermediates (or one DER certificate).", valueName: "chain.pem"))
    var file: String

    @Option(help: ArgumentHelp("The route host the certificate must name (a DNS name or an IP address).", valueName: "name"))
    var hostname: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust the CA certificates in this PEM file instead of the system store.", valueName: "pem"))
    var caFile: String?

    @Option(help: ArgumentHelp("Further intermediates the server will also send (PEM).", valueName: "pem"))
    var untrusted: String?

    @Option(help: ArgumentHelp("Validate as of this moment (RFC 3339), e.g. the planned cut-over.", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("Say whether this private key (PEM) belongs to the certificate.", valueName: "pem"))
    var key: String?

    @Option(name: .customLong("warn-days"), help: ArgumentHelp("Warn when a certificate expires within this many days.", valueName: "days"))
    var warnDays: Int = 30

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var options = CertificateFileOptions()
        options.language = output.language
        options.untrustedFile = untrusted
        options.keyFile = key
        options.expiryWarningDays = warnDays
        if let hostname {
            options.hostname = try ProbeTarget(parsing: hostname).host
        }
        if let caFile { options.trust = .file(caFile) }
        if let at { options.validationTime = try parseTime(at) }
        let report = try CertificateFileChecker.check(file: file, options: options)
        if output.json {
            print(try ReportJSON.encode(report))
        } else {
            let renderer = TextRenderer(language: output.language, style: TerminalStyle(disabled: output.noColor))
            print(renderer.render(report), terminator: "")
        }
        throw ExitCode(ExitStatus(report.verdict).rawValue)
    }
}
