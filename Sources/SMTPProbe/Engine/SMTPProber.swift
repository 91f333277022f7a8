#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOCore
internal import NIOPosix
internal import NIOConcurrencyHelpers
import Dispatch

/// Runs Gmail's "Test TLS connection" against a mail server and explains the outcome.
///
/// One prober can run many probes at once: each is a few SwiftNIO channels on a shared event
/// loop group, with OpenSSL running in memory inside them.
public final class SMTPProber: Sendable {
    let group: any EventLoopGroup
    let tlsContext: SSLContext
    private let stores = NIOLockedValueBox<[TrustSource: TrustStore]>([:])
    private let machineName = NIOLockedValueBox<String??>(nil)
    private let resolvers = NIOLockedValueBox<[DNSServer?: DNSResolver]>([:])

    /// A prober on SwiftNIO's shared event loops.
    public init() throws {
        group = MultiThreadedEventLoopGroup.singleton
        tlsContext = try SSLContext.sharedClient.get()
    }

    /// Starts, on another thread, what every prober needs and a process makes only once:
    /// OpenSSL's configuration and algorithms with the shared TLS context, and SwiftNIO's event
    /// loop threads. A command line calls it first, so that this work overlaps the parsing of
    /// its arguments; `init()` waits for whatever is not ready yet.
    ///
    /// A process that calls it should end with `_exit` rather than `exit`: `exit` runs
    /// OpenSSL's clean-up, which must not run while the other thread is still setting it up.
    public static func prepare() {
        DispatchQueue.global().async {
            _ = SSLContext.sharedClient
            _ = MultiThreadedEventLoopGroup.singleton
        }
    }

    /// Probes every address of `target`. Throws only when the probe cannot run at all (a trust
    /// file that cannot be read, a bad `--connect-to`); whatever the server does ends up in the
    /// report as findings.
    public func probe(_ target: ProbeTarget, options: ProbeOptions) async throws -> ProbeReport {
        try await probe(target, options: options, resolution: nil, limiter: nil)
    }

    /// Probes every address of `target`: at the addresses already looked up when `resolution`
    /// is given (an MX host, whose lookup also told whether it is an alias), and each
    /// connection waiting for its address's turn at `limiter` when there is one (then it also
    /// throws `CancellationError` when cancelled while waiting).
    ///
    /// `problems` are what was learned about the target before the probe (what an MX lookup
    /// said of it); they are reported with the target's findings.
    func probe(_ target: ProbeTarget, options: ProbeOptions, resolution given: Resolution?,
               limiter: BatchLimits?, problems: [Problem] = []) async throws -> ProbeReport {
        let store = try trustStore(options.trust)
        let description = describe(target, options: options)
        // On the wire (DNS, SNI) a name is always in A-labels.
        var connectHost = target.name.normalised
        var connectPort = target.port
        if let connectTo = options.connectTo {
            let destination = try ProbeTarget(parsing: connectTo, defaultPort: target.port)
            connectHost = destination.host
            connectPort = destination.port
        }
        let catalog = FindingCatalog(language: options.language, probing: options)
        // The console refuses such a port for a route; the probe still runs, for the relay's sake.
        // A POP3, IMAP or submission server is no route: the route's port rule is not its own.
        let portProblems = options.judgesRoutePort && options.mailProtocol == .smtp ? RouteProblem.port(target.port).map(Problem.init) : []
        let routeFindings = (problems + portProblems).map {
            catalog.finding(for: $0, routeHost: target.host, address: nil)
        }
        let resolver = try options.dnsServer.map { try dnsResolver($0) }
        let resolution: Resolution
        var dnsMS = 0.0
        if let given, options.connectTo == nil {
            resolution = given
        } else {
            let lookup = { [connectHost, connectPort] in
                let started = NIODeadline.now()
                let resolution = try await HostResolver.resolve(host: connectHost, port: connectPort,
                                                            timeout: options.timeout, resolver: resolver)
                return (resolution, (NIODeadline.now() - started).milliseconds)
            }
            (resolution, dnsMS) = try await lookup()
        }
        switch resolution {
        case .failed(let failure):
            let finding = catalog.finding(for: DNSProblem(failure), routeHost: target.host, address: nil)
            return ProbeReport(target: description, targetFindings: routeFindings + [finding], addresses: [], dnsMS: dnsMS,
                               routeOptions: options.route, catalog: catalog)
        case .addresses(let found):
            // An address the user typed is theirs to choose; one DNS gave is checked.
            let (addresses, unusable) = IPAddress(connectHost) == nil
                ? UnusableAddresses.split(found, of: connectHost) : (found, [])
            let findings = routeFindings + unusable.map { catalog.finding(for: $0, routeHost: target.host, address: nil) }
            guard !addresses.isEmpty else {
                return ProbeReport(target: description, targetFindings: findings, addresses: [], dnsMS: dnsMS,
                                   routeOptions: options.route, catalog: catalog)
            }
            let context = AddressProbeContext(target: target, options: options, ehloName: description.ehloName,
                                              store: store, validationTime: description.validationTime,
                                              catalog: catalog)
            let places = TargetPlaces(connections: addresses.count)
            let reports = try await withThrowingTaskGroup(of: (Int, AddressReport).self) { tasks in
                for (index, address) in addresses.enumerated() {
                    tasks.addTask {
                        (index, try await self.probe(address: address, context: context, limiter: limiter, places: places))
                    }
                }
                var reports: [(Int, AddressReport)] = []
                for try await report in tasks { reports.append(report) }
                return reports.sorted { $0.0 < $1.0 }.map(\.1)
            }
            return ProbeReport(target: description, targetFindings: findings, addresses: reports, dnsMS: dnsMS,
                               routeOptions: options.route, catalog: catalog)
        }
    }

    /// What a report says about the target and how it was probed, before anything is known.
    func describe(_ target: ProbeTarget, options: ProbeOptions) -> TargetDescription {
        TargetDescription(host: target.host, port: target.port, connectTo: options.connectTo,
                          ehloName: options.ehloName ?? defaultEHLOName(), trustStore: options.trust.label,
                          validationTime: options.validationTime ?? Date(), mailProtocol: options.mailProtocol)
    }

    /// Loads the trust store once, so that a run over many targets fails before it starts
    /// when the file cannot be used.
    func prepareTrust(_ source: TrustSource) throws {
        _ = try trustStore(source)
    }

    func trustStore(_ source: TrustSource) throws -> TrustStore {
        try stores.withLockedValue { stores in
            if let store = stores[source] { return store }
            let store = try TrustStore(source)
            stores[source] = store
            return store
        }
    }

    /// The resolver for `server` (nil: the system's servers), made once per prober.
    func dnsResolver(_ server: DNSServer?) throws -> DNSResolver {
        try resolvers.withLockedValue { resolvers in
            if let resolver = resolvers[server] { return resolver }
            let resolver = try DNSResolver(server: server)
            resolvers[server] = resolver
            return resolver
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
    /// Probes one address once it is this connection's turn: a mail server that sees many
    /// connections at once from one client may take it for an attack and blocklist it.
    func probe(address: SocketAddress, context: AddressProbeContext, limiter: BatchLimits?,
               places: TargetPlaces) async throws -> AddressReport {
        guard let limiter else { return try await probe(address: address, context: context) }
        let key = address.ipAddress ?? "\(address)"
        do {
            try await limiter.acquire(key, for: places)
        } catch {
            await limiter.finished(places)
            throw error
        }
        let report: AddressReport
        do {
            report = try await probe(address: address, context: context)
        } catch {
            await limiter.addresses.release(key)
            await limiter.finished(places)
            throw error
        }
        await limiter.addresses.release(key)
        await limiter.finished(places)
        return report
    }

    /// Connects to one address, holds the conversation, then judges what was learned.
    ///
    /// Throws ``SMTPProbeError/Code/localResourceLimit`` when no socket could be made for
    /// lack of file descriptors: that says nothing about the server.
    func probe(address: SocketAddress, context: AddressProbeContext) async throws -> AddressReport {
        let options = context.options
        if !options.mailProtocol.isSMTP { return try await probeMailbox(address: address, context: context) }
        let timeout = TimeAmount.nanoseconds(Int64(max(0.05, options.timeout) * 1_000_000_000))
        let configuration = DialogueConfiguration(
            ehloName: context.ehloName,
            serverName: context.target.name.dnsName,
            tlsContext: tlsContext, phaseTimeout: timeout,
            implicitTLS: options.tlsMode(port: context.target.port) == .implicit,
            login: options.login.map { LoginPlan(credentials: $0, gate: loginGate(context: context)) },
            recordsTranscript: options.transcript, relayTest: options.relayTest)
        let loop = group.next()
        let promise = loop.makePromise(of: DialogueResult.self)
        let started = NIODeadline.now()
        var facts = AddressFacts(routeHost: context.target.host, address: address.ipAddress ?? "\(address)",
                                 port: address.port ?? context.target.port, timeoutSeconds: options.timeout,
                                 validationTime: context.validationTime, expiryWarningDays: options.expiryWarningDays,
                                 expiryCriticalDays: options.expiryCriticalDays)
        facts.mailProtocol = options.mailProtocol
        var timings: [String: Double] = [:]
        do {
            let channel = try await ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers(
                            QuickAckHandler(), SMTPDialogue.handler(configuration: configuration, promise: promise))
                    }
                }
                .connect(to: address).get()
            timings["connect"] = (NIODeadline.now() - started).milliseconds
            let dialogue = try await promise.futureResult.get()
            // The dialogue closes the connection when it ends; the probe is over (and the
            // address free for the next connection) only once it is closed.
            channel.close(promise: nil)
            try? await channel.closeFuture.get()
            facts.dialogue = dialogue
            if options.login != nil, dialogue.tls == nil, dialogue.session.login == nil {
                facts.dialogue?.session.loginSkipped = .noTLS
            }
            for (phase, duration) in dialogue.durations where phase != .quit {
                timings[phase.rawValue] = duration.milliseconds
            }
        } catch {
            promise.fail(error)
            facts.connectFailure = try Self.connectFailure(error, address: facts.address)
        }
        timings["total"] = (NIODeadline.now() - started).milliseconds

        return judge(facts, tls: facts.dialogue?.tls, serverName: configuration.serverName, context: context,
                     timings: timings)
    }

    static func connectFailure(_ error: any Error) -> ConnectFailure {
        ConnectFailure(connectError: error)
    }

    /// The server's connect failure, unless `error` is this machine running out of file
    /// descriptors: a local limit, never the server's fault, so it ends the run instead.
    static func connectFailure(_ error: any Error, address: String) throws -> ConnectFailure {
        if let ioError = error as? IOError, ioError.errnoCode == EMFILE || ioError.errnoCode == ENFILE {
            throw DescriptorLimit.exhausted(ioError.errnoCode, address: address)
        }
        return connectFailure(error)
    }
}

extension TimeAmount {
    /// Milliseconds with one decimal, as reports show them.
    var milliseconds: Double { (Double(nanoseconds) / 100_000).rounded() / 10 }
}
