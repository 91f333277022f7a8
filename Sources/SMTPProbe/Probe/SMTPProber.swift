import Foundation
internal import NIOCore
internal import NIOPosix
internal import NIOConcurrencyHelpers

/// Runs Gmail's "Test TLS connection" against a mail server and explains the outcome.
///
/// One prober can run many probes at once: each is a few SwiftNIO channels on a shared event
/// loop group, with OpenSSL running in memory inside them.
public final class SMTPProber: Sendable {
    private let group: any EventLoopGroup
    private let tlsContext: SSLContext
    private let stores = NIOLockedValueBox<[TrustSource: TrustStore]>([:])
    private let machineName = NIOLockedValueBox<String??>(nil)

    /// A prober on SwiftNIO's shared event loops.
    public init() throws {
        group = MultiThreadedEventLoopGroup.singleton
        tlsContext = try SSLContext.makeClient()
    }

    /// Probes every address of `target`. Throws only when the probe cannot run at all (a trust
    /// file that cannot be read, a bad `--connect-to`); whatever the server does ends up in the
    /// report as findings.
    public func probe(_ target: ProbeTarget, options: ProbeOptions) async throws -> ProbeReport {
        let store = try trustStore(options.trust)
        let validationTime = options.validationTime ?? Date()
        let ehloName = options.ehloName ?? defaultEHLOName()
        // On the wire (DNS, SNI) a name is always in A-labels.
        var connectHost = target.hostIsAddress ? target.host : HostnameMatcher.normalise(target.host)
        var connectPort = target.port
        if let connectTo = options.connectTo {
            let destination = try ProbeTarget(parsing: connectTo, defaultPort: target.port)
            connectHost = destination.host
            connectPort = destination.port
        }
        let description = TargetDescription(host: target.host, port: target.port, connectTo: options.connectTo,
                                            ehloName: ehloName, trustStore: options.trust.label,
                                            validationTime: validationTime)
        let catalog = FindingCatalog(language: options.language)
        // The console refuses such a port for a route; the probe still runs, for the relay's sake.
        let routeFindings = RoutePort.problems(port: target.port).map {
            catalog.finding(for: $0, routeHost: target.host, address: nil)
        }
        let dnsStarted = NIODeadline.now()
        let resolution = await HostResolver.resolve(host: connectHost, port: connectPort, timeout: options.timeout)
        let dnsMS = (NIODeadline.now() - dnsStarted).milliseconds
        switch resolution {
        case .failed(let issue):
            let finding = catalog.finding(for: issue, routeHost: target.host, address: nil)
            return ProbeReport(target: description, targetFindings: routeFindings + [finding], addresses: [], dnsMS: dnsMS)
        case .addresses(let addresses):
            let context = AddressProbeContext(target: target, options: options, ehloName: ehloName, store: store,
                                              validationTime: validationTime, catalog: catalog)
            let reports = await withTaskGroup(of: (Int, AddressReport).self) { tasks in
                for (index, address) in addresses.enumerated() {
                    tasks.addTask { (index, await self.probe(address: address, context: context)) }
                }
                var reports: [(Int, AddressReport)] = []
                for await report in tasks { reports.append(report) }
                return reports.sorted { $0.0 < $1.0 }.map(\.1)
            }
            return ProbeReport(target: description, targetFindings: routeFindings, addresses: reports, dnsMS: dnsMS)
        }
    }

    private func trustStore(_ source: TrustSource) throws -> TrustStore {
        try stores.withLockedValue { stores in
            if let store = stores[source] { return store }
            let store = try TrustStore(source)
            stores[source] = store
            return store
        }
    }

    private func defaultEHLOName() -> String? {
        machineName.withLockedValue { cached in
            if let cached { return cached }
            let name = EHLOName.machineDefault()
            cached = .some(name)
            return name
        }
    }
}

/// What every address of one target shares.
struct AddressProbeContext: Sendable {
    var target: ProbeTarget
    var options: ProbeOptions
    var ehloName: String?
    var store: TrustStore
    var validationTime: Date
    var catalog: FindingCatalog
}

extension SMTPProber {
    /// Connects to one address, holds the conversation, then judges what was learned.
    func probe(address: SocketAddress, context: AddressProbeContext) async -> AddressReport {
        let options = context.options
        let timeout = TimeAmount.nanoseconds(Int64(max(0.05, options.timeout) * 1_000_000_000))
        let configuration = DialogueConfiguration(
            ehloName: context.ehloName,
            serverName: context.target.hostIsAddress ? nil : HostnameMatcher.normalise(context.target.host),
            tlsContext: tlsContext, phaseTimeout: timeout,
            implicitTLS: (options.tlsMode ?? .default(forPort: context.target.port)) == .implicit)
        let loop = group.next()
        let promise = loop.makePromise(of: DialogueResult.self)
        let started = NIODeadline.now()
        var facts = AddressFacts(routeHost: context.target.host, address: address.ipAddress ?? "\(address)",
                                 port: address.port ?? context.target.port, timeoutSeconds: options.timeout,
                                 validationTime: context.validationTime, expiryWarningDays: options.expiryWarningDays)
        var timings: [String: Double] = [:]
        do {
            _ = try await ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            SMTPDialogueHandler(configuration: configuration, promise: promise))
                    }
                }
                .connect(to: address).get()
            timings["connect"] = (NIODeadline.now() - started).milliseconds
            let dialogue = try await promise.futureResult.get()
            facts.dialogue = dialogue
            for (phase, duration) in dialogue.durations where phase != .quit {
                timings[phase.rawValue] = duration.milliseconds
            }
        } catch {
            promise.fail(error)
            facts.connectFailure = Self.connectFailure(error)
        }
        timings["total"] = (NIODeadline.now() - started).milliseconds

        var tlsReport: TLSReport?
        var certificates: [CertificateReport] = []
        var verificationReport: VerificationReport?
        if let tls = facts.dialogue?.tls {
            tlsReport = TLSReport(version: tls.version.description, cipher: tls.cipher, group: tls.group,
                                  serverName: configuration.serverName)
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
        let findings = FindingAnalyzer.issues(for: facts).map {
            context.catalog.finding(for: $0, routeHost: context.target.host, address: facts.address)
        }
        return AddressReport(address: facts.address, verdict: Verdict(findings: findings), findings: findings,
                             smtp: facts.dialogue?.session, tls: tlsReport, certificates: certificates,
                             verification: verificationReport, timingsMS: timings)
    }

    static func connectFailure(_ error: any Error) -> ConnectFailure {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError { return .timeout }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED: return .refused
            case ETIMEDOUT: return .timeout
            default: return .unreachable(String(cString: strerror(ioError.errnoCode)))
            }
        }
        return .unreachable("\(error)")
    }
}

extension VerificationReport {
    init(verification: ChainVerification, hostname: HostnameMatcher.Outcome?) {
        chainTrusted = verification.isTrusted
        chainProblems = verification.issues.map { "depth \($0.depth): \($0.text)" }
        builtChain = verification.builtChain.map(\.subject)
        switch hostname {
        case .matched(let presented)?:
            hostnameMatches = true
            matchedName = presented
        case nil:
            hostnameMatches = nil
            matchedName = nil
        default:
            hostnameMatches = false
            matchedName = nil
        }
    }
}

extension TimeAmount {
    /// Milliseconds with one decimal, as reports show them.
    var milliseconds: Double { (Double(nanoseconds) / 100_000).rounded() / 10 }
}
