internal import CSMTPProbeOpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A DKIM key record (RFC 6376 §3.6.1) at `SELECTOR._domainkey.DOMAIN`, read as a tag list: a
/// fact of DNS, judged by Checks/DKIM.
struct DKIMKeyRecord: Hashable, Sendable {
    enum Key: Hashable, Sendable {
        /// `p=` empty: the key is revoked (§3.6.1).
        case revoked
        /// An RSA key of this many bits.
        case rsa(bits: Int)
        /// `k=ed25519` (RFC 8463): a fixed 256-bit key, no size to judge.
        case ed25519
    }

    var text: String
    var key: Key

    /// Parses a key record; the error names the tag at fault.
    static func parse(_ text: String) -> Result<DKIMKeyRecord, DKIMSyntaxError> {
        var tags: [String: String] = [:]
        var first = true
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return .failure(DKIMSyntaxError(tag: trimmed, reason: .notATag)) }
            let name = trimmed[..<equals].trimmingWhitespace()
            guard tags[name] == nil else { return .failure(DKIMSyntaxError(tag: trimmed, reason: .repeated)) }
            let value = trimmed[trimmed.index(after: equals)...].trimmingWhitespace()
            // v=, when present, must be first and DKIM1 (§3.6.1).
            if name == "v", !first || value != "DKIM1" { return .failure(DKIMSyntaxError(tag: trimmed, reason: .invalidValue)) }
            tags[name] = value
            first = false
        }
        guard let p = tags["p"] else { return .failure(DKIMSyntaxError(tag: "p=", reason: .missingKey)) }
        // Base64 may be folded with whitespace inside the value (§3.6.1's FWS).
        let base64 = String(p.filter { $0 != " " && $0 != "\t" })
        if base64.isEmpty { return .success(DKIMKeyRecord(text: text, key: .revoked)) }
        guard let der = Data(base64Encoded: base64) else { return .failure(DKIMSyntaxError(tag: "p=", reason: .invalidKey)) }
        switch tags["k"]?.lowercased() ?? "rsa" {
        case "rsa":
            guard let bits = RSAPublicKey(der: [UInt8](der))?.bits else { return .failure(DKIMSyntaxError(tag: "p=", reason: .invalidKey)) }
            return .success(DKIMKeyRecord(text: text, key: .rsa(bits: bits)))
        case "ed25519":
            guard der.count == 32 else { return .failure(DKIMSyntaxError(tag: "p=", reason: .invalidKey)) }
            return .success(DKIMKeyRecord(text: text, key: .ed25519))
        default:
            return .failure(DKIMSyntaxError(tag: "k=\(tags["k"] ?? "")", reason: .invalidValue))
        }
    }
}

/// Why a DKIM key record cannot be read.
struct DKIMSyntaxError: Error, Hashable, Sendable {
    var tag: String
    var reason: DKIMSyntaxReason
}

enum DKIMSyntaxReason: Hashable, Sendable {
    case notATag, repeated, missingKey, invalidKey, invalidValue
}

/// An RSA public key read from DER SubjectPublicKeyInfo (`d2i_PUBKEY`), freed with
/// `EVP_PKEY_free` when it goes.
final class RSAPublicKey {
    private let pointer: OpaquePointer

    init?(der: [UInt8]) {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else {
            ERR_clear_error()
            return nil
        }
        pointer = key
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else { return nil }
    }

    deinit { EVP_PKEY_free(pointer) }

    /// The modulus size in bits (`EVP_PKEY_get_bits`).
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }
}

/// What a DKIM key lookup found at `SELECTOR._domainkey.DOMAIN`.
struct DKIMEvaluation: Sendable {
    enum Outcome: Sendable {
        case record(DKIMKeyRecord)
        /// No TXT record there (or none that is a key record).
        case none
        case invalid(text: String, error: DKIMSyntaxError)
        case failed(DNSFailureReason)
    }

    var domain: String
    var selector: String
    var outcome: Outcome

    var name: String { "\(selector)._domainkey.\(domain)" }

    /// Looks up the key of `selector` through `txt`, any resolver's TXT lookup.
    static func evaluate(domain: String, selector: String, txt: @Sendable (String) async -> TXTLookup) async -> DKIMEvaluation {
        let domain = SPFDomainSpec.normalise(domain), selector = selector.lowercased()
        var evaluation = DKIMEvaluation(domain: domain, selector: selector, outcome: .none)
        switch await txt(evaluation.name) {
        case .nodata, .nxdomain: break
        case .failure(let reason): evaluation.outcome = .failed(reason)
        case .records(let texts):
            // Several TXT records at one selector: the first that reads as a key is used, as
            // verifiers do (RFC 6376 §3.6.2.2 leaves the choice open).
            var firstError: (String, DKIMSyntaxError)?
            for text in texts {
                switch DKIMKeyRecord.parse(text) {
                case .success(let record):
                    evaluation.outcome = .record(record)
                    return evaluation
                case .failure(let error): firstError = firstError ?? (text, error)
                }
            }
            if let (text, error) = firstError { evaluation.outcome = .invalid(text: text, error: error) }
        }
        return evaluation
    }
}
