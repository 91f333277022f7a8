import ArgumentParser
import SMTPProbe

/// `smtp-probe gateway HOST[:PORT]`: the outbound gateway's route test, then the one open-relay
/// test in the same connection (MAIL FROM, one RCPT TO, RSET, QUIT; never DATA).
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Test an outbound gateway: the route test, then whether it relays for a client that is not Google (never sends a message).",
        discussion: """
            After TLS and EHLO it sends MAIL FROM:<postmaster@FROM-DOMAIN>, one RCPT TO:<RELAY-TO>, \
            RSET and QUIT: never DATA, never a second RCPT. The verdict means something only when \
            smtp-probe runs from an address outside Google's mail server ranges.
            """)

    @Argument(help: ArgumentHelp("The gateway as the route names it: a host name or IP address, port 25 unless given.", valueName: "host[:port]"))
    var gateway: String

    @Option(name: .customLong("from-domain"), help: ArgumentHelp("The domain of the sender, postmaster@DOMAIN (default: the gateway's parent domain, as Google would send for it).", valueName: "domain"))
    var fromDomain: String?

    @Option(name: .customLong("relay-to"), help: ArgumentHelp("The one recipient, in a domain the gateway cannot be responsible for (default: \(GatewayProber.defaultRelayTo)).", valueName: "address"))
    var relayTo: String?

    @Option(name: .customLong("ehlo"), help: ArgumentHelp("The name to say in EHLO (default: this machine's fully qualified name, or the connection's address literal).", valueName: "name"))
    var ehloName: String?

    @Option(name: .customLong("connect-to"), help: ArgumentHelp("Connect to this address instead, still checking the certificate against the gateway's name.", valueName: "address[:port]"))
    var connectTo: String?

    @Flag(help: "Show every line sent and received, with timings (see smtp-probe probe --help).")
    var transcript = false

    @OptionGroup var timing: TimeoutOption

    @OptionGroup var judgement: JudgementOptions

    @OptionGroup(title: "Route options") var route: RouteOptionFlags

    @OptionGroup var output: OutputOptions

    @OptionGroup(title: "Output") var formatting: FormatOptions

    func validate() throws {
        if route.mxLookup {
            throw ValidationError("--mx-lookup cannot be used with gateway: the open-relay test talks to the gateway itself")
        }
        _ = try format()
    }

    private func format() throws -> ReportFormat {
        try formatting.resolved(json: output.json, allowed: [.text, .json, .jsonl, .nagios, .prometheus], command: "gateway",
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
        options.route = route.options
        options.dnsServer = try route.dns.server()
        if let ehloName { options.ehloName = try EHLOName.validate(ehloName) }
        let prober = GatewayProber(prober: try SMTPProber())
        let report = try await ReaderWatch.run(writingTo: destination.sink) { [options, gateway, fromDomain, relayTo] in
            try await prober.probe(gateway, options: options, fromDomain: fromDomain, relayTo: relayTo,
                                   deadline: FleetOptions.deadline(nil, timeout: options.timeout))
        }
        let note = output.language.pick(
            en: "Open-relay test: meaningful only from an address outside Google's mail server ranges. No message is sent (never DATA).",
            ja: "オープンリレーのテスト: Google のメールサーバーのアドレス範囲の外から実行した場合にのみ意味があります。メッセージは送りません (DATA は送りません)。")
        throw ExitCode(try destination.write(gateway: report, target: try ProbeTarget(parsing: gateway), note: note, judgement: judgement))
    }
}
