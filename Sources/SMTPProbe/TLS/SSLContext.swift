internal import CSMTPProbeOpenSSL
internal import CSMTPProbeShims

/// Stands for an `SSL_CTX` (`SSL_CTX_new`, freed with `SSL_CTX_free`).
///
/// The client context accepts every protocol version and cipher OpenSSL still has, at security
/// level 0, and does no verification during the handshake: smtp-probe wants the handshake to
/// complete so that it can show the chain and judge the version, the keys and the names itself.
package final class SSLContext: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(method: OpaquePointer) throws {
        guard let ctx = SSL_CTX_new(method) else {
            throw SMTPProbeError(.tlsSetupFailed, "OpenSSL could not create a TLS context",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        pointer = ctx
        SSL_CTX_set_security_level(ctx, 0)
        _ = SSL_CTX_set_options(ctx, CSMTPProbe_SSL_OP_ALL() | CSMTPProbe_SSL_OP_NO_COMPRESSION()
            | CSMTPProbe_SSL_OP_IGNORE_UNEXPECTED_EOF())
        // Everything OpenSSL can still speak, so that an old server is described, not refused.
        _ = SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0")
        _ = CSMTPProbe_SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION)
    }

    deinit { SSL_CTX_free(pointer) }

    /// The client context every prober of the process shares. OpenSSL 3 spends a millisecond
    /// or two in `SSL_CTX_new` loading its configuration and fetching its algorithms, a tenth
    /// of a whole probe, so the context is made once, and ``SMTPProber/prepare()`` can make it
    /// on another thread while the command line is still being parsed. The client context is
    /// never changed after it is made, so sharing it is safe.
    static let sharedClient = Result<SSLContext, any Error> { try makeClient() }

    /// A context for probing servers.
    static func makeClient() throws -> SSLContext {
        let context = try SSLContext(method: TLS_client_method())
        SSL_CTX_set_verify(context.pointer, SSL_VERIFY_NONE, nil)
        return context
    }

    /// A context for the fixture server: serves `chainFile` (leaf first) with `keyFile`, and
    /// speaks at most `maximumVersion` when one is given (for servers stuck on an old protocol),
    /// and refuses clients without a certificate when `requireClientCertificate` is set.
    package static func makeServer(chainFile: String, keyFile: String, maximumVersion: TLSProtocolVersion? = nil,
                                   requireClientCertificate: Bool = false) throws -> SSLContext {
        let context = try SSLContext(method: TLS_server_method())
        guard SSL_CTX_use_certificate_chain_file(context.pointer, chainFile) == 1 else {
            throw SMTPProbeError(.invalidCertificate, "cannot load the certificate chain \(chainFile)",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        guard SSL_CTX_use_PrivateKey_file(context.pointer, keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw SMTPProbeError(.invalidCertificate, "cannot load the private key \(keyFile)",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        if let maximumVersion {
            _ = CSMTPProbe_SSL_CTX_set_max_proto_version(context.pointer, maximumVersion.rawValue)
        }
        if requireClientCertificate {
            SSL_CTX_set_verify(context.pointer, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
        return context
    }
}

/// The TLS protocol versions smtp-probe can name.
public struct TLSProtocolVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// OpenSSL's numeric version (`TLS1_2_VERSION`, ...).
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let sslv3 = TLSProtocolVersion(rawValue: SSL3_VERSION)
    public static let tlsv1 = TLSProtocolVersion(rawValue: TLS1_VERSION)
    public static let tlsv1_1 = TLSProtocolVersion(rawValue: TLS1_1_VERSION)
    public static let tlsv1_2 = TLSProtocolVersion(rawValue: TLS1_2_VERSION)
    public static let tlsv1_3 = TLSProtocolVersion(rawValue: TLS1_3_VERSION)

    /// The name mail admins read in server configurations, e.g. `TLS 1.2`.
    public var description: String {
        switch rawValue {
        case SSL3_VERSION: "SSL 3.0"
        case TLS1_VERSION: "TLS 1.0"
        case TLS1_1_VERSION: "TLS 1.1"
        case TLS1_2_VERSION: "TLS 1.2"
        case TLS1_3_VERSION: "TLS 1.3"
        default: "unknown (0x\(String(rawValue, radix: 16)))"
        }
    }

    public static func < (lhs: TLSProtocolVersion, rhs: TLSProtocolVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}
