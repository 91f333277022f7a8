#if canImport(Glibc)
import Glibc
#endif

/// One term of an SPF record: a mechanism with its qualifier, or a modifier (RFC 7208 §4.6.1).
struct SPFTerm: Hashable, Sendable {
    enum Qualifier: String, Hashable, Sendable {
        case pass = "+", fail = "-", softfail = "~", neutral = "?"
    }

    enum Mechanism: String, Hashable, Sendable {
        case all, include, a, mx, ptr, ip4, ip6, exists
    }

    enum Kind: Hashable, Sendable {
        case all
        case include(String)
        /// `a`, `mx` and `ptr` with their domain-spec, nil for the current domain.
        case a(String?), mx(String?), ptr(String?)
        case ip4(String), ip6(String)
        case exists(String)
        case redirect(String)
        /// `exp=` and any other modifier: read but not evaluated.
        case modifier(name: String, value: String)
    }

    var qualifier: Qualifier
    var kind: Kind
    /// The term as written.
    var text: String

    var mechanism: Mechanism? {
        switch kind {
        case .all: .all
        case .include: .include
        case .a: .a
        case .mx: .mx
        case .ptr: .ptr
        case .ip4: .ip4
        case .ip6: .ip6
        case .exists: .exists
        case .redirect, .modifier: nil
        }
    }

    var modifierName: String? {
        switch kind {
        case .redirect: "redirect"
        case .modifier(let name, _): name
        default: nil
        }
    }

    /// Whether evaluating the term asks DNS, and so counts against the limit of 10 (§4.6.4).
    var queriesDNS: Bool {
        switch kind {
        case .include, .a, .mx, .ptr, .exists, .redirect: true
        default: false
        }
    }

    static func parse(_ text: String) -> Result<SPFTerm, SPFSyntaxError> {
        let invalid = { (reason: SPFSyntaxReason) in Result<SPFTerm, SPFSyntaxError>.failure(SPFSyntaxError(term: text, reason: reason)) }
        // A modifier: name "=" macro-string, the name starting with a letter (§12).
        if let equals = text.firstIndex(of: "="), !text[..<equals].contains(":"), !text[..<equals].contains("/") {
            let name = text[..<equals].lowercased(), value = String(text[text.index(after: equals)...])
            guard let first = name.first, first.isASCII, first.isLetter,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                return invalid(.unknownMechanism)
            }
            guard SPFDomainSpec.isValidMacroString(value) else { return invalid(.invalidDomain) }
            if name == "redirect" {
                guard SPFDomainSpec.isValid(value) else { return invalid(.invalidDomain) }
                return .success(SPFTerm(qualifier: .pass, kind: .redirect(value), text: text))
            }
            return .success(SPFTerm(qualifier: .pass, kind: .modifier(name: name, value: value), text: text))
        }
        var rest = Substring(text)
        var qualifier = Qualifier.pass
        if let first = rest.first, let given = Qualifier(rawValue: String(first)) {
            qualifier = given
            rest = rest.dropFirst()
        }
        // The mechanism's name runs to ":" or "/" (a and mx take a bare prefix length).
        let nameEnd = rest.firstIndex { $0 == ":" || $0 == "/" } ?? rest.endIndex
        guard let mechanism = Mechanism(rawValue: rest[..<nameEnd].lowercased()) else { return invalid(.unknownMechanism) }
        let argument = rest[nameEnd...]
        let value: String? = argument.first == ":" ? String(argument.dropFirst()) : nil
        let cidr = argument.first == "/" ? String(argument) : nil
        func domain(_ spec: String?) -> Result<String?, SPFSyntaxError> {
            guard let spec else { return .success(nil) }
            return SPFDomainSpec.isValid(spec) ? .success(spec) : .failure(SPFSyntaxError(term: text, reason: .invalidDomain))
        }
        let kind: Kind
        switch mechanism {
        case .all:
            guard argument.isEmpty else { return invalid(.unknownMechanism) }
            kind = .all
        case .include, .exists:
            guard let value, !value.isEmpty else { return invalid(.missingValue) }
            guard SPFDomainSpec.isValid(value) else { return invalid(.invalidDomain) }
            kind = mechanism == .include ? .include(value) : .exists(value)
        case .ptr:
            guard cidr == nil else { return invalid(.invalidDomain) }
            switch domain(value) {
            case .success(let spec): kind = .ptr(spec)
            case .failure(let error): return .failure(error)
            }
        case .a, .mx:
            // domain-spec, then an optional dual-cidr-length ("/24", "//64", "/24//64").
            let whole = value ?? cidr ?? ""
            let slash = whole.firstIndex(of: "/") ?? whole.endIndex
            let spec = value == nil ? nil : String(whole[..<slash])
            guard SPFAddress.isValidDualCIDR(String(whole[slash...])) else { return invalid(.invalidAddress) }
            if value != nil, spec?.isEmpty ?? true { return invalid(.missingValue) }
            switch domain(spec) {
            case .success(let spec): kind = mechanism == .a ? .a(spec) : .mx(spec)
            case .failure(let error): return .failure(error)
            }
        case .ip4, .ip6:
            guard let value, !value.isEmpty else { return invalid(.missingValue) }
            guard SPFAddress.isValid(value, v6: mechanism == .ip6) else { return invalid(.invalidAddress) }
            kind = mechanism == .ip4 ? .ip4(value) : .ip6(value)
        }
        return .success(SPFTerm(qualifier: qualifier, kind: kind, text: text))
    }
}

/// The address forms of `ip4:`, `ip6:` and the prefix lengths of `a` and `mx`.
enum SPFAddress {
    static func isValid(_ value: String, v6: Bool) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        if parts.count == 2 {
            guard let length = Int(parts[1]), parts[1].allSatisfy(\.isNumber), length <= (v6 ? 128 : 32) else { return false }
        }
        var buffer = [UInt8](repeating: 0, count: 16)
        // inet_pton's IPv4 form is the strict dotted quad RFC 7208 asks for (no "127.1").
        return inet_pton(v6 ? AF_INET6 : AF_INET, String(parts[0]), &buffer) == 1
    }

    /// "", "/24", "//64" or "/24//64".
    static func isValidDualCIDR(_ text: String) -> Bool {
        if text.isEmpty { return true }
        func length(_ digits: Substring, max: Int) -> Bool {
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(digits), value <= max else { return false }
            // RFC 7208 §12: no leading zeros ("/024").
            return digits == "0" || digits.first != "0"
        }
        if text.hasPrefix("//") { return length(text.dropFirst(2), max: 128) }
        guard text.hasPrefix("/") else { return false }
        let body = text.dropFirst()
        if let split = body.firstRange(of: "//") {
            return length(body[..<split.lowerBound], max: 32) && length(body[split.upperBound...], max: 128)
        }
        return length(body, max: 32)
    }
}

/// One SPF record (RFC 7208 §4.5, §12), parsed into its terms: a fact of DNS, judged by
/// Checks/SPF. Parsing is strict where a receiver's is: any term it cannot read makes the whole
/// record a permerror (§4.6), so the first such term is what is reported.
struct SPFRecord: Hashable, Sendable {
    /// The record as published, character-strings joined.
    var text: String
    var terms: [SPFTerm]

    /// Whether a TXT record is an SPF record at all: `v=spf1` alone or followed by a space
    /// (§4.5); `v=spf10` or `v=spf1x` is some other record.
    static func isSPF(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }

    /// Parses `text`, which ``isSPF(_:)`` accepted.
    static func parse(_ text: String) -> Result<SPFRecord, SPFSyntaxError> {
        var terms: [SPFTerm] = []
        // Terms are separated by one or more spaces (§12: 1*SP); a tab or other byte is part of
        // a term and makes it unreadable.
        for word in text.split(separator: " ").dropFirst() {
            switch SPFTerm.parse(String(word)) {
            case .success(let term): terms.append(term)
            case .failure(let error): return .failure(error)
            }
        }
        for modifier in ["redirect", "exp"] where terms.filter({ $0.modifierName == modifier }).count > 1 {
            return .failure(SPFSyntaxError(term: modifier + "=", reason: .repeatedModifier))
        }
        return .success(SPFRecord(text: text, terms: terms))
    }

    /// The `all` mechanism, if the record has one: terms after it are never reached.
    var all: SPFTerm? { terms.first { $0.mechanism == .all } }

    /// The `redirect=` target, ignored when the record has an `all` (§6.1).
    var redirect: String? {
        guard all == nil, let term = terms.first(where: { $0.modifierName == "redirect" }),
              case .redirect(let domain) = term.kind else { return nil }
        return domain
    }
}

/// Why an SPF term cannot be read.
struct SPFSyntaxError: Error, Hashable, Sendable {
    /// The term as written.
    var term: String
    var reason: SPFSyntaxReason
}

enum SPFSyntaxReason: Hashable, Sendable {
    /// Neither a known mechanism nor a `name=value` modifier.
    case unknownMechanism
    /// A mechanism that needs a value (`include`, `exists`, `ip4`, `ip6`) without one.
    case missingValue
    /// A domain-spec that is no domain name, or a malformed macro.
    case invalidDomain
    /// An `ip4`/`ip6` value that is no address, or a prefix length out of range.
    case invalidAddress
    /// `redirect=` or `exp=` more than once (§6).
    case repeatedModifier
}

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
