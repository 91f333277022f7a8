/// How the fixture SMTP server behaves: a well-configured server by default, or one of the
/// misbehaviours mail admins meet in the field.
public struct FixtureBehaviour: Sendable {
    /// Where a misbehaving server stops answering.
    public enum Stall: Sendable {
        case beforeGreeting
        case afterEHLO
        case afterSTARTTLS
        /// Says "220 ready to start TLS", then never speaks TLS.
        case duringHandshake
    }

    public var certificate: FixtureCertificate = .good
    /// The greeting lines; the code of the first is used for all.
    public var greeting: [String] = ["220 mx.test.example ESMTP smtp-probe fixture"]
    public var offersSTARTTLS = true
    /// A reply to STARTTLS other than 220, e.g. "454 4.7.0 TLS not available".
    public var starttlsReply: String?
    /// Bytes sent right after "220 ready to start TLS", in the same write.
    public var injectAfterSTARTTLS: String?
    /// Bytes sent after "220 ready to start TLS" in a write of their own, once the client's
    /// handshake has begun (an injector slower than the server); then the server goes quiet.
    public var lateInjectAfterSTARTTLS: String?
    public var stall: Stall?
    /// Answers EHLO with 502, HELO with 250: a server without ESMTP.
    public var withoutESMTP = false
    /// A reply to EHLO instead of the extensions, e.g. "450 4.7.1 Try again later".
    public var ehloReply: String?
    /// A reply to HELO instead of 250, e.g. "554 5.7.1 Go away".
    public var heloReply: String?
    /// Sends this many bytes of one greeting line without ever ending it.
    public var oversizedGreeting: Int?
    /// Accepts the connection and resets it at once (RST, not FIN), as an overloaded or
    /// filtering server may.
    public var resetOnAccept = false
    /// TLS from the first byte, as on port 465, instead of STARTTLS.
    public var implicitTLS = false
    /// The greeting as these writes, sent exactly as given (no CRLF added), with a pause
    /// between them so that each arrives in a segment of its own.
    public var greetingChunks: [String]?
    /// Sent in the same write as the greeting: a reply to a command not yet sent.
    public var unpromptedAfterGreeting: String?
    /// Sent in the same write as the EHLO reply after TLS: a line no command asked for.
    public var unpromptedAfterTLSEHLO: String?
    /// The reply to QUIT instead of "221 2.0.0 Bye".
    public var quitReply: String?
    /// Greets again, unprompted, as soon as the STARTTLS handshake is done.
    public var greetsAgainAfterTLS = false
    /// Still lists STARTTLS in its EHLO reply after TLS (RFC 3207 §4.2 forbids it).
    public var offersSTARTTLSAfterTLS = false
    /// Requires a client certificate (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT), as a
    /// server that accepts only known clients does.
    public var requiresClientCertificate = false
    /// The highest TLS version spoken, e.g. `.tlsv1` for a server stuck on TLS 1.0.
    public var maximumTLSVersion: FixtureTLSVersion?

    public init(certificate: FixtureCertificate = .good) {
        self.certificate = certificate
    }
}

/// TLS versions a fixture server can be limited to.
public enum FixtureTLSVersion: Sendable {
    case tlsv1, tlsv1_1, tlsv1_2
}
