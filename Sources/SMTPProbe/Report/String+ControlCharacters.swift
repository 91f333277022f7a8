extension String {
    /// The text with every control character written as `\xNN` (C0, DEL, and C1 as `\u{NN}`
    /// escapes of their scalar value): whatever a server or a certificate says reaches a
    /// terminal or a Nagios status line only as visible characters, never as an escape
    /// sequence that moves the cursor or clears the screen.
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControlCharacter) else { return self }
        var output = ""
        for scalar in unicodeScalars {
            if scalar.isControlCharacter {
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

extension Unicode.Scalar {
    /// C0 (U+0000–U+001F), DEL, and C1 (U+0080–U+009F, which some terminals obey as escapes).
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
