import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// Options for probing many targets in one run: where the targets come from, how many are
/// probed at once, and when the run must end.
struct FleetOptions: ParsableArguments {
    @Option(name: .customLong("targets"), help: ArgumentHelp("Also probe the targets in this file: one host[:port] a line (no port: the protocol's, as for a target given here), # comments (- reads standard input); or the hosts of a route file (.yaml/.yml), each under its route's options (MX-lookup entries: their MX hosts).", valueName: "file"))
    var targetsFile: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Targets probed at the same time (a target waiting for its server's turn does not count).", valueName: "n"))
    var concurrency: Int = 32

    @Option(name: .customLong("max-per-address"), parsing: .unconditional, help: ArgumentHelp("Connections open at the same time to any one IP address.", valueName: "n"))
    var maxPerAddress: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds after which the whole run ends, whatever the targets do (default: 300, or 10 times --timeout if longer).", valueName: "seconds"))
    var deadline: Double?

    func validate() throws {
        guard (1...4096).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 4096") }
        guard (1...64).contains(maxPerAddress) else { throw ValidationError("--max-per-address must be between 1 and 64") }
        try Self.validate(deadline: deadline)
    }

    /// The one rule for `--deadline`, wherever it is given.
    static func validate(deadline: Double?) throws {
        if let deadline, !(deadline > 0 && deadline <= 86_400) {
            throw ValidationError("--deadline must be more than 0 and at most 86400 seconds")
        }
    }

    /// The run's deadline in seconds: `--deadline`, or long enough for one target whose every
    /// step takes its whole `timeout`, so that a single probe never ends early by default.
    static func deadline(_ given: Double?, timeout: Double) -> Double {
        given ?? max(300, 10 * timeout)
    }

    /// The run's limits.
    func batch(timeout: Double) -> BatchOptions {
        var batch = BatchOptions()
        batch.concurrency = concurrency
        batch.connectionsPerAddress = maxPerAddress
        batch.deadline = Self.deadline(deadline, timeout: timeout)
        return batch
    }

    /// The positional targets, then those of `--targets`, each once, with the route options
    /// each is judged under: `route` (the command line's), or for the hosts of a route file
    /// (`--targets routes.yaml`) their own route's. A host listed twice under the same options
    /// is probed once. A target without a port takes `defaultPort` (the protocol's), whether
    /// given here or in a targets list; a route file's hosts take their route's port.
    func targets(positional: [String], route: RouteOptions,
                 defaultPort: Int = ProbeTarget.defaultPort) throws -> [(target: ProbeTarget, route: RouteOptions)] {
        var targets = try positional.map { (target: try ProbeTarget(parsing: $0, defaultPort: defaultPort), route: route) }
        if let targetsFile {
            if Self.isRouteFile(targetsFile) {
                targets += try TargetList.targets(of: RouteFile(contentsOf: targetsFile), source: targetsFile)
            } else {
                let text = targetsFile == "-" ? try TargetList.readStandardInput() : try TargetList.read(file: targetsFile)
                targets += try TargetList.parse(text, source: targetsFile, defaultPort: defaultPort).map { ($0, route) }
            }
        }
        guard !targets.isEmpty else {
            throw ValidationError(targetsFile == nil ? "no target: give host[:port], or --targets FILE"
                                                     : "\(targetsFile == "-" ? "standard input" : targetsFile!) holds no target")
        }
        return TargetList.unique(targets)
    }

    /// A route file by its name: `.yaml` or `.yml`.
    static func isRouteFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }
}
