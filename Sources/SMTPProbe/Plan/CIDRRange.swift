/// An IP range in CIDR notation (`203.0.113.0/28`, `2001:db8:25::/64`), as the relay's
/// "allowed IP addresses" take it; a bare address is a range of one.
///
/// The address part is parsed by ``IPAddress`` (`inet_pton`); glibc's `inet_net_pton` reads
/// IPv4 only, so the prefix length is read here, as decimal digits and nothing else.
public struct CIDRRange: Hashable, Sendable, CustomStringConvertible {
    /// The address as written, host bits included.
    public let address: IPAddress
    public let prefixLength: Int

    /// Why a text is not a range.
    public enum Invalid: Error, Hashable, Sendable {
        /// The part before `/` is no IPv4 or IPv6 address.
        case address
        /// The part after `/` is no number from 0 to 32 (IPv4) or 128 (IPv6).
        case prefix(maximum: Int)
    }

    /// Parses `text`, or says why it is no range.
    public static func parse(_ text: String) -> Result<CIDRRange, Invalid> {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])), !parts[0].hasPrefix("[") else { return .failure(.address) }
        let maximum = address.bytes.count * 8
        guard parts.count == 2 else { return .success(CIDRRange(address: address, prefixLength: maximum)) }
        let digits = parts[1]
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(digits), length <= maximum else {
            return .failure(.prefix(maximum: maximum))
        }
        return .success(CIDRRange(address: address, prefixLength: length))
    }

    /// The number of host bits: a range holds 2 to this power of addresses.
    public var hostBits: Int { address.bytes.count * 8 - prefixLength }

    /// Whether `other` is inside this range (same family, same leading bits).
    public func contains(_ other: IPAddress) -> Bool {
        guard other.bytes.count == address.bytes.count else { return false }
        return Self.leadingBitsEqual(address.bytes, other.bytes, count: prefixLength)
    }

    /// Whether the two ranges share an address: one contains the other's start.
    public func overlaps(_ other: CIDRRange) -> Bool {
        guard other.address.bytes.count == address.bytes.count else { return false }
        return Self.leadingBitsEqual(address.bytes, other.address.bytes, count: min(prefixLength, other.prefixLength))
    }

    public var description: String { "\(address)/\(prefixLength)" }

    private static func leadingBitsEqual(_ a: [UInt8], _ b: [UInt8], count: Int) -> Bool {
        var remaining = count
        for (x, y) in zip(a, b) where remaining > 0 {
            let bits = min(remaining, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if x & mask != y & mask { return false }
            remaining -= bits
        }
        return true
    }
}

/// Address space the relay never sees a sender come from: private networks, loopback,
/// link-local, shared (carrier-grade NAT) and documentation ranges (RFC 1918, 6598, 3927,
/// 5737, 4193, 4291, 3849).
public enum NonPublicSpace: String, Sendable, CaseIterable {
    case privateNetwork = "private"
    case loopback
    case linkLocal = "link_local"
    case sharedNAT = "shared_nat"
    case documentation
    case unspecified

    /// The kind of non-public space `range` touches, if any.
    public static func kind(of range: CIDRRange) -> NonPublicSpace? {
        blocks.first { range.overlaps($0.range) }?.kind
    }

    private static let blocks: [(range: CIDRRange, kind: NonPublicSpace)] = ([
        ("0.0.0.0/8", .unspecified), ("10.0.0.0/8", .privateNetwork), ("100.64.0.0/10", .sharedNAT),
        ("127.0.0.0/8", .loopback), ("169.254.0.0/16", .linkLocal), ("172.16.0.0/12", .privateNetwork),
        ("192.0.2.0/24", .documentation), ("192.168.0.0/16", .privateNetwork),
        ("198.51.100.0/24", .documentation), ("203.0.113.0/24", .documentation),
        ("::/128", .unspecified), ("::1/128", .loopback), ("fc00::/7", .privateNetwork),
        ("fe80::/10", .linkLocal), ("2001:db8::/32", .documentation),
    ] as [(String, NonPublicSpace)]).map { text, kind in
        guard case .success(let range) = CIDRRange.parse(text) else { preconditionFailure("bad block \(text)") }
        return (range, kind)
    }
}
