internal import CSMTPProbeOpenSSL

/// Why a TLS handshake failed, as far as the checks above need to tell: OpenSSL's `SSL_R_*`
/// reason numbers are read here and nowhere else.
enum HandshakeFailureReason: Hashable, Sendable {
    /// No protocol version both sides can use (`SSL_R_UNSUPPORTED_PROTOCOL`,
    /// `SSL_R_TLSV1_ALERT_PROTOCOL_VERSION`, `SSL_R_NO_PROTOCOLS_AVAILABLE`, `SSL_R_VERSION_TOO_LOW`).
    case noCommonProtocolVersion
    /// Anything else: OpenSSL's own words tell it.
    case other

    /// The reason a failed handshake's error queue shows: a version mismatch anywhere in it
    /// decides, since OpenSSL may add more general errors after it.
    init(_ errors: [OpenSSLErrorEntry]) {
        let versionReasons: Set<Int32> = [SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
                                          SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_VERSION_TOO_LOW]
        self = errors.contains { versionReasons.contains($0.reasonCode) } ? .noCommonProtocolVersion : .other
    }
}
