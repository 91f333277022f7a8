internal import CSMTPProbeOpenSSL

/// What DANE's TLSA records are matched against (RFC 6698 §2.1.2, §2.1.3): a certificate's
/// DER or its SubjectPublicKeyInfo's, as they are or through SHA-256 / SHA-512.
extension X509Certificate {
    /// The DER encoding of the SubjectPublicKeyInfo (`i2d_X509_PUBKEY` of `X509_get_X509_PUBKEY`):
    /// what a TLSA record with selector 1 stands for. Empty if OpenSSL cannot encode it.
    var subjectPublicKeyInfoDER: [UInt8] {
        guard let key = X509_get_X509_PUBKEY(pointer) else { return [] }
        return Self.der { i2d_X509_PUBKEY(key, $0) }
    }

    /// The digests TLSA matching types 1 and 2 name.
    enum Digest {
        case sha256, sha512
    }

    /// `bytes` through `digest` (`EVP_Digest`); empty if OpenSSL fails.
    static func digest(_ bytes: [UInt8], _ digest: Digest) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let type = digest == .sha256 ? EVP_sha256() : EVP_sha512()
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, type, nil)
        }
        return ok == 1 ? Array(output.prefix(Int(length))) : []
    }
}
