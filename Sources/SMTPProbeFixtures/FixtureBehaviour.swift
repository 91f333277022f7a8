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
    public var stall: Stall?
    /// Answers EHLO with 502, HELO with 250: a server without ESMTP.
    public var withoutESMTP = false
    /// Sends this many bytes of one greeting line without ever ending it.
    public var oversizedGreeting: Int?
    /// TLS from the first byte, as on port 465, instead of STARTTLS.
    public var implicitTLS = false
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
