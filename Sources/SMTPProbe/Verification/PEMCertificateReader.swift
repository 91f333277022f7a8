internal import CSMTPProbeOpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads certificates from PEM (or a single DER certificate) with limits, so that a hostile or
/// mistaken file ends in a clear error in bounded time.
enum PEMCertificateReader {
    static let maximumFileSize = 4 * 1024 * 1024
    static let maximumCertificates = 100

    static func certificates(inFile path: String) throws -> [X509Certificate] {
        let bytes = try InputFile.read(path, limit: maximumFileSize, what: "the certificate file",
                                       tooLarge: .invalidCertificate,
                                       because: "a certificate file is at most a few KiB (limit 4 MiB)")
        return try certificates(in: bytes, name: path)
    }

    /// Every certificate in `bytes`, in file order (`PEM_read_bio_X509`, or `d2i_X509` for DER).
    static func certificates(in bytes: [UInt8], name: String) throws -> [X509Certificate] {
        guard !bytes.isEmpty else { throw SMTPProbeError(.invalidCertificate, "\(name) is empty") }
        guard bytes.count <= maximumFileSize else {
            throw SMTPProbeError(.invalidCertificate, "\(name) is too large to be a certificate file")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if !text.contains("-----BEGIN") {
            return [try der(bytes, name: name)]
        }
        guard text.contains("-----BEGIN CERTIFICATE-----") || text.contains("-----BEGIN TRUSTED CERTIFICATE-----") else {
            if text.contains("PRIVATE KEY-----") {
                throw SMTPProbeError(.invalidCertificate, "\(name) holds a private key, not a certificate")
            }
            throw SMTPProbeError(.invalidCertificate, "\(name) holds no PEM certificate")
        }
        OpenSSLErrorQueue.clear()
        guard let bio = bytes.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw SMTPProbeError(.invalidCertificate, "cannot read \(name)", openSSLErrors: OpenSSLErrorQueue.drain())
        }
        defer { BIO_free(bio) }
        var certificates: [X509Certificate] = []
        while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
            certificates.append(X509Certificate(adopting: x509))
            if certificates.count > maximumCertificates {
                throw SMTPProbeError(.invalidCertificate,
                    "\(name) holds more than \(maximumCertificates) certificates; a server chain has a handful")
            }
        }
        let errors = OpenSSLErrorQueue.drain()
        // Running out of PEM blocks is the normal end; anything else is a damaged block.
        let damaged = errors.filter { $0.reasonCode != PEM_R_NO_START_LINE }
        if certificates.isEmpty || !damaged.isEmpty {
            throw SMTPProbeError(.invalidCertificate,
                "\(name) holds a damaged or truncated certificate after \(certificates.count) good one(s)",
                openSSLErrors: damaged)
        }
        return certificates
    }

    private static func der(_ bytes: [UInt8], name: String) throws -> X509Certificate {
        OpenSSLErrorQueue.clear()
        let x509 = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let x509 else {
            throw SMTPProbeError(.invalidCertificate, "\(name) is neither PEM nor a DER certificate",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        return X509Certificate(adopting: x509)
    }
}
