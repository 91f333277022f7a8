extension TextRenderer {
    /// `text` in lines of at most 100 columns after `indent`, the first starting with `first`
    /// and the others aligned under it.
    ///
    /// English breaks at spaces. Japanese has none: a line may break between any two wide
    /// characters, except before closing punctuation (、。」 and the like), which stays with
    /// the character before it (kinsoku). A single word longer than the line is not cut.
    func wrap(_ text: String, indent: String, first: String = "") -> String {
        let width = 100 - indent.count
        var lines: [String] = []
        var line = first
        for token in Self.tokens(text) {
            let separator = token.spaceBefore && line.count > first.count ? " " : ""
            let fits = displayWidth(line) + separator.count + displayWidth(token.text) <= width
            if !fits, line.count > first.count, !token.closing {
                lines.append(line)
                line = String(repeating: " ", count: first.count) + token.text
            } else {
                line += separator + token.text
            }
        }
        lines.append(line)
        return lines.map { indent + $0 }.joined(separator: "\n") + "\n"
    }

    private struct Token {
        var text: String
        /// Written after a space: joined back with one.
        var spaceBefore: Bool
        /// Closing punctuation, which must not begin a line.
        var closing = false
    }

    private static let closingPunctuation: Set<Character> = ["、", "。", "，", "．", "」", "』", "）", "】", "〕", "・", "ー", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", ")", "]", ",", ".", ":", ";", "!", "?"]

    /// Words between spaces, and each wide character on its own.
    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var wordSpaceBefore = false
        var spaceBefore = false
        func flush() {
            guard !word.isEmpty else { return }
            tokens.append(Token(text: word, spaceBefore: wordSpaceBefore,
                                closing: word.first.map { closingPunctuation.contains($0) } ?? false))
            word = ""
        }
        for character in text {
            if character == " " {
                flush()
                spaceBefore = true
            } else if character.unicodeScalars.contains(where: isWide) {
                flush()
                tokens.append(Token(text: String(character), spaceBefore: spaceBefore,
                                    closing: closingPunctuation.contains(character)))
                spaceBefore = false
            } else {
                if word.isEmpty {
                    wordSpaceBefore = spaceBefore
                    spaceBefore = false
                }
                word.append(character)
            }
        }
        flush()
        return tokens
    }

    /// East Asian wide: two columns on a terminal.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
            || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
            || (0xFE30...0xFE4F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            || (0xFFE0...0xFFE6).contains(scalar.value)
    }
}
