/// A host as a target, a route or a certificate names it: a DNS name or an IP address, kept as
/// it was spelt (for reports) and normalised once, here, into the form it has on the wire: a
/// DNS name in lower case, in A-labels (`xn--`), without the root's final dot; an address in
/// its canonical text. Two host names are the same host when their normalised forms are equal,
/// whatever their spelling: `MX.Example.COM.` and `mx.example.com` are one server.
///
/// Targets, SNI, DNS queries, hostname matching and de-duplication all use ``normalised``;
/// reports show ``spelling``.
public struct HostName: Hashable, Sendable, CustomStringConvertible {
    /// As it was given, for display.
    public let spelling: String
    /// The wire form: what DNS is asked, what SNI sends, what certificates are matched against.
    public let normalised: String
    /// The address, when the host is an IP literal rather than a name.
    public let address: IPAddress?

    public init(_ spelling: String) {
        self.spelling = spelling
        address = IPAddress(spelling)
        normalised = address?.description ?? Self.wireForm(spelling)
    }

    /// True when the host is an IP literal rather than a name.
    public var isAddress: Bool { address != nil }

    /// The name as DNS is asked for it (nil for an address): SNI is sent only for a name
    /// (RFC 6066 forbids addresses in server_name).
    public var dnsName: String? { isAddress ? nil : normalised }

    public var description: String { spelling }

    public static func == (lhs: HostName, rhs: HostName) -> Bool { lhs.normalised == rhs.normalised }

    public func hash(into hasher: inout Hasher) { hasher.combine(normalised) }

    /// Letters, digits, "-", "_" and the dots between labels: what a normalised host name
    /// (A-labels, lower case) is made of.
    static func isHostNameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }

    /// Lower-case, without a trailing dot, with U-labels turned into A-labels: the one
    /// normalisation of DNS names, also applied to the names a certificate presents.
    static func wireForm(_ name: String) -> String {
        labels(of: name).map(aLabel).joined(separator: ".")
    }

    /// The labels of `name` after RFC 5895's mapping for IDNA2008: Unicode NFC (a "ü" typed
    /// as "u" plus a combining diaeresis is the same label), and the ideographic and
    /// full-width full stops as separators, as "." is; a final root dot dropped.
    static func labels(of name: String) -> [Substring] {
        var name = name
        if !name.unicodeScalars.allSatisfy(\.isASCII) {
            // `_nfcCodeUnits` is the standard library's own NFC, the one Foundation uses;
            // FoundationEssentials offers none.
            name = String(decoding: name._nfcCodeUnits, as: UTF8.self)
            name = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
                ["\u{3002}", "\u{FF0E}", "\u{FF61}"].contains(scalar) ? "." : scalar
            }))
        }
        if name.hasSuffix(".") { name.removeLast() }
        return name.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// One label as it goes on the wire: lower case, in its A-label (`xn--`) form if it is
    /// not ASCII.
    static func aLabel(_ label: Substring) -> String {
        let lower = label.lowercased()
        if lower.unicodeScalars.allSatisfy(\.isASCII) { return lower }
        return Punycode.encode(lower).map { "xn--" + $0 } ?? lower
    }
}
