internal import CSMTPProbeOpenSSL
internal import CSMTPProbeShims
internal import NIOCore

/// Stands for one `SSL` object wired to two memory BIOs (`SSL_new`, `BIO_new(BIO_s_mem())`,
/// `SSL_set_bio`; `SSL_free` frees all three). Bytes from the network are written into one BIO,
/// bytes for the network are read out of the other; the socket belongs to SwiftNIO.
final class SSLConnection {
    enum Step {
        case done
        case wantsMoreInput
        case closed
        case failed([OpenSSLErrorEntry])
    }

    private let ssl: OpaquePointer
    private let fromNetwork: OpaquePointer
    private let toNetwork: OpaquePointer
    /// Keeps the `SSL_CTX` alive for as long as the `SSL` uses it.
    private let context: SSLContext

    init(context: SSLContext, isClient: Bool, serverName: String?) throws {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.pointer),
              let fromNetwork = BIO_new(BIO_s_mem()),
              let toNetwork = BIO_new(BIO_s_mem())
        else {
            throw SMTPProbeError(.tlsSetupFailed, "OpenSSL could not create a TLS connection",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        self.ssl = ssl
        self.fromNetwork = fromNetwork
        self.toNetwork = toNetwork
        self.context = context
        SSL_set_bio(ssl, fromNetwork, toNetwork)
        if isClient {
            SSL_set_connect_state(ssl)
            CSMTPProbe_SSL_watch_certificate_request(ssl)
            if let serverName {
                _ = CSMTPProbe_SSL_set_tlsext_host_name(ssl, serverName)
            }
        } else {
            SSL_set_accept_state(ssl)
        }
    }

    deinit { SSL_free(ssl) }

    /// Hands bytes that arrived from the network to OpenSSL (`BIO_write`).
    func receive(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            _ = BIO_write(fromNetwork, base, Int32(bytes.count))
        }
    }

    /// Takes what OpenSSL wants sent (`BIO_read` on the outgoing memory BIO).
    func takeOutput(allocator: ByteBufferAllocator) -> ByteBuffer? {
        let pending = Int(BIO_ctrl_pending(toNetwork))
        guard pending > 0 else { return nil }
        var buffer = allocator.buffer(capacity: pending)
        let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { bytes in
            Int(max(0, BIO_read(toNetwork, bytes.baseAddress, Int32(pending))))
        }
        return read > 0 ? buffer : nil
    }

    /// Advances the handshake (`SSL_do_handshake`).
    func handshake() -> Step {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return .done }
        return step(for: result)
    }

    /// Decrypts what has arrived so far (`SSL_read`), appending it to `buffer`.
    func read(into buffer: inout ByteBuffer) -> Step {
        while true {
            OpenSSLErrorQueue.clear()
            var result: Int32 = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { bytes in
                result = SSL_read(ssl, bytes.baseAddress, Int32(bytes.count))
                return Int(max(0, result))
            }
            if result <= 0 {
                return step(for: result)
            }
        }
    }

    /// Encrypts `buffer` (`SSL_write`); the ciphertext is then waiting in ``takeOutput(allocator:)``.
    func write(_ buffer: ByteBuffer) -> Step {
        OpenSSLErrorQueue.clear()
        let result: Int32 = buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return 1 }
            return SSL_write(ssl, base, Int32(bytes.count))
        }
        return result > 0 ? .done : step(for: result)
    }

    /// Sends close_notify (`SSL_shutdown`).
    func shutdown() {
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }

    private func step(for result: Int32) -> Step {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .wantsMoreInput
        case SSL_ERROR_ZERO_RETURN:
            return .closed
        default:
            return .failed(OpenSSLErrorQueue.drain())
        }
    }

    /// Whether `errors` (from a failed handshake or read) are the server's refusal of a client
    /// without a certificate: alert 116, certificate_required (TLS 1.3), or a handshake_failure
    /// alert after the server sent CertificateRequest (TLS 1.2, which has no alert of its own
    /// for it; `CSMTPProbe_SSL_certificate_requested`).
    func clientCertificateRequired(_ errors: [OpenSSLErrorEntry]) -> Bool {
        let reasons = Set(errors.map(\.reasonCode))
        return reasons.contains(SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED)
            || (reasons.contains(SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE) && CSMTPProbe_SSL_certificate_requested(ssl) != 0)
    }

    /// What was agreed in the handshake, and the certificates the peer sent in the order it sent them.
    func sessionInfo() -> TLSSessionInfo {
        let version = TLSProtocolVersion(rawValue: SSL_version(ssl))
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
        let groupID = CSMTPProbe_SSL_get_negotiated_group(ssl)
        var group: String?
        if groupID != 0, let name = SSL_group_to_name(ssl, groupID) {
            group = String(cString: name)
        }
        var chain: [X509Certificate] = []
        if let stack = SSL_get_peer_cert_chain(ssl) {
            for index in 0..<CSMTPProbe_sk_X509_num(stack) {
                if let cert = CSMTPProbe_sk_X509_value(stack, index) {
                    chain.append(X509Certificate(retaining: cert))
                }
            }
        }
        return TLSSessionInfo(version: version, cipher: cipher, group: group, peerChain: chain)
    }
}

/// What a completed handshake agreed on.
struct TLSSessionInfo: Sendable {
    var version: TLSProtocolVersion
    var cipher: String?
    var group: String?
    /// As sent by the server: leaf first.
    var peerChain: [X509Certificate]
}
