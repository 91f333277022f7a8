import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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


    @Option(help: ArgumentHelp("Further intermediates the server will also send (PEM).", valueName: "pem"))
    var untrusted: String?


    @Option(help: ArgumentHelp("Say whether this private key (PEM) belongs to the certificate.", valueName: "pem"))
    var key: String?

    @OptionGroup var judgement: JudgementOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var options = CertificateFileOptions()
        options.language = output.language
        options.untrustedFile = untrusted
        options.keyFile = key
        options.expiryWarningDays = judgement.warnDays
        options.expiryCriticalDays = judgement.critDays
        options.trust = judgement.trust
        options.validationTime = try judgement.validationTime()
        if let hostname {
            let (target, portGiven) = try ProbeTarget.parse(hostname)
            // A port here would be silently meaningless: certificates name hosts, not ports.
            guard !portGiven else {
                throw SMTPProbeError(.invalidTarget, "--hostname takes a host name or address without a port: '\(hostname.echoedInError)'")
            }
            options.hostname = target.host
        }
        let report = try CertificateFileChecker.check(file: file, options: options)
        try output.emit(report)
        throw ExitCode(ExitStatus(report.verdict).rawValue)
    }
}
