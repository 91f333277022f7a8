/// The domain-spec of RFC 7208 §7.1 and §12: a name that may hold macros (`%{d}`), ending in a
/// top label or a macro.
enum SPFDomainSpec {
    /// The macro letters (§7.2); c, r and t are for `exp=` only, but a receiver reading a
    /// record does not tell the difference before it expands one.
    private static let macroLetters = Set("slodiphcrtv")

    /// A name as the evaluation compares and asks it: lower case, without the root's final dot
    /// (DNS names compare case-insensitively; `example.com.` and `example.com` are one name).
    static func normalise(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix("."), name.count > 1 { name.removeLast() }
        return name
    }

    /// Whether `text` holds a macro, so that it names no fixed domain until a message comes.
    static func hasMacro(_ text: String) -> Bool { text.contains("%{") }

    /// A macro-string (§12): visible ASCII, `%` only in `%{…}`, `%%`, `%_` or `%-`.
    static func isValidMacroString(_ text: String) -> Bool {
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            guard character.isASCII, let ascii = character.asciiValue, (0x21...0x7E).contains(ascii) else { return false }
            guard character == "%" else { continue }
            guard let next = characters.popFirst() else { return false }
            if "%_-".contains(next) { continue }
            guard next == "{", let letter = characters.popFirst(), macroLetters.contains(Character(letter.lowercased())) else { return false }
            while let digit = characters.first, digit.isASCII, digit.isNumber { characters.removeFirst() }
            if characters.first == "r" || characters.first == "R" { characters.removeFirst() }
            while let delimiter = characters.first, ".-+,/_=".contains(delimiter) { characters.removeFirst() }
            guard characters.popFirst() == "}" else { return false }
        }
        return true
    }

    /// A domain-spec: a macro-string that ends in a macro or in "." and a top label.
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, isValidMacroString(text) else { return false }
        if text.hasSuffix("}") { return true }
        var name = text
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last else { return false }
        // Labels before the macros are expanded cannot be checked; fixed ones can.
        for label in labels where !label.contains("%") {
            guard !label.isEmpty, label.utf8.count <= 63 else { return false }
        }
        // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
        let alphanumeric = top.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return alphanumeric && (top.contains { $0.isLetter } || top.contains("-")) && top.first != "-" && top.last != "-"
            || top.contains("%")
    }
}
