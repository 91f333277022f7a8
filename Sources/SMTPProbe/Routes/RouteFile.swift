#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A route file: the routes of a domain as the admin console holds them, in YAML.
///
/// ```yaml
/// routes:
///   - name: Outbound gateway
///     port: 25                       # default port of its hosts
///     options:                       # the console's checkboxes; TLS ones on by default
///       require_tls: true
///       require_ca_signed_certificate: true
///       validate_certificate_hostname: true
///     primary:
///       - { host: mx1.example.com, load: 50 }
///       - { host: mx2.example.com:2525, load: 50 }
///     secondary:
///       - { host: backup.example.com, load: 100 }
///   - name: Partner domain
///     host: partner.example           # a route with one host
///     options: { mx_lookup: true }
/// ```
/// Documented in docs/route-files.md; an example is examples/routes.yaml. libyaml (Debian's
/// libyaml-dev) parses the YAML.
public struct RouteFile: Sendable {
    public var routes: [Route]
    /// The line (from 1) each route starts on, in the order of ``routes``.
    public var lines: [Int]

    /// The largest file read: a route file is a few kilobytes; anything far larger is a mistake.
    static let maximumSize = 1 << 20

    /// Reads and parses `path`. Throws ``SMTPProbeError`` with code `invalid_route_file` (or
    /// `unreadable_file`) and a one-line reason naming the place in the file.
    public init(contentsOf path: String) throws {
        let bytes = try InputFile.read(path, limit: Self.maximumSize, what: "the route file",
                                       tooLarge: .invalidRouteFile, because: "too large for a route file (limit 1 MiB)")
        try self.init(yaml: String(decoding: bytes, as: UTF8.self), name: path)
    }

    /// Parses the text of a route file; `name` is used in error messages.
    public init(yaml: String, name: String = "route file") throws {
        do {
            guard let root = try YAMLDocument.parse(yaml) else { throw RouteFileError("the file is empty", at: "the top level", line: 1) }
            let read = try RouteFileReader.routes(root)
            routes = read.map(\.route)
            lines = read.map(\.line)
            guard !routes.isEmpty else { throw RouteFileError("holds no routes", at: "routes", line: root.line) }
        } catch let error as RouteFileError {
            throw SMTPProbeError(.invalidRouteFile, "\(name): \(error.description)")
        } catch let error as YAMLSyntaxError {
            throw SMTPProbeError(.invalidRouteFile, "\(name): not valid YAML: \(error.description)")
        }
    }
}

/// A route file that is YAML but not shaped like a route file: what is wrong, and where.
struct RouteFileError: Error, CustomStringConvertible {
    var description: String

    init(_ problem: String, at path: String, line: Int) {
        description = "\(path) (line \(line)): \(problem)"
    }
}

/// Turns the YAML of a route file into routes, naming the place of anything it cannot use.
/// Unknown keys are errors: a misspelt option (`require_tsl`) must not silently leave the
/// real one at its default. A migration plan (Plan/) reads its inline routes and its YAML
/// values with the same functions.
enum RouteFileReader {
    static func routes(_ root: YAMLNode) throws -> [(route: Route, line: Int)] {
        let top = try mapping(root, at: "the top level", keys: ["routes"])
        guard let list = top["routes"] else { throw RouteFileError("missing \"routes\"", at: "the top level", line: root.line) }
        return try routeList(list, at: "routes")
    }

    /// A YAML list of routes, each with the line it starts on.
    static func routeList(_ list: YAMLNode, at path: String) throws -> [(route: Route, line: Int)] {
        guard case .sequence(let items, _) = list else { throw RouteFileError("expected a list of routes", at: path, line: list.line) }
        return try items.enumerated().map { index, item in (try route(item, at: "\(path)[\(index)]"), item.line) }
    }

    private static func route(_ node: YAMLNode, at path: String) throws -> Route {
        let fields = try mapping(node, at: path, keys: ["name", "port", "options", "host", "primary", "secondary"])
        let name = try fields["name"].map { try text($0, at: path + ".name") } ?? ""
        let port = try fields["port"].map { try integer($0, at: path + ".port") } ?? ProbeTarget.defaultPort
        let options = try fields["options"].map { try routeOptions($0, at: path + ".options") } ?? RouteOptions()
        var primary = try fields["primary"].map { try hosts($0, at: path + ".primary") } ?? []
        if let single = fields["host"] {
            guard fields["primary"] == nil else {
                throw RouteFileError("give either \"host\" or \"primary\", not both", at: path, line: node.line)
            }
            primary = [try host(single, at: path + ".host")]
        }
        let secondary = try fields["secondary"].map { try hosts($0, at: path + ".secondary") } ?? []
        return Route(name: name, options: options, port: port, primary: primary, secondary: secondary)
    }

    static func routeOptions(_ node: YAMLNode, at path: String) throws -> RouteOptions {
        let fields = try mapping(node, at: path, keys: ["mx_lookup", "require_tls", "require_ca_signed_certificate",
                                                        "validate_certificate_hostname"])
        func flag(_ key: String, _ fallback: Bool) throws -> Bool {
            try fields[key].map { try boolean($0, at: "\(path).\(key)") } ?? fallback
        }
        return RouteOptions(mxLookup: try flag("mx_lookup", false), requireTLS: try flag("require_tls", true),
                            requireCASigned: try flag("require_ca_signed_certificate", true),
                            validateHostname: try flag("validate_certificate_hostname", true))
    }

    private static func hosts(_ node: YAMLNode, at path: String) throws -> [RouteHost] {
        guard case .sequence(let items, _) = node else { throw RouteFileError("expected a list of hosts", at: path, line: node.line) }
        return try items.enumerated().map { index, item in try host(item, at: "\(path)[\(index)]") }
    }

    /// `mx1.example.com:2525`, or `{ host: ..., port: ..., load: ..., mx_lookup: ... }`.
    private static func host(_ node: YAMLNode, at path: String) throws -> RouteHost {
        if case .scalar = node { return RouteHost(entry: try text(node, at: path)) }
        let fields = try mapping(node, at: path, keys: ["host", "port", "load", "mx_lookup"])
        guard let entry = fields["host"] else { throw RouteFileError("missing \"host\"", at: path, line: node.line) }
        return RouteHost(entry: try text(entry, at: path + ".host"),
                         port: try fields["port"].map { try integer($0, at: path + ".port") },
                         load: try fields["load"].map { try integer($0, at: path + ".load") },
                         mxLookup: try fields["mx_lookup"].map { try boolean($0, at: path + ".mx_lookup") })
    }

    static func mapping(_ node: YAMLNode, at path: String, keys known: Set<String>) throws -> [String: YAMLNode] {
        guard case .mapping(let pairs, _) = node else { throw RouteFileError("expected a map of keys", at: path, line: node.line) }
        var fields: [String: YAMLNode] = [:]
        var seen = Set<String>()
        for (key, keyLine, value) in pairs {
            guard known.contains(key) else {
                throw RouteFileError("unknown key \"\(key)\" (expected one of: \(known.sorted().joined(separator: ", ")))",
                                     at: path, line: keyLine)
            }
            guard seen.insert(key).inserted else { throw RouteFileError("\"\(key)\" given twice", at: path, line: keyLine) }
            // `port: ~`, or `options:` with every line under it commented out: not given.
            if !value.isNull { fields[key] = value }
        }
        return fields
    }

    static func text(_ node: YAMLNode, at path: String) throws -> String {
        guard case .scalar(let text, _, _) = node else { throw RouteFileError("expected text", at: path, line: node.line) }
        // YAML's null (a list item `- ~`) is no text at all, not a host called "null".
        return node.isNull ? "" : text
    }

    static func integer(_ node: YAMLNode, at path: String) throws -> Int {
        guard case .scalar(let text, false, _) = node, let value = Int(text) else {
            throw RouteFileError("expected a whole number", at: path, line: node.line)
        }
        return value
    }

    /// YAML 1.2's booleans; yes/no and on/off (YAML 1.1) are refused rather than guessed at.
    static func boolean(_ node: YAMLNode, at path: String) throws -> Bool {
        switch node {
        case .scalar("true", false, _), .scalar("True", false, _), .scalar("TRUE", false, _): return true
        case .scalar("false", false, _), .scalar("False", false, _), .scalar("FALSE", false, _): return false
        default: throw RouteFileError("expected true or false", at: path, line: node.line)
        }
    }
}
