internal import CSMTPProbeOpenSSL
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where trust anchors come from.
public enum TrustSource: Hashable, Sendable {
    /// The system's CA store (Debian: /etc/ssl/certs), as OpenSSL finds it by default.
    case system
    /// A PEM file of trust anchors, replacing the system store.
    case file(String)

    /// How a report names it.
    public var label: String {
        switch self {
        case .system: "system"
        case .file(let path): path
        }
    }
}

/// Stands for an `X509_STORE` of trust anchors (`X509_STORE_new`, freed with `X509_STORE_free`).
/// Read-only once loaded, so one store serves many concurrent verifications.
final class TrustStore: @unchecked Sendable {
    let pointer: OpaquePointer
    let source: TrustSource

    init(_ source: TrustSource) throws {
        guard let store = X509_STORE_new() else {
            throw SMTPProbeError(.invalidTrustStore, "OpenSSL could not create a certificate store",
                                 openSSLErrors: OpenSSLErrorQueue.drain())
        }
        pointer = store
        self.source = source
        OpenSSLErrorQueue.clear()
        switch source {
        case .system:
            guard X509_STORE_set_default_paths(store) == 1 else {
                throw SMTPProbeError(.invalidTrustStore, "cannot load the system's CA certificates",
                                     openSSLErrors: OpenSSLErrorQueue.drain())
            }
        case .file(let path):
            guard access(path, R_OK) == 0 else {
                throw SMTPProbeError(.unreadableFile, "cannot read the CA file \(path): \(String(cString: strerror(errno)))")
            }
            // Load through our own PEM reader first: it gives a clear error for a file that
            // holds no certificate, where X509_STORE_load_file would accept an empty one.
            let anchors = try PEMCertificateReader.certificates(inFile: path)
            for anchor in anchors where X509_STORE_add_cert(store, anchor.pointer) != 1 {
                throw SMTPProbeError(.invalidTrustStore, "cannot add a certificate from \(path) to the trust store",
                                     openSSLErrors: OpenSSLErrorQueue.drain())
            }
        }
        OpenSSLErrorQueue.clear()
    }

    deinit { X509_STORE_free(pointer) }
}
