/// The `_mta-sts.DOMAIN` TXT record (RFC 8461 §3.1): `v=STSv1; id=...;`, which tells senders
/// that the domain has a policy and which version of it is current.
struct MTASTSRecord: Hashable, Sendable {
    /// The policy's identifier: 1 to 32 letters and digits; senders fetch the policy again
    /// when it changes.
    var id: String
    /// Other `name=value` fields, in order: senders ignore them.
    var extensions: [String: String]

    /// Why a record that begins `v=STSv1` still cannot be used.
    enum Fault: Hashable, Sendable {
        /// It has no `id=` field.
        case missingID
        /// Its `id=` is not 1 to 32 letters and digits.
        case invalidID(String)
        /// A part between semicolons is not `name=value` by RFC 8461's grammar.
        case malformedField(String)
        /// A field other than `v` came first.
        case versionNotFirst
    }

    /// A record, or why it cannot be used.
    enum Parsed: Hashable, Sendable {
        case valid(MTASTSRecord)
        case invalid(Fault)
    }

    /// The record in `text` (one TXT record, its strings already joined), or why it cannot be used.
    static func parse(_ text: String) -> Parsed {
        var fields = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingWSP }
        // A single trailing ";" is allowed (sts-sep at the end).
        if fields.count > 1, fields.last?.isEmpty == true { fields.removeLast() }
        var id: String?
        var extensions: [String: String] = [:]
        for (index, field) in fields.enumerated() {
            guard let equals = field.firstIndex(of: "=") else { return .invalid(.malformedField(String(field))) }
            let name = field[..<equals].trimmingWSP
            let value = field[field.index(after: equals)...].trimmingWSP
            guard isFieldName(name), isFieldValue(value) else { return .invalid(.malformedField(String(field))) }
            if index == 0 {
                guard name == "v", value == "STSv1" else { return .invalid(.versionNotFirst) }
                continue
            }
            switch name {
            case "v":
                return .invalid(.malformedField(String(field)))
            case "id":
                guard (1...32).contains(value.count), value.unicodeScalars.allSatisfy(isAlphanumeric) else {
                    return .invalid(.invalidID(String(value)))
                }
                if id == nil { id = String(value) }
            default:
                extensions[String(name)] = String(value)
            }
        }
        guard let id else { return .invalid(.missingID) }
        return .valid(MTASTSRecord(id: id, extensions: extensions))
    }

    /// Whether a TXT record is meant as an MTA-STS record: RFC 8461 §3.1 has senders discard
    /// every record at `_mta-sts` that does not begin with `v=STSv1`.
    static func claimsVersion(_ text: String) -> Bool {
        guard let first = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first,
              let equals = first.firstIndex(of: "=")
        else { return false }
        return first[..<equals].trimmingWSP == "v" && first[first.index(after: equals)...].trimmingWSP == "STSv1"
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// sts-ext-name: 1 to 32 of letters, digits, "_", "-", ".".
    private static func isFieldName(_ name: Substring) -> Bool {
        (1...32).contains(name.count) && name.unicodeScalars.allSatisfy { isAlphanumeric($0) || "_-.".unicodeScalars.contains($0) }
    }

    /// sts-ext-value: printable ASCII but for "=" and ";".
    private static func isFieldValue(_ value: Substring) -> Bool {
        !value.isEmpty && value.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != "=" && $0 != ";" }
    }
}

/// What the TXT records at `_mta-sts.DOMAIN` say, as a sender reads them.
enum MTASTSRecordSelection: Hashable, Sendable {
    /// No TXT record there: the domain does not use MTA-STS.
    case notPublished
    /// Exactly one record begins `v=STSv1`, and it is valid.
    case record(MTASTSRecord)
    /// Records are there, but none begins `v=STSv1`: senders see no MTA-STS.
    case noneClaimsVersion(texts: [String])
    /// More than one record begins `v=STSv1`: senders see no MTA-STS.
    case several(texts: [String])
    /// The one record that begins `v=STSv1` cannot be used.
    case invalid(text: String, MTASTSRecord.Fault)

    /// Reads the TXT records found at `_mta-sts.DOMAIN` (each one's strings joined).
    init(recordTexts: [String]) {
        guard !recordTexts.isEmpty else {
            self = .notPublished
            return
        }
        let claiming = recordTexts.filter(MTASTSRecord.claimsVersion)
        switch claiming.count {
        case 0: self = .noneClaimsVersion(texts: recordTexts)
        case 1:
            switch MTASTSRecord.parse(claiming[0]) {
            case .valid(let record): self = .record(record)
            case .invalid(let fault): self = .invalid(text: claiming[0], fault)
            }
        default: self = .several(texts: claiming)
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (RFC 5234's WSP).
    var trimmingWSP: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
