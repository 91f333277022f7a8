/// SPF records as a remedy proposes them: the published one with one change, and the zone-file
/// line that publishes a record.
enum SPFRewrite {
    /// `record` with its `all` term replaced by `replacement`, or `replacement` appended.
    static func replacingAll(in record: SPFRecord, with replacement: String) -> String {
        var words = record.text.split(separator: " ").map(String.init)
        if let index = words.firstIndex(where: { SPFTerm.parse($0).map(\.mechanism) == .success(.all) }) {
            words[index] = replacement
        } else {
            words.append(replacement)
        }
        return words.joined(separator: " ")
    }

    /// `record` with `include:DOMAIN` before its `all` term or `redirect`, or at its end.
    static func addingInclude(_ domain: String, to record: SPFRecord) -> String {
        var words = record.text.split(separator: " ").map(String.init)
        let position = words.firstIndex { word in
            guard case .success(let term) = SPFTerm.parse(word) else { return false }
            return term.mechanism == .all || term.modifierName == "redirect"
        } ?? words.endIndex
        words.insert("include:" + domain, at: position)
        return words.joined(separator: " ")
    }

    /// One record made of several: every term once, in the order first met, then their `all`
    /// if they agree, `~all` if they do not (softfail while the merged list is confirmed).
    static func merged(_ records: [String]) -> String {
        var terms: [String] = []
        var alls: Set<String> = []
        for record in records {
            for word in record.split(separator: " ").dropFirst().map(String.init) {
                let parsed = try? SPFTerm.parse(word).get()
                if parsed?.mechanism == .all {
                    alls.insert(word.lowercased())
                } else if !terms.contains(where: { $0.lowercased() == word.lowercased() }) {
                    terms.append(word)
                }
            }
        }
        return (["v=spf1"] + terms + [alls.count == 1 ? alls.first! : "~all"]).joined(separator: " ")
    }

    /// The zone-file line publishing `record` as `domain`'s TXT record, split into strings of
    /// at most 255 bytes as a TXT record must be (RFC 7208 §3.3).
    static func zoneLine(domain: String, record: String) -> String {
        var chunks: [String] = []
        var rest = Substring(record)
        while !rest.isEmpty {
            chunks.append(String(rest.prefix(255)))
            rest = rest.dropFirst(255)
        }
        let quoted = chunks.map { "\"" + $0.replacingOccurrences("\"", with: "\\\"") + "\"" }
        return "\(domain). 3600 IN TXT \(quoted.joined(separator: " "))"
    }
}

private extension String {
    func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
