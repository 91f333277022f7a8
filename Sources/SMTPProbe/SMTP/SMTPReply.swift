/// A complete SMTP reply: one code and one or more lines of text (RFC 5321 section 4.2).
public struct SMTPReply: Codable, Hashable, Sendable, CustomStringConvertible {
    public var code: Int
    /// The text of each line, without the code and separator.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx.
    public var isPositive: Bool { (200..<300).contains(code) }

    /// The reply as the server sent it, lines joined by newlines.
    public var description: String {
        lines.enumerated().map { index, line in
            "\(code)\(index == lines.count - 1 ? " " : "-")\(line)"
        }.joined(separator: "\n")
    }

    /// The EHLO keywords with their parameters, one per line after the first, upper-cased
    /// keyword first (`STARTTLS`, `SIZE 10240000`, ...).
    var ehloExtensions: [String] {
        lines.dropFirst().map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let keyword = parts.first else { return "" }
            let upper = String(keyword).uppercasedKeepingEscapes
            return parts.count > 1 ? upper + " " + parts[1] : upper
        }.filter { !$0.isEmpty }
    }
}

/// Assembles reply lines into replies, refusing anything that is not SMTP.
struct SMTPReplyParser {
    /// Why a line or reply was refused.
    enum Failure: Error, Hashable {
        case lineTooLong(limit: Int)
        case tooManyLines(limit: Int)
        case malformedLine(String)
        case inconsistentCode(expected: Int, got: Int)
    }

    /// RFC 5321 allows 512 octets a reply line; real servers sometimes send more.
    static let maximumLineLength = 2048
    static let maximumLines = 100

    private var code: Int?
    private var lines: [String] = []

    /// Takes one line (without CRLF); returns the reply when this line ends it.
    mutating func consume(line raw: [UInt8]) throws(Failure) -> SMTPReply? {
        guard raw.count <= Self.maximumLineLength else { throw .lineTooLong(limit: Self.maximumLineLength) }
        let line = String(decoding: raw, as: UTF8.self)
        // RFC 5321 4.2: Reply-code = %x32-35 %x30-35 %x30-39.
        guard raw.count >= 3, (0x32...0x35).contains(raw[0]), (0x30...0x35).contains(raw[1]),
              (0x30...0x39).contains(raw[2]), let lineCode = Int(line.prefix(3)) else {
            throw .malformedLine(Self.printable(line))
        }
        let separator: UInt8? = raw.count > 3 ? raw[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .malformedLine(Self.printable(line))
        }
        if let code, code != lineCode { throw .inconsistentCode(expected: code, got: lineCode) }
        code = lineCode
        // Kept as visible text (the one rule for untrusted text): the lines end up in
        // terminals, Nagios status lines and JSON that other tools show.
        lines.append(raw.count > 4 ? String(line.dropFirst(4)).escapingUntrustedCharacters : "")
        guard lines.count <= Self.maximumLines else { throw .tooManyLines(limit: Self.maximumLines) }
        if separator == UInt8(ascii: "-") { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        self.code = nil
        lines = []
        return reply
    }

    /// Whether a reply has begun and not yet ended.
    var isInsideReply: Bool { code != nil }

    /// A line made safe to show: control and format characters escaped, at most 120 characters.
    static func printable(_ text: String) -> String {
        let shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(120))).escapingUntrustedCharacters
        return text.unicodeScalars.count > 120 ? shown + "…" : shown
    }
}

/// What exactly broke the SMTP protocol, for `smtp.protocol_error`.
enum ProtocolFault: Hashable, Sendable {
    /// A greeting code that is none of 220, 421 and 554: the reply as it came.
    case unexpectedGreeting(String)
    /// A reply the parser refused.
    case reply(SMTPReplyParser.Failure)
    /// A reply, as it came, that the command of this phase cannot have.
    case unexpectedReply(SMTPPhase, String)
    /// What had arrived before the command of this phase was sent.
    case unsolicited(before: SMTPPhase, preview: String)
}
