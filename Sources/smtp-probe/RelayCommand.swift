import ArgumentParser
import SMTPProbe

/// `smtp-probe relay [HOST]`: Google's SMTP relay as a device on this network would meet it.
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Test the SMTP relay (smtp-relay.gmail.com) from a device's network: TLS on its port, the port \"Require TLS encryption\" needs, and its EHLO name.",
        discussion: """
            Run it from the network of the device (printer, scanner, application server) that will \
            send through the relay, with the device's port and EHLO name. Port 465 is TLS from the \
            first byte; 25 and 587 use STARTTLS. A generic EHLO name is reported, and this \
            machine's own name is said instead.
            """)

    @Argument(help: ArgumentHelp("The relay (default: \(RelayProber.defaultHost)).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("The device's port: 587, 465 or 25 (default: 587).", valueName: "port"))
    var port = 587

    @Option(name: .customLong("ehlo"), help: ArgumentHelp("The name the device says in HELO/EHLO (default: this machine's fully qualified name).", valueName: "name"))
    var ehloName: String?

    @Flag(name: .customLong("require-tls"), help: "\"Require TLS encryption\" is on in the relay's settings: the device must use port 587.")
    var requireTLS = false

    @Flag(name: .customLong("smtp-auth"), help: "The device authenticates with SMTP AUTH (or \"Require SMTP Authentication\" is on): AUTH must be offered inside TLS, and never in clear.")
    var smtpAuth = false

    @Option(name: .customLong("connect-to"), help: ArgumentHelp("Connect to this address instead, still checking the certificate against the relay's name.", valueName: "address[:port]"))
    var connectTo: String?

    @Flag(help: "Show every line sent and received, with timings (see smtp-probe probe --help).")
    var transcript = false

    @OptionGroup var timing: TimeoutOption

    @OptionGroup var judgement: JudgementOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup(title: "Output") var formatting: FormatOptions

    func validate() throws {
        guard RelayProber.ports.contains(port) else {
            throw ValidationError("--port must be 587, 465 or 25: the ports the SMTP relay accepts")
        }
        _ = try format()
    }

    private func format() throws -> ReportFormat {
        try formatting.resolved(json: output.json, allowed: [.text, .json, .jsonl, .nagios, .prometheus], command: "relay",
                                reason: "markdown is for 'checklist'")
    }

    func run() async throws {
        let destination = try ReportOutput(format: format(), options: output, path: formatting.output)
        var options = ProbeOptions()
        options.language = output.language
        options.timeout = timing.timeout
        try judgement.apply(to: &options)
        options.connectTo = connectTo
        options.transcript = transcript
        let prober = RelayProber(prober: try SMTPProber())
        let report = try await ReaderWatch.run(writingTo: destination.sink) { [options, host, port, ehloName, requireTLS, smtpAuth] in
            try await prober.probe(host: host, port: port, ehloName: ehloName, requireTLS: requireTLS,
                                   smtpAuth: smtpAuth, options: options)
        }
        let target = try ProbeTarget(parsing: host ?? RelayProber.defaultHost, defaultPort: port)
        throw ExitCode(try destination.write(report, target: target, judgement: judgement))
    }
}
