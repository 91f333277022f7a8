#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address as its octets, for comparing a route host with iPAddress SANs.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 octets for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses a literal address (`inet_pton`), with or without IPv6 brackets.
    public init?(_ text: String) {
        var literal = Substring(text)
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = literal.dropFirst().dropLast() }
        // Octet buffers the size of in_addr and in6_addr, which inet_pton fills in network order.
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, String(literal), &v4) == 1 {
            self.bytes = v4
            return
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET6, String(literal), &v6) == 1 {
            self.bytes = v6
            return
        }
        return nil
    }

    public var isIPv6: Bool { bytes.count == 16 }

    /// The usual text form (`inet_ntop`).
    public var description: String {
        var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv6 ? AF_INET6 : AF_INET
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &output, socklen_t(output.count)) != nil
        }
        guard ok else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
