#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A list of targets as a monitoring setup keeps it: one `host[:port]` a line, `#` starting
/// a comment, blank lines ignored.
public enum TargetList {
    /// Parses `text`, naming `source` and the line number of the first line that is not a
    /// target. A line without a port takes `defaultPort`: the run's protocol's, as a target
    /// given on the command line does. Duplicates are kept; see ``unique(_:)``.
    public static func parse(_ text: String, source: String, defaultPort: Int = ProbeTarget.defaultPort) throws -> [ProbeTarget] {
        var targets: [ProbeTarget] = []
        // Lines end at LF, CRLF or CR only: U+2028, U+0085 or a form feed inside a line is an
        // invisible character in a host name and is refused as one, not a line break.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (number, rawLine) in lines.enumerated() {
            // A host or port never contains '#', so a comment can start anywhere on the line.
            let uncommented = rawLine.prefix { $0 != "#" }
            let line = String(uncommented.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard !line.isEmpty else { continue }
            // Spaces and tabs separate words; any other blank is refused by the parser as an
            // invisible character, with its position.
            if line.contains(where: { $0 == " " || $0 == "\t" }) {
                throw SMTPProbeError(.invalidTarget, "\(source) line \(number + 1): '\(line.echoedInError)' holds more than one word; write one host[:port] a line")
            }
            do {
                targets.append(try ProbeTarget(parsing: line, defaultPort: defaultPort))
            } catch let error as SMTPProbeError {
                throw SMTPProbeError(error.code, "\(source) line \(number + 1): \(error.reason)")
            }
        }
        return targets
    }

    /// The largest targets file read: 16 MiB is some 500,000 targets, far beyond what one run
    /// can probe before its deadline.
    public static let maximumFileSize = 16 << 20

    /// The text of a targets file, refused before reading when it is over
    /// ``maximumFileSize`` or not a regular file.
    public static func read(file path: String) throws -> String {
        let bytes = try InputFile.read(path, limit: maximumFileSize, what: "the targets file", tooLarge: .unreadableFile,
                                       because: "too large for a targets file (limit 16 MiB)")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SMTPProbeError(.unreadableFile, "the targets file \(path) is not UTF-8 text")
        }
        return text
    }

    /// The text of a targets list on standard input (`--targets -`), refused as soon as it
    /// passes ``maximumFileSize``, without reading the rest.
    public static func readStandardInput() throws -> String {
        let limit = InputFile.describe(maximumFileSize)
        let bytes = try InputFile.read(descriptor: STDIN_FILENO, limit: maximumFileSize, what: "the targets on standard input",
                                       tooLarge: SMTPProbeError(.unreadableFile, """
                                           the targets on standard input are over \(limit): too large for a targets \
                                           list (limit \(limit)), as a targets file is; split it into several runs
                                           """))
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SMTPProbeError(.unreadableFile, "the targets on standard input are not UTF-8 text")
        }
        return text
    }

    /// `targets` without repeats, first occurrence kept: probing a target twice under the same
    /// route options would only open connections that teach nothing new. The same host under
    /// two routes' options is two judgements and stays twice.
    public static func unique(_ targets: [(target: ProbeTarget, route: RouteOptions)])
        -> [(target: ProbeTarget, route: RouteOptions)] {
        var seen = Set<TargetUnderOptions>()
        return targets.filter { seen.insert(TargetUnderOptions(target: $0.target, route: $0.route)).inserted }
    }

    /// The hosts of a route file as targets, each with its route's options, for monitoring.
    ///
    /// The file must be one the console would accept (no `route.*` failure). An MX-lookup
    /// entry is a mail domain: its options say `mx_lookup`, and a batch probes its MX hosts in
    /// its place.
    public static func targets(of file: RouteFile, source: String) throws -> [(target: ProbeTarget, route: RouteOptions)] {
        var targets: [(target: ProbeTarget, route: RouteOptions)] = []
        for (index, route) in file.routes.enumerated() {
            let name = route.name.isEmpty ? "#\(index + 1)" : "\"\(route.name)\""
            if let refused = route.consoleFindings(position: index + 1).first(where: { $0.severity == .fail }) {
                throw SMTPProbeError(.invalidRouteFile, "\(source): route \(name): \(refused.message)")
            }
            for (_, host) in route.hosts {
                var options = route.options
                options.mxLookup = host.mxLookup ?? route.options.mxLookup
                targets.append((try ProbeTarget(parsing: host.entry, defaultPort: host.port ?? route.port), options))
            }
        }
        return targets
    }
}

/// A target and the route options it is judged under: what makes two probes the same.
struct TargetUnderOptions: Hashable {
    /// The same server however its name is written (``ProbeTarget/serverKey``).
    var server: String
    var route: RouteOptions

    init(target: ProbeTarget, route: RouteOptions) {
        server = target.serverKey
        self.route = route
    }
}
