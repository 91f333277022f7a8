import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// `smtp-probe domain DOMAIN...`: a mail domain's DNS and the TLS of its MX hosts, checked as
/// a migration to Google Workspace needs them.
struct DomainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain",
        abstract: "Check mail domains: MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, DNSSEC and DANE, and the TLS test of every MX host.",
        discussion: "The codes are listed in the README; docs/domain-checks.md says how each check is made.")

    @Argument(help: ArgumentHelp("The mail domains. Several may be given.", valueName: "domain"))
    var domains: [String] = []

    @Option(name: .customLong("dkim-selector"), help: ArgumentHelp("A DKIM selector to look up (repeatable; default: google).", valueName: "name"))
    var dkimSelectors: [String] = []

    @Flag(name: .customLong("expect-google"), help: "Mail for these domains should reach Google Workspace: MX hosts that are not Google's and SPF without include:_spf.google.com are findings.")
    var expectGoogle = false

    @Option(name: .customLong("trust-anchor"), help: ArgumentHelp("DNSSEC trust anchors (DS or DNSKEY lines) for a private or test zone, beside the root's.", valueName: "file"))
    var trustAnchor: String?

    @Option(name: .customLong("mta-sts-connect-to"), help: ArgumentHelp("Fetch MTA-STS policies from this address instead of mta-sts.DOMAIN's, still checking the certificate against that name.", valueName: "address[:port]"))
    var mtaSTSConnectTo: String?

    @Option(name: .customLong("ehlo"), help: ArgumentHelp("The name to say in EHLO to the MX hosts.", valueName: "name"))
    var ehloName: String?

    @OptionGroup var dns: DNSServerOption

    @OptionGroup var timing: TimeoutOption

    @OptionGroup var judgement: JudgementOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup(title: "Monitoring") var formatting: FormatOptions

    @OptionGroup(title: "Many domains") var fleet: FleetOptions

    func validate() throws {
        _ = try format()
        if domains.isEmpty, fleet.targetsFile == nil { throw ValidationError("no domain: give DOMAIN, or --targets FILE") }
        if let file = fleet.targetsFile, FleetOptions.isRouteFile(file) {
            throw ValidationError("--targets for 'domain' takes a list of domains, one a line, not a route file")
        }
        for selector in dkimSelectors where !Self.isSelector(selector) {
            throw ValidationError("--dkim-selector '\(selector.echoedInError)' is not a DNS label sequence (letters, digits, '-', '_', '.')")
        }
    }

    /// A selector is one or more DNS labels (RFC 6376 §3.1).
    static func isSelector(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }

    /// Every format but the checklist's Markdown.
    private func format() throws -> ReportFormat {
        try formatting.resolved(json: output.json, allowed: [.text, .json, .jsonl, .nagios, .prometheus], command: "domain",
                                reason: "markdown is the checklist's format")
    }

    func run() async throws {
        let format = try format()
        let listed = try fleet.targets(positional: domains, route: RouteOptions())
        var options = DomainCheckOptions()
        options.probe.language = output.language
        options.probe.timeout = timing.timeout
        try judgement.apply(to: &options.probe)
        options.probe.dnsServer = try dns.server()
        if let ehloName { options.probe.ehloName = try EHLOName.validate(ehloName) }
        if !dkimSelectors.isEmpty { options.dkimSelectors = dkimSelectors }
        options.expectGoogle = expectGoogle
        options.trustAnchorFile = trustAnchor
        options.mtaSTSConnectTo = mtaSTSConnectTo
        options.batch = fleet.batch(timeout: timing.timeout)
        let destination = try ReportOutput(format: format, options: output, path: formatting.output)
        let checker = try DomainChecker(prober: try SMTPProber(), options: options)
        let requests = listed.map { DomainCheckRequest(domain: $0.target.host) }
        // The reports are written at the end: a reader that goes away (`| head`) stops the run.
        let reports = try await ReaderWatch.run(writingTo: destination.sink) {
            try await checker.check(requests)
        }
        let asList = domains.count > 1 || fleet.targetsFile != nil
        throw ExitCode(try destination.write(reports, asList: asList, judgement: judgement))
    }
}
