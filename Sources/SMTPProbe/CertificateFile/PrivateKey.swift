internal import CSMTPProbeOpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Stands for an `EVP_PKEY` read from a PEM file (`PEM_read_bio_PrivateKey`, freed with
/// `EVP_PKEY_free`). Only used to ask whether it belongs to a certificate.
final class PrivateKey {
    let pointer: OpaquePointer

    init(file path: String) throws {
        let bytes = try InputFile.read(path, limit: PEMCertificateReader.maximumFileSize, what: "the key file",
                                       tooLarge: .invalidCertificate, because: "a key file is a few KiB (limit 4 MiB)")
        OpenSSLErrorQueue.clear()
        let key: OpaquePointer? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else {
            throw SMTPProbeError(.invalidCertificate, "\(path) holds no unencrypted PEM private key",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        pointer = key
    }

    deinit { EVP_PKEY_free(pointer) }

    /// Whether this key is the private half of `certificate`'s public key (`X509_check_private_key`).
    func matches(_ certificate: X509Certificate) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        return X509_check_private_key(certificate.pointer, pointer) == 1
    }
}
