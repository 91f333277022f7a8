/// An MTA-STS policy as served at `https://mta-sts.DOMAIN/.well-known/mta-sts.txt`
/// (RFC 8461 §3.2): `key: value` lines, ended by CRLF or LF.
struct MTASTSPolicy: Hashable, Sendable {
    enum Mode: String, Hashable, Sendable {
        /// Senders refuse to deliver to an MX host that fails the policy.
        case enforce
        /// Senders deliver anyway and report failures (TLS-RPT).
        case testing
        /// Senders do as if there were no policy: the way to retire one.
        case none
    }

    var mode: Mode
    /// The `mx:` patterns, in order.
    var mxPatterns: [MXPattern]
    /// How long senders may keep the policy, in seconds (at most 31557600, a year).
    var maxAge: Int
    /// Fields RFC 8461 does not define, in order: senders ignore them.
    var extensions: [HTTPField]

    static let maximumMaxAge = 31_557_600

    /// Why a policy cannot be used; a policy may have several.
    enum Fault: Hashable, Sendable {
        /// The body is not UTF-8 text.
        case notText
        /// A line (counted from 1) is not `key: value`.
        case malformedLine(number: Int, text: String)
        /// A field the policy must have is missing: `version`, `mode`, `max_age`, or `mx`
        /// (required unless the mode is `none`).
        case missingField(String)
        /// A field that may appear once appears again (senders differ on which they take).
        case repeatedField(String)
        /// `version` is not `STSv1`.
        case invalidVersion(String)
        /// `mode` is not `enforce`, `testing` or `none`.
        case invalidMode(String)
        /// `max_age` is not 1 to 10 digits, or is more than 31557600.
        case invalidMaxAge(String)
        /// An `mx` value is not a host name, optionally after `*.`.
        case invalidMXPattern(String)
    }

    /// A policy, or every fault found in it.
    enum Parsed: Hashable, Sendable {
        case valid(MTASTSPolicy)
        case invalid([Fault])
    }

    /// The policy in `body`, or every fault found in it.
    static func parse(_ body: [UInt8]) -> Parsed {
        guard let text = String(validating: body, as: UTF8.self), !text.unicodeScalars.contains("\0") else {
            return .invalid([.notText])
        }
        var faults: [Fault] = []
        var single: [String: String] = [:]
        var patterns: [MXPattern] = []
        var extensions: [HTTPField] = []
        // Lines end with LF, with or without CR before it; an empty line (the end of the
        // file, or a blank line an editor left) is no field.
        // Swift reads CR LF as one Character, so both ends are named.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\r\n" || $0 == "\n" }
        for (index, line) in lines.enumerated() {
            if line.trimmingWSP.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                faults.append(.malformedLine(number: index + 1, text: String(line)))
                continue
            }
            let key = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].trimmingWSP)
            guard isFieldName(key), !value.isEmpty else {
                faults.append(.malformedLine(number: index + 1, text: String(line)))
                continue
            }
            switch key {
            case "version", "mode", "max_age":
                if single[key] != nil {
                    faults.append(.repeatedField(key))
                } else {
                    single[key] = value
                }
            case "mx":
                if let pattern = MXPattern(value) {
                    patterns.append(pattern)
                } else {
                    faults.append(.invalidMXPattern(value))
                }
            default:
                extensions.append(HTTPField(name: key, value: value))
            }
        }
        if let version = single["version"], version != "STSv1" { faults.append(.invalidVersion(version)) }
        var mode: Mode?
        if let value = single["mode"] {
            mode = Mode(rawValue: value)
            if mode == nil { faults.append(.invalidMode(value)) }
        }
        var maxAge: Int?
        if let value = single["max_age"] {
            // 1*10DIGIT, and no more than a year.
            if (1...10).contains(value.count), value.allSatisfy(\.isASCIIDigit), let seconds = Int(value), seconds <= maximumMaxAge {
                maxAge = seconds
            } else {
                faults.append(.invalidMaxAge(value))
            }
        }
        for key in ["version", "mode", "max_age"] where single[key] == nil {
            faults.append(.missingField(key))
        }
        if patterns.isEmpty, mode != MTASTSPolicy.Mode.none, !faults.contains(.missingField("mode")),
           !faults.contains(where: { if case .invalidMXPattern = $0 { true } else { false } }) {
            faults.append(.missingField("mx"))
        }
        guard faults.isEmpty, let mode, let maxAge else { return .invalid(faults) }
        return .valid(MTASTSPolicy(mode: mode, mxPatterns: patterns, maxAge: maxAge, extensions: extensions))
    }

    /// The patterns that match `mxHost`, if any (RFC 8461 §4.1).
    func patterns(matching mxHost: String) -> [MXPattern] {
        mxPatterns.filter { $0.matches(mxHost) }
    }

    /// sts-policy-ext-name: 1 to 32 of letters, digits, "_", "-", ".".
    private static func isFieldName(_ name: String) -> Bool {
        (1...32).contains(name.count) && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
