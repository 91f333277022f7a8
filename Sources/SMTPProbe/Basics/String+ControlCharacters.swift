extension String {
    /// The text with every control character (C0, DEL, C1) and every backslash written as
    /// `\xNN`, its scalar value in hex: whatever a server or a certificate says reaches a
    /// terminal or a Nagios status line only as visible characters, never as an escape
    /// sequence that moves the cursor or clears the screen. The backslash is escaped too, so
    /// that a server cannot write a fake `\x1B` that reads like a real one.
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.isControlCharacter || $0 == "\\" }) else { return self }
        var output = ""
        for scalar in unicodeScalars {
            if scalar.isControlCharacter || scalar == "\\" {
                // Always two digits: "\xD" followed by "A" would read as byte 0xDA.
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

extension String {
    /// Upper-cased, except the `\xNN` escapes written by `escapingControlCharacters`.
    var uppercasedKeepingEscapes: String {
        guard contains("\\") else { return uppercased() }
        var output = ""
        var rest = Substring(self)
        while let escape = rest.firstIndex(of: "\\") {
            output += rest[..<escape].uppercased()
            let end = rest.index(escape, offsetBy: 4, limitedBy: rest.endIndex) ?? rest.endIndex
            output += rest[escape..<end]
            rest = rest[end...]
        }
        return output + rest.uppercased()
    }
}

extension Unicode.Scalar {
    /// C0 (U+0000–U+001F), DEL, and C1 (U+0080–U+009F, which some terminals obey as escapes).
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
