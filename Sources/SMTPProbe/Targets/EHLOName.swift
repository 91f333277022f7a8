#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
internal import CSMTPProbeShims

/// The name smtp-probe says in EHLO. It must identify this client: generic names such as
/// `localhost` or `smtp-relay.gmail.com` are treated as anonymous by Gmail's relay and many
/// other servers, and run into their denial-of-service limits.
public enum EHLOName {
    /// Names that identify nobody.
    static let generic: Set<String> = [
        "localhost", "localhost.localdomain", "localhost6", "localhost6.localdomain6", "ip6-localhost",
        "localdomain", "smtp-relay.gmail.com", "smtp.gmail.com", "gmail.com", "google.com",
        "aspmx.l.google.com", "example.com", "mail", "smtp",
    ]

    /// Whether `name` is one of the generic names ``validate(_:)`` refuses (`localhost`,
    /// `smtp-relay.gmail.com`, a loopback address literal, ...): a name that identifies nobody.
    /// The relay checks judge a device's name with it instead of refusing it.
    public static func isGeneric(_ name: String) -> Bool {
        do {
            _ = try validate(name)
            return false
        } catch {
            return (error as? SMTPProbeError)?.code == .genericEHLOName
        }
    }

    /// Checks a name given with `--ehlo`: a fully qualified domain name or an address literal
    /// (`[192.0.2.1]`, `[IPv6:2001:db8::1]`), and not a generic one.
    public static func validate(_ name: String) throws -> String {
        let shown = name.echoedInError
        if let invisible = InvisibleCharacter.first(in: name) {
            throw SMTPProbeError(.invalidEHLOName, "'\(shown)' is not a valid EHLO name: \(invisible.explanation)")
        }
        let lower = name.lowercased()
        if lower.hasPrefix("[") && lower.hasSuffix("]") {
            let inner = lower.dropFirst().dropLast()
            let literal = inner.hasPrefix("ipv6:") ? String(inner.dropFirst(5)) : String(inner)
            guard let address = IPAddress(literal), address.isIPv6 == inner.hasPrefix("ipv6:") else {
                throw SMTPProbeError(.invalidEHLOName, "'\(shown)' is not an address literal such as [192.0.2.1] or [IPv6:2001:db8::1]")
            }
            if isLoopbackOrUnspecified(address) {
                throw SMTPProbeError(.genericEHLOName, "'\(shown)' is a loopback or unspecified address: it does not identify this client to a remote server")
            }
            return name
        }
        // RFC 5321 4.1.3: an address is said only as an address literal, in brackets.
        if let address = IPAddress(name), !name.hasPrefix("[") {
            let literal = address.isIPv6 ? "[IPv6:\(name)]" : "[\(name)]"
            if isLoopbackOrUnspecified(address) {
                throw SMTPProbeError(.invalidEHLOName, "'\(shown)' is a bare IP address (EHLO takes one only in brackets, as \(literal)), and a loopback or unspecified one, which does not identify this client to a remote server: use this machine's own fully qualified name")
            }
            throw SMTPProbeError(.invalidEHLOName, "'\(shown)' is a bare IP address; EHLO takes an address only as an address literal in brackets: write \(literal)")
        }
        let trimmed = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        // Compared as the host it names, however it is spelt (`LocalHost.`, full-width dots).
        let host = HostName(name).normalised
        if generic.contains(host) || host.hasSuffix(".localdomain") {
            throw SMTPProbeError(.genericEHLOName,
                "'\(shown)' is a generic name; servers such as smtp-relay.gmail.com rate-limit or refuse it. Use this machine's own fully qualified name or its domain")
        }
        let labels = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        // No top-level domain is all digits (RFC 3696 2): `host.123` or `127.1` is a typing
        // mistake or an address in inet_aton's shorthand, never a name a server can look up.
        if labels.count >= 2, let last = labels.last, !last.isEmpty, last.utf8.allSatisfy({ (0x30...0x39).contains($0) })
            || CSMTPProbe_inet_aton_accepts(name) != 0 {
            throw SMTPProbeError(.invalidEHLOName, "'\(shown)' ends in an all-numeric label, which no domain name does: write the fully qualified name (e.g. probe.example.com), or an address as a literal in brackets (e.g. [192.0.2.1])")
        }
        let valid = labels.count >= 2 && trimmed.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
        guard valid else {
            throw SMTPProbeError(.invalidEHLOName, "'\(shown)' is not a fully qualified domain name (e.g. probe.example.com)")
        }
        return name
    }

    /// 127/8, ::1 however it is written, 127/8 in IPv6 (mapped `::ffff:127.0.0.1` or the old
    /// compatible `::127.0.0.1`), and the unspecified addresses: none of them tells a remote
    /// server who is calling.
    private static func isLoopbackOrUnspecified(_ address: IPAddress) -> Bool {
        let bytes = Array(address.bytes)
        guard address.isIPv6 else { return bytes.first == 127 || bytes.allSatisfy { $0 == 0 } }
        guard bytes.prefix(10).allSatisfy({ $0 == 0 }) else { return false }
        let embedded = Array(bytes[12...])
        if bytes[10] == 0xFF, bytes[11] == 0xFF { return embedded[0] == 127 || embedded.allSatisfy { $0 == 0 } }
        guard bytes[10] == 0, bytes[11] == 0 else { return false }
        // ::, ::1, and ::127.x.y.z.
        return embedded[0] == 127 || embedded.prefix(3).allSatisfy { $0 == 0 } && embedded[3] <= 1
    }

    /// This machine's fully qualified name (`gethostname`, then `getaddrinfo` with
    /// `AI_CANONNAME`), or nil when it has none worth saying: then the probe says the address
    /// literal of its end of each connection, which is always unique.
    public static func machineDefault() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return nil }
        var name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        var list: UnsafeMutablePointer<addrinfo>?
        if getaddrinfo(name, nil, &hints, &list) == 0, let list {
            if let canonical = list.pointee.ai_canonname { name = String(cString: canonical) }
            freeaddrinfo(list)
        }
        return (try? validate(name)) ?? nil
    }
}
