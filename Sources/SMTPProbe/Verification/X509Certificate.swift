internal import CSMTPProbeOpenSSL
internal import CSMTPProbeShims
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Stands for one `X509` (freed with `X509_free`). Only read after creation, so it may cross
/// threads.
final class X509Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes a new reference to `pointer` (`X509_up_ref`).
    init(retaining pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.pointer = pointer
    }

    /// Adopts a reference the caller owns.
    init(adopting pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { X509_free(pointer) }

    /// The subject as an RFC 2253 string (`X509_NAME_print_ex`), shown escaped.
    var subject: String { Self.name(X509_get_subject_name(pointer)) }
    /// The issuer as an RFC 2253 string (`X509_NAME_print_ex`), shown escaped.
    var issuer: String { Self.name(X509_get_issuer_name(pointer)) }

    /// The subject's commonName values (`X509_NAME_get_index_by_NID(NID_commonName)`).
    var commonNames: [String] {
        guard let name = X509_get_subject_name(pointer) else { return [] }
        var names: [String] = []
        var index: Int32 = -1
        while true {
            index = X509_NAME_get_index_by_NID(name, NID_commonName, index)
            if index < 0 { break }
            guard let entry = X509_NAME_get_entry(name, index),
                  let data = X509_NAME_ENTRY_get_data(entry) else { continue }
            var utf8: UnsafeMutablePointer<UInt8>?
            let length = ASN1_STRING_to_UTF8(&utf8, data)
            if length >= 0, let utf8 {
                // Escaped: a name is shown in reports, and no name with a control or
                // format character can match a route host anyway.
                names.append(String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
                    .escapingUntrustedCharacters)
                CSMTPProbe_OPENSSL_free(utf8)
            }
        }
        return names
    }

    /// The subjectAltName entries, or nil when the certificate has no such extension.
    var subjectAltNames: SubjectAltNames? {
        var critical: Int32 = 0
        guard let names = CSMTPProbe_san_get(pointer, &critical) else { return nil }
        defer { CSMTPProbe_san_free(names) }
        var result = SubjectAltNames()
        for index in 0..<CSMTPProbe_san_count(names) {
            var data: UnsafePointer<UInt8>?
            var length: Int32 = 0
            let kind = CSMTPProbe_san_entry(names, index, &data, &length)
            guard let data, length >= 0 else { continue }
            let bytes = Array(UnsafeBufferPointer(start: data, count: Int(length)))
            switch kind {
            case CSMTPProbeSANDNS:
                // Escaped like the CN: a dNSName is IA5 (ASCII), and one that is not cannot
                // match anyway; it is only shown.
                result.dnsNames.append(String(decoding: bytes, as: UTF8.self).escapingUntrustedCharacters)
            case CSMTPProbeSANIP:
                if let address = IPAddress(bytes: bytes) { result.ipAddresses.append(address) }
            default: result.otherCount += 1
            }
        }
        return result
    }

    var notBefore: Date? { Self.date(X509_get0_notBefore(pointer)) }
    var notAfter: Date? { Self.date(X509_get0_notAfter(pointer)) }

    /// Whether basicConstraints says CA (`X509_check_ca`).
    var isCA: Bool { X509_check_ca(pointer) != 0 }

    /// The basicConstraints path length: how many CA certificates may follow it towards the
    /// leaf; nil when it sets none (`X509_get_pathlen`).
    var pathLengthConstraint: Int? {
        let length = X509_get_pathlen(pointer)
        return length < 0 ? nil : Int(length)
    }

    /// Whether the certificate is signed by its own key (`X509_self_signed`).
    var isSelfSigned: Bool { X509_self_signed(pointer, 1) == 1 }

    /// The public key's algorithm and size (`X509_get0_pubkey`, `EVP_PKEY_get_bits`).
    var publicKey: PublicKeyInfo {
        guard let key = X509_get0_pubkey(pointer) else { return PublicKeyInfo(algorithm: .unknown, bits: 0, curve: nil) }
        let bits = Int(EVP_PKEY_get_bits(key))
        let algorithm: PublicKeyInfo.Algorithm
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: algorithm = .rsa
        case EVP_PKEY_EC: algorithm = .ec
        case EVP_PKEY_ED25519, EVP_PKEY_ED448: algorithm = .eddsa
        case EVP_PKEY_DSA: algorithm = .dsa
        default: algorithm = .unknown
        }
        var curve: String?
        if algorithm == .ec {
            var buffer = [CChar](repeating: 0, count: 80)
            var length = 0
            if EVP_PKEY_get_group_name(key, &buffer, buffer.count, &length) == 1 {
                curve = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return PublicKeyInfo(algorithm: algorithm, bits: bits, curve: curve)
    }

    /// The signature algorithm's long name, e.g. `sha256WithRSAEncryption` (`X509_get_signature_nid`, `OBJ_nid2ln`).
    var signatureAlgorithm: String {
        let nid = X509_get_signature_nid(pointer)
        return OBJ_nid2ln(nid).map { String(cString: $0) } ?? "unknown"
    }

    /// The digest inside the signature algorithm, lower-case (`OBJ_find_sigid_algs`).
    var signatureDigest: String? {
        var digestNID: Int32 = 0
        var keyNID: Int32 = 0
        guard OBJ_find_sigid_algs(X509_get_signature_nid(pointer), &digestNID, &keyNID) == 1,
              digestNID != NID_undef, let name = OBJ_nid2sn(digestNID) else { return nil }
        return String(cString: name).lowercased()
    }

    /// The SHA-256 fingerprint of the DER encoding, as colon-separated hex (`X509_digest`).
    var sha256Fingerprint: String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(pointer, EVP_sha256(), &digest, &length) == 1 else { return "" }
        // By hand, not with a formatter: this runs for every certificate of every probe.
        let hex = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(Int(length) * 3)
        for byte in digest.prefix(Int(length)) {
            if !text.isEmpty { text.append(UInt8(ascii: ":")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The DER encoding (`i2d_X509`).
    var derBytes: [UInt8] { Self.der { i2d_X509(pointer, $0) } }

    /// What an OpenSSL `i2d_*` encoder writes: asked once for the length (no output), then
    /// once more into a buffer of that length. Empty when it cannot encode.
    static func der(_ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8] {
        let length = encode(nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = encode(&cursor)
        }
        return bytes
    }

    /// OpenSSL writes the RFC 2253 structure (a literal backslash doubled, `\,` inside a
    /// value) and the characters as UTF-8; control and format characters are left to the one
    /// rule for untrusted text, so a subject shows them as a reply or a SAN does (OpenSSL's
    /// own `\1B` would be a second style, and it leaves C1 and bidi characters alone).
    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        let flags = CSMTPProbe_XN_FLAG_RFC2253() & ~CSMTPProbe_ASN1_STRFLGS_ESC_MSB() & ~CSMTPProbe_ASN1_STRFLGS_ESC_CTRL()
        guard X509_NAME_print_ex(bio, name, 0, flags) >= 0 else { return "" }
        var data: UnsafeMutablePointer<CChar>?
        let length = CSMTPProbe_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            .escapingUntrustedCharacters(backslashes: .alreadyQuoted)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        var seconds: Int64 = 0
        guard let time, CSMTPProbe_ASN1_TIME_to_unix(time, &seconds) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// The names in a subjectAltName extension that matter for a mail server.
struct SubjectAltNames: Sendable, Hashable {
    var dnsNames: [String] = []
    var ipAddresses: [IPAddress] = []
    /// Entries of other kinds (e-mail, URI, ...), which never match a host.
    var otherCount = 0
}

/// A public key's algorithm and size.
public struct PublicKeyInfo: Codable, Hashable, Sendable {
    public enum Algorithm: String, Codable, Sendable {
        case rsa = "RSA", ec = "EC", eddsa = "EdDSA", dsa = "DSA", unknown
    }

    public var algorithm: Algorithm
    public var bits: Int
    /// The curve of an EC key, e.g. `prime256v1`.
    public var curve: String?

    /// e.g. `RSA 2048` or `EC 256 (prime256v1)`.
    public var label: String {
        var text = "\(algorithm.rawValue) \(bits)"
        if let curve { text += " (\(curve))" }
        return text
    }
}
