#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A user name and password for the opt-in login test. The password is kept only here: it is
/// never encoded, printed or described (``description`` masks it), and a conversation sends it
/// only inside TLS whose certificate checks passed.
public struct LoginCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let user: String
    let password: String

    /// Refuses a user name or password that could not be sent as one line: a CR, LF, NUL or
    /// other control character would end the command early and start another one. The error
    /// never repeats the password.
    public init(user: String, password: String) throws {
        guard !user.isEmpty, !user.unicodeScalars.contains(where: Self.isForbidden) else {
            throw SMTPProbeError(.invalidOption, "--login: the user name is empty or holds a control character (escaped: \(user.escapingUntrustedCharacters))")
        }
        guard !password.isEmpty, !password.unicodeScalars.contains(where: Self.isForbidden) else {
            throw SMTPProbeError(.invalidOption, "the password is empty or holds a control character (a line break, NUL or tab); it is not shown")
        }
        self.user = user
        self.password = password
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7f
    }

    /// The password in `path`: the file's first line, without its line ending. At most 4 KiB.
    public static func password(fromFile path: String) throws -> String {
        let bytes = try InputFile.read(path, limit: 4096, what: "the password file", tooLarge: .unreadableFile,
                                       because: "a password file holds one line")
        let line = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
        // Decoding with replacement would send another password than the file's: refused.
        guard let password = String(validating: text, as: UTF8.self) else {
            throw SMTPProbeError(.invalidOption, "\(path.escapingUntrustedCharacters): the password file is not UTF-8 text; it is not shown")
        }
        return password
    }

    public var description: String { "\(user) (password not shown)" }
    public var debugDescription: String { description }

    /// SASL PLAIN's initial response (RFC 4616): NUL, user, NUL, password, in base64.
    var saslPlain: String {
        Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString()
    }
}

/// What the login test established: whether the server accepted the credentials, its words,
/// and the mailbox size where one command gives it. Never the password.
public struct LoginOutcome: Codable, Hashable, Sendable {
    public var user: String
    /// How the credentials were sent: `AUTH PLAIN`, `AUTH LOGIN`, `USER/PASS`, `LOGIN`.
    public var mechanism: String
    public var succeeded: Bool
    /// The server's answer to the credentials, made printable (never an echo of them).
    public var reply: String?
    /// Messages in the mailbox (POP3 STAT, IMAP STATUS INBOX), when read.
    public var messages: Int?
    /// The mailbox's size in octets (POP3 STAT), when read.
    public var octets: Int?

    enum CodingKeys: String, CodingKey {
        case user, mechanism, succeeded, reply, messages, octets
    }

    init(user: String, mechanism: String, succeeded: Bool = false, reply: String? = nil) {
        self.user = user
        self.mechanism = mechanism
        self.succeeded = succeeded
        self.reply = reply
    }
}

/// Why the login test was not run although it was asked for.
public enum LoginSkipReason: String, Codable, Hashable, Sendable {
    /// The certificate checks failed (and no route option relaxed them): the password is
    /// sent only to a server whose certificate is verified.
    case certificateNotVerified = "certificate_not_verified"
    /// The conversation never reached TLS, so the password would have gone in clear.
    case noTLS = "no_tls"
    /// The server offered no mechanism this probe sends a password with.
    case noMechanism = "no_mechanism"
}

extension LoginCredentials {
    /// SASL LOGIN's two answers: the user name and the password, each in base64.
    var saslLoginUser: String { Data(user.utf8).base64EncodedString() }
    var saslLoginPassword: String { Data(password.utf8).base64EncodedString() }

    /// A server's answer to the credentials with the password, and each base64 form this
    /// probe sends it in, masked: a server that echoes them back (a careless proxy, a hostile
    /// server) must not put them into a report pasted into a ticket. The longest form first,
    /// so that a password inside a base64 form cannot leave the rest of that form behind.
    /// The password's escaped form too: a reply is kept as printable text, escaped before it
    /// is masked, and a password may hold a character the escaping rewrites.
    func masking(_ reply: String) -> String {
        [saslPlain, saslLoginPassword, password, password.escapingUntrustedCharacters]
            .reduce(reply) { $0.replacing($1, with: "********") }
    }
}

/// Whether a conversation may send the password now that TLS is up: the engine judges the
/// server's certificate as the route's options say, before any credential leaves.
struct LoginPlan: Sendable {
    var credentials: LoginCredentials
    /// Nil when the password may be sent; otherwise why not.
    var gate: @Sendable (TLSSessionInfo) -> LoginSkipReason?
}
