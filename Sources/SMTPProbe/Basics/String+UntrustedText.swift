/// The one rule for text that smtp-probe did not write itself: what a server says (replies,
/// plaintext previews), what a certificate says (subject, issuer, CN, subjectAltName), and
/// what a user typed when it is echoed back in an error. It is applied once, where such facts
/// become text in the library, so every format (text, JSON, Nagios, Prometheus) carries the
/// same shown text and no renderer has to remember it.
///
/// Escaped, visibly:
/// - C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F) as `\xNN`: terminals obey them as
///   escape sequences (0x1B and 0x9B both start one), Nagios ends its status at a newline.
/// - Unicode format and separator characters (general categories Cf, Zl, Zp: bidi
///   overrides and isolates, zero-width characters, U+2028/U+2029, the byte-order mark...)
///   as `\u{XXXX}`: they reorder or hide text, so that two different names look the same
///   or `moc.elpmaxe` reads as `example.com`.
/// - The backslash itself as `\x5C`, so that no one can write a fake escape that reads like
///   a real one; except in text that already quotes its backslashes (``BackslashHandling``).
extension String {
    /// How the rule treats backslashes.
    enum BackslashHandling {
        /// A backslash is a character like any other: written `\x5C`.
        case escape
        /// The text is already in a form that writes every literal backslash doubled or as an
        /// escape (RFC 2253 names as OpenSSL prints them): its backslashes are structure.
        case alreadyQuoted
    }

    /// The text under the rule above.
    var escapingUntrustedCharacters: String { escapingUntrustedCharacters(backslashes: .escape) }

    /// The text under the rule above, with `backslashes` saying whether a backslash is escaped.
    func escapingUntrustedCharacters(backslashes: BackslashHandling) -> String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isShownEscaped || (scalar == "\\" && backslashes == .escape)
        }
        // Printable ASCII (no backslash to escape) is most text, and is shown as it is: checked
        // byte by byte, it costs no Unicode property lookup per character. The domain
        // benchmark's MTA-STS certificate with 1,000 names spent 5 % of the run's CPU there.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && ($0 != 0x5C || backslashes == .alreadyQuoted) }) {
            return self
        }
        guard unicodeScalars.contains(where: needsEscape) else { return self }
        var output = ""
        for scalar in unicodeScalars {
            if !needsEscape(scalar) {
                output.unicodeScalars.append(scalar)
            } else if scalar.isControlCharacter || scalar == "\\" {
                // Always two digits: "\xD" followed by "A" would read as byte 0xDA.
                output += "\\x" + Self.hex(scalar.value, digits: 2)
            } else {
                output += "\\u{" + Self.hex(scalar.value, digits: 4) + "}"
            }
        }
        return output
    }

    /// User input echoed in an error message: escaped as above and cut to its first 80
    /// characters, so that a line of a megabyte is not copied to the terminal in full.
    public var echoedInError: String {
        let limit = 80
        let scalars = unicodeScalars
        guard scalars.count > limit else { return escapingUntrustedCharacters }
        let shown = String(String.UnicodeScalarView(scalars.prefix(limit))).escapingUntrustedCharacters
        return shown + "…(\(utf8.count) bytes)"
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
    }
}

extension String {
    /// Upper-cased, except the `\xNN` and `\u{XXXX}` escapes written by
    /// ``escapingUntrustedCharacters``.
    var uppercasedKeepingEscapes: String {
        guard contains("\\") else { return uppercased() }
        var output = ""
        var rest = Substring(self)
        while let escape = rest.firstIndex(of: "\\") {
            output += rest[..<escape].uppercased()
            let afterSlash = rest.index(after: escape)
            var end = rest.index(escape, offsetBy: 4, limitedBy: rest.endIndex) ?? rest.endIndex
            if afterSlash < rest.endIndex, rest[afterSlash] == "u", let close = rest[afterSlash...].firstIndex(of: "}") {
                end = rest.index(after: close)
            }
            output += rest[escape..<end]
            rest = rest[end...]
        }
        return output + rest.uppercased()
    }
}

extension Unicode.Scalar {
    /// C0 (U+0000–U+001F), DEL, and C1 (U+0080–U+009F, which some terminals obey as escapes).
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// Invisible characters that change how text around them reads: format characters (Cf:
    /// bidi embeddings, overrides and isolates, zero-width space and joiners, the byte-order
    /// mark, soft hyphen...) and the line and paragraph separators (Zl, Zp).
    var isInvisibleFormatCharacter: Bool {
        switch properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// Whether the rule for untrusted text writes this scalar as an escape.
    var isShownEscaped: Bool { isControlCharacter || isInvisibleFormatCharacter }
}
