internal import CSMTPProbeYAML

/// A YAML value as read from a route file, with where it stands in the file.
indirect enum YAMLNode: Sendable {
    /// A scalar's text; `quoted` when it was written in quotes, so that `"25"` stays text.
    case scalar(String, quoted: Bool, line: Int)
    case sequence([YAMLNode], line: Int)
    /// Key-value pairs in file order; keys are scalars, with the line each key is on (an
    /// alias's value starts where its anchor is, often far away).
    case mapping([(key: String, keyLine: Int, value: YAMLNode)], line: Int)

    /// YAML's null: `~`, `null`, or nothing at all after a key, unquoted.
    var isNull: Bool {
        guard case .scalar(let text, false, _) = self else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The line (from 1) the value starts on.
    var line: Int {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }
}

/// Why a YAML text could not be read: libyaml's own problem, with its place.
struct YAMLSyntaxError: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// A document parsed by libyaml (`yaml_parser_load`), freed with `yaml_document_delete`.
///
/// libyaml does the YAML; this only turns its node graph into ``YAMLNode`` values. Aliases
/// share nodes in that graph, so the conversion counts the nodes it makes and stops at a
/// limit: a few kilobytes of nested aliases must not expand into gigabytes.
final class YAMLDocument {
    private var document = yaml_document_t()
    private var loaded = false

    /// The most nodes a route file may expand to, aliases included.
    static let nodeLimit = 100_000
    /// The deepest nesting of lists and mappings; a route file needs five or six levels.
    static let depthLimit = 64

    /// Parses the one document of `text`; nil when the text holds no document, or only an
    /// empty one (`---` alone). A second document (after `---`) is refused, not ignored:
    /// routes there would go untested.
    static func parse(_ text: String) throws -> YAMLNode? {
        let document = YAMLDocument()
        try document.load(text)
        guard let root = try document.root(), !root.isNull else { return nil }
        return root
    }

    deinit {
        if loaded { yaml_document_delete(&document) }
    }

    private func load(_ text: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else { throw YAMLSyntaxError(description: "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        try Self.checkNesting(bytes)
        var next = yaml_document_t()
        let (first, second) = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            let first = yaml_parser_load(&parser, &document)
            return (first, first == 0 ? 0 : yaml_parser_load(&parser, &next))
        }
        guard first != 0 else { throw Self.syntaxError(parser) }
        loaded = true
        guard second != 0 else { throw Self.syntaxError(parser) }
        defer { yaml_document_delete(&next) }
        // An empty document after the first (a file ending in `---`) holds nothing to ignore.
        if let root = yaml_document_get_root_node(&next),
           !(root.pointee.type == YAML_SCALAR_NODE && root.pointee.data.scalar.length == 0) {
            throw YAMLSyntaxError(description: "line \(root.pointee.start_mark.line + 1): a second YAML document; a route file holds one (put every route under the one `routes:`)")
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> YAMLSyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "not valid YAML"
        let context = parser.context.map { String(cString: $0) + " " } ?? ""
        let mark = parser.problem_mark
        return YAMLSyntaxError(description: "line \(mark.line + 1), column \(mark.column + 1): \(context)\(problem)")
    }

    /// Walks the events of the text (`yaml_parser_parse`) and refuses nesting deeper than
    /// ``depthLimit`` before libyaml builds the document: building it takes time quadratic in
    /// the nesting of flow collections, minutes of CPU for `[[[...]]]` within 1 MiB, while
    /// this walk stops at the first level too deep. Syntax errors are left to the load, which
    /// reports them with their place.
    private static func checkNesting(_ bytes: [UInt8]) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else { throw YAMLSyntaxError(description: "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) != 0 else { return }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    guard depth <= depthLimit else {
                        throw YAMLSyntaxError(description: "line \(event.start_mark.line + 1): lists and mappings nested more than \(depthLimit) deep")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return
                default:
                    break
                }
            }
        }
    }

    private func root() throws -> YAMLNode? {
        guard yaml_document_get_root_node(&document) != nil else { return nil }
        var budget = Self.nodeLimit
        return try node(at: 1, budget: &budget, depth: 0)
    }

    private func node(at index: Int32, budget: inout Int, depth: Int) throws -> YAMLNode {
        budget -= 1
        guard budget >= 0, depth < Self.depthLimit else {
            throw YAMLSyntaxError(description: "the document expands to too many values (aliases nested too deep?)")
        }
        guard let node = yaml_document_get_node(&document, index) else {
            throw YAMLSyntaxError(description: "a reference to a value that does not exist")
        }
        let line = Int(node.pointee.start_mark.line) + 1
        switch node.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = node.pointee.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(text, quoted: scalar.style != YAML_PLAIN_SCALAR_STYLE, line: line)
        case YAML_SEQUENCE_NODE:
            var items: [YAMLNode] = []
            var cursor = node.pointee.data.sequence.items.start
            while let item = cursor, item != node.pointee.data.sequence.items.top {
                items.append(try self.node(at: item.pointee, budget: &budget, depth: depth + 1))
                cursor = item + 1
            }
            return .sequence(items, line: line)
        case YAML_MAPPING_NODE:
            var pairs: [(key: String, keyLine: Int, value: YAMLNode)] = []
            var cursor = node.pointee.data.mapping.pairs.start
            while let pair = cursor, pair != node.pointee.data.mapping.pairs.top {
                guard case .scalar(let key, _, let keyLine) = try self.node(at: pair.pointee.key, budget: &budget, depth: depth + 1) else {
                    throw YAMLSyntaxError(description: "line \(line): a key must be plain text")
                }
                pairs.append((key, keyLine, try self.node(at: pair.pointee.value, budget: &budget, depth: depth + 1)))
                cursor = pair + 1
            }
            return .mapping(pairs, line: line)
        default:
            return .scalar("", quoted: false, line: line)
        }
    }
}
