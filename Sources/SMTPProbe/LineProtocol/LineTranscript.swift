internal import NIOCore

/// One event of a conversation as a transcript shows it: what an admin pastes into a ticket to
/// the server's provider. Every text the server sent is under the one rule for untrusted text
/// (``Swift/String/escapingUntrustedCharacters``); a secret the client sent is masked.
public struct TranscriptEntry: Codable, Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A line the client sent (without its CRLF).
        case sent
        /// A line the server sent (without its line ending).
        case received
        /// The client began the TLS handshake: what follows is encrypted on the wire.
        case tlsStarted = "tls_started"
        /// The handshake completed; the text names the version and cipher.
        case tlsEstablished = "tls_established"
        /// Bytes the server sent that were never read as a reply: after the go-ahead for TLS
        /// and before the handshake, or before the command they would have answered.
        case dropped
    }

    /// Milliseconds since the connection was established (one decimal).
    public var ms: Double
    public var kind: Kind
    /// The line, escaped; a masked part reads ``LineTranscript/mask``.
    public var text: String

    public init(ms: Double, kind: Kind, text: String) {
        self.ms = ms
        self.kind = kind
        self.text = text
    }
}

/// Collects a session's transcript as it happens; ``LineSessionHandler`` owns one when asked.
struct LineTranscript {
    /// What a masked secret reads in every output.
    static let mask = "********"
    /// Entries kept at most: a server that sends thousands of lines cannot grow the report
    /// without bound; the last entry then says the rest was left out.
    static let entryLimit = 500

    private let started: NIODeadline
    private(set) var entries: [TranscriptEntry] = []
    /// The last line received, which a protocol's masking rule may look at (SMTP's `334`).
    private(set) var lastReceived: [UInt8]?
    /// Applied to the server's lines before they are kept (the login test's credentials).
    var masking: (@Sendable (String) -> String)?

    init(started: NIODeadline = .now()) {
        self.started = started
    }

    mutating func record(_ kind: TranscriptEntry.Kind, _ text: String) {
        guard entries.count <= Self.entryLimit else { return }
        let ms = Double((NIODeadline.now() - started).nanoseconds / 100_000) / 10
        if entries.count == Self.entryLimit {
            entries.append(TranscriptEntry(ms: ms, kind: .dropped, text: "(transcript cut at \(Self.entryLimit) entries)"))
            return
        }
        entries.append(TranscriptEntry(ms: ms, kind: kind, text: text))
    }

    mutating func received(_ line: [UInt8]) {
        lastReceived = line
        record(.received, shown(line))
    }

    /// Bytes that were not read as lines, shown as one text with their line breaks escaped.
    mutating func dropped(_ bytes: [UInt8]) {
        record(.dropped, shown(bytes))
    }

    /// A command as it is shown: `secret` masks all but its first word.
    static func masked(_ command: String, secret: Bool) -> String {
        guard secret else { return command.escapingUntrustedCharacters }
        guard let space = command.firstIndex(of: " ") else { return mask }
        return String(command[..<space]).escapingUntrustedCharacters + " " + mask
    }

    /// The server's bytes as shown, masked before they are escaped: a password holding a
    /// character the escaping rewrites would not be found in the escaped text.
    private func shown(_ bytes: [UInt8]) -> String {
        guard let masking else { return Self.shown(bytes) }
        return masking(String(decoding: bytes, as: UTF8.self)).escapingUntrustedCharacters
    }

    static func shown(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).escapingUntrustedCharacters
    }
}
