#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import CSMTPProbeShims

/// A host and port to probe, as typed on the command line: `host`, `host:port`,
/// `[2001:db8::1]:25`, or a bare IPv6 address.
public struct ProbeTarget: Hashable, Sendable, CustomStringConvertible {
    /// The host as it was written.
    public var host: String {
        get { name.spelling }
        set { name = HostName(newValue) }
    }
    /// The host, normalised once: what DNS, SNI and de-duplication use.
    public private(set) var name: HostName
    public var port: Int

    public static let defaultPort = 25

    public init(host: String, port: Int = ProbeTarget.defaultPort) {
        name = HostName(host)
        self.port = port
    }

    /// Parses `text`, refusing what cannot be a mail server's name or port.
    public init(parsing text: String, defaultPort: Int = ProbeTarget.defaultPort) throws {
        (self, _) = try Self.parse(text, defaultPort: defaultPort)
    }

    /// Parses `text`; `portGiven` tells whether it named a port (`host:2525`) rather than
    /// taking `defaultPort`.
    public static func parse(_ text: String, defaultPort: Int = ProbeTarget.defaultPort) throws
        -> (target: ProbeTarget, portGiven: Bool) {
        let text = Self.trimmingBlanks(text)
        // Before anything else: the other messages would echo a name that looks valid.
        if let invisible = InvisibleCharacter.first(in: text) {
            throw SMTPProbeError(.invalidTarget, "'\(text.echoedInError)' is not a valid host name: \(invisible.explanation)")
        }
        var host = text
        var port = defaultPort
        var portGiven = false
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw SMTPProbeError(.invalidTarget, "'\(text.echoedInError)': missing ']' after an IPv6 address")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            guard IPAddress(host)?.isIPv6 == true else {
                throw SMTPProbeError(.invalidTarget, "'\(text.echoedInError)': brackets must hold an IPv6 address, e.g. [2001:db8::1]:25 (no zone such as %eth0)")
            }
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw SMTPProbeError(.invalidTarget, "'\(text.echoedInError)': expected ':PORT' after ']'") }
                port = try Self.port(String(rest.dropFirst()), in: text)
                portGiven = true
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            port = try Self.port(String(text[text.index(after: colon)...]), in: text)
            portGiven = true
        }
        try Self.validate(host: host, in: text)
        return (ProbeTarget(host: host, port: port), portGiven)
    }

    /// The server this target names, however it is written: a DNS name in lower case,
    /// A-labels and without a final dot, an address in its canonical form; and the port.
    /// Two targets with the same key are the same server.
    public var serverKey: String {
        let name = name.normalised
        return name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// True when the host is an IP literal rather than a name.
    public var hostIsAddress: Bool { name.isAddress }

    /// Targets are equal as written: `MX.example.com` and `mx.example.com` are two entries of
    /// a list (``serverKey`` says they are one server).
    public static func == (lhs: ProbeTarget, rhs: ProbeTarget) -> Bool {
        lhs.host == rhs.host && lhs.port == rhs.port
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(host)
        hasher.combine(port)
    }

    private static func port(_ text: String, in whole: String) throws -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let port = Int(text),
              (1...65535).contains(port) else {
            throw SMTPProbeError(.invalidTarget, "'\(whole.echoedInError)': '\(text.echoedInError)' is not a port number (1-65535)")
        }
        return port
    }

    private static func validate(host: String, in whole: String) throws {
        guard !host.isEmpty else { throw SMTPProbeError(.invalidTarget, "'\(whole.echoedInError)': no host name") }
        if IPAddress(host) != nil { return }
        // DNS's limits apply to the name as it goes on the wire: in A-labels (an IDN label of
        // 40 "ä" is 46 octets as xn--, not 80 as UTF-8), without a final root dot.
        let labels = HostName.labels(of: host)
        // No top-level domain is all digits (RFC 3696 2), and `127.1`, `0x7f000001` or
        // `2130706433` are old shorthands for addresses (inet_aton's), which the system
        // resolver expands and a DNS server would look up as names.
        if let last = labels.last, !last.isEmpty, last.utf8.allSatisfy({ (0x30...0x39).contains($0) })
            || CSMTPProbe_inet_aton_accepts(host) != 0 {
            throw SMTPProbeError(.invalidTarget, "'\(whole.echoedInError)': '\(host.echoedInError)' is neither an IP address written in full (such as 192.0.2.1) nor a host name")
        }
        let wire = labels.map(HostName.aLabel)
        guard wire.joined(separator: ".").utf8.count <= 253 else {
            throw SMTPProbeError(.invalidTarget, "'\(whole.echoedInError)': a host name is at most 253 characters")
        }
        for (label, encoded) in zip(labels, wire) {
            guard !label.isEmpty, encoded.utf8.count <= 63 else {
                throw SMTPProbeError(.invalidTarget, "'\(whole.echoedInError)': '\(host.echoedInError)' is not a valid host name (empty or over-long label)")
            }
            let allowed = label.unicodeScalars.allSatisfy { scalar in
                !scalar.isASCII || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            }
            // RFC 1123 2.1: a label neither starts nor ends with a hyphen (`-x` in a file is a
            // mistyped option or a typo, never a host).
            guard allowed, !label.hasPrefix("-"), !label.hasSuffix("-") else {
                throw SMTPProbeError(.invalidTarget, "'\(whole.echoedInError)': '\(host.echoedInError)' is not a valid host name")
            }
        }
    }
}

extension ProbeTarget {
    /// `text` without leading and trailing spaces and tabs (Unicode Zs and U+0009), as
    /// Foundation's `trimmingCharacters(in: .whitespaces)` trims, without needing Foundation.
    static func trimmingBlanks(_ text: String) -> String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            // U+FEFF too: a byte-order mark at the start of a file saved by Windows editors.
            scalar == "\t" || scalar == "\u{FEFF}" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
              let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
