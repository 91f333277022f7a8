#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOCore
internal import NIOPosix

extension SMTPProber {
    /// Connects to one address and holds a POP3 or IMAP conversation on the same line session
    /// and TLS as SMTP's, then judges it by the same certificate and TLS checks.
    func probeMailbox(address: SocketAddress, context: AddressProbeContext) async throws -> AddressReport {
        let options = context.options
        let timeout = TimeAmount.nanoseconds(Int64(max(0.05, options.timeout) * 1_000_000_000))
        let serverName = context.target.name.dnsName
        var session = LineSessionConfiguration(tlsContext: tlsContext, serverName: serverName, phaseTimeout: timeout,
                                               maximumLineLength: 8192, recordsTranscript: options.transcript)
        // A server that echoes the credentials must not put them into the transcript.
        if let credentials = options.login {
            session.masksReceived = { @Sendable text in credentials.masking(text) }
        }
        let configuration = MailboxConfiguration(
            implicitTLS: options.tlsMode(port: context.target.port) == .implicit,
            login: options.login.map { LoginPlan(credentials: $0, gate: loginGate(context: context)) })
        let mailProtocol = options.mailProtocol
        let loop = group.next()
        let promise = loop.makePromise(of: MailboxResult.self)
        let started = NIODeadline.now()
        var facts = AddressFacts(routeHost: context.target.host, address: address.ipAddress ?? "\(address)",
                                 port: address.port ?? context.target.port, timeoutSeconds: options.timeout,
                                 validationTime: context.validationTime, expiryWarningDays: options.expiryWarningDays,
                                 expiryCriticalDays: options.expiryCriticalDays)
        facts.mailProtocol = mailProtocol
        var timings: [String: Double] = [:]
        do {
            let channel = try await ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler: any ChannelHandler = mailProtocol == .pop3
                            ? POP3Dialogue.handler(configuration: configuration, session: session, promise: promise)
                            : IMAPDialogue.handler(configuration: configuration, session: session, promise: promise)
                        try channel.pipeline.syncOperations.addHandlers([QuickAckHandler(), handler])
                    }
                }
                .connect(to: address).get()
            timings["connect"] = (NIODeadline.now() - started).milliseconds
            var result = try await promise.futureResult.get()
            channel.close(promise: nil)
            try? await channel.closeFuture.get()
            if options.login != nil, result.session.login == nil, result.session.loginSkipped == nil, result.tls == nil {
                result.session.loginSkipped = .noTLS
            }
            facts.mailbox = result
            for (phase, duration) in result.durations where phase != .quit {
                timings[phase.rawValue] = duration.milliseconds
            }
        } catch {
            promise.fail(error)
            facts.connectFailure = try Self.connectFailure(error, address: facts.address)
        }
        timings["total"] = (NIODeadline.now() - started).milliseconds
        return judge(facts, tls: facts.mailbox?.tls, serverName: serverName, context: context, timings: timings)
    }

    /// Verifies the chain and the host name, then judges every fact of the address under the
    /// route's options: a failure they waive stays, as a warning.
    func judge(_ given: AddressFacts, tls: TLSSessionInfo?, serverName: String?, context: AddressProbeContext,
               timings: [String: Double]) -> AddressReport {
        var facts = given
        var tlsReport: TLSReport?
        var certificates: [CertificateReport] = []
        var verificationReport: VerificationReport?
        if let tls {
            tlsReport = TLSReport(version: tls.version.description, cipher: tls.cipher, group: tls.group,
                                  serverName: serverName)
            certificates = tls.peerChain.enumerated().map { CertificateReport($1, position: $0) }
            if let leaf = tls.peerChain.first {
                let verification = ChainVerifier.verify(chain: tls.peerChain, store: context.store, at: context.validationTime)
                let hostname = HostnameMatcher().match(routeHost: context.target.host, names: leaf.subjectAltNames,
                                                       commonNames: leaf.commonNames)
                facts.verification = verification
                facts.hostname = hostname
                verificationReport = VerificationReport(verification: verification, hostname: hostname)
            }
        }
        var problems = FindingAnalyzer.issues(for: facts)
        if context.options.relayTest != nil {
            let session = facts.dialogue?.session
            problems += GatewayProblem.judge(greeting: session?.greeting, exchange: session?.relayTest).map(Problem.init)
        }
        let findings = problems.map {
            context.catalog.finding(for: $0, routeHost: context.target.host, address: facts.address,
                                    options: context.options.route)
        }
        let mailbox = facts.mailbox?.session
        return AddressReport(address: facts.address, verdict: Verdict(findings: findings), findings: findings,
                             smtp: facts.dialogue?.session, pop3: mailbox?.mailProtocol == .pop3 ? mailbox : nil,
                             imap: mailbox?.mailProtocol == .imap ? mailbox : nil, tls: tlsReport,
                             certificates: certificates, verification: verificationReport, timingsMS: timings,
                             transcript: facts.dialogue?.transcript ?? facts.mailbox?.transcript,
                             peerChain: tls?.peerChain ?? [])
    }

    /// Whether the password may be sent over this TLS session: only when the handshake's TLS
    /// and certificate checks give no failure under the route's options (so only
    /// `--no-require-ca-signed` and `--no-verify-hostname` let it go to a server they waive).
    func loginGate(context: AddressProbeContext) -> @Sendable (TLSSessionInfo) -> LoginSkipReason? {
        { tls in
            guard let leaf = tls.peerChain.first else { return .certificateNotVerified }
            var facts = AddressFacts(routeHost: context.target.host, address: "", port: context.target.port,
                                     timeoutSeconds: context.options.timeout, validationTime: context.validationTime,
                                     expiryWarningDays: context.options.expiryWarningDays,
                                     expiryCriticalDays: context.options.expiryCriticalDays)
            facts.verification = ChainVerifier.verify(chain: tls.peerChain, store: context.store, at: context.validationTime)
            facts.hostname = HostnameMatcher().match(routeHost: context.target.host, names: leaf.subjectAltNames,
                                                     commonNames: leaf.commonNames)
            let problems = ConversationAnalyzer.problems(of: tls).map(Problem.init)
                + CertificateAnalyzer.problems(chain: tls.peerChain, facts: facts.certificateFacts).map(Problem.init)
            let failing = problems.contains {
                context.catalog.finding(for: $0, routeHost: context.target.host, address: nil,
                                        options: context.options.route).severity == .fail
            }
            return failing ? .certificateNotVerified : nil
        }
    }
}
