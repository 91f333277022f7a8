/// A character in a typed name that cannot be seen, or not told from another: a control
/// character, a Unicode format character (bidi marks and overrides, zero-width joiners...), a
/// line or paragraph separator, or a space other than U+0020. Such a name is refused, never
/// looked up: `mx\u{200D}.example.com` looks exactly like `mx.example.com` and is another name.
struct InvisibleCharacter: Hashable, Sendable {
    /// Where it is, counting Unicode scalars from 1.
    var position: Int
    var scalar: Unicode.Scalar

    /// The first such character in `text`, or nil.
    static func first(in text: String) -> InvisibleCharacter? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isInvisible(scalar) {
            return InvisibleCharacter(position: offset + 1, scalar: scalar)
        }
        return nil
    }

    /// Those that the rule for untrusted text escapes, and every space but the plain one.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isShownEscaped || (scalar != " " && scalar.properties.generalCategory == .spaceSeparator)
    }

    /// `U+200F`: the code point as the Unicode standard writes it.
    var codePoint: String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The English explanation, used by every refusal of a name: the position, the code point
    /// and why it is refused.
    var explanation: String {
        "character \(position) is \(codePoint), an invisible character that makes different names look the same; type the name again without it"
    }
}
