#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The certificate checks: the chain a server sent (or a file holds), its dates, its keys and
/// signatures, and whether it names the host. Judges the facts of Verification/.
enum CertificateProblem: CheckProblem {
    case expired(CertificateReference, notAfter: Date)
    case notYetValid(CertificateReference, notBefore: Date)
    case expiringSoon(CertificateReference, notAfter: Date, days: Int)
    /// Expiring within the critical limit a monitoring check set (`--crit-days`).
    case expiringCritical(CertificateReference, notAfter: Date, days: Int)
    case selfSigned(CertificateReference)
    case untrustedRoot(CertificateReference, issuer: String)
    case incompleteChain(CertificateReference, issuer: String)
    case invalidChain(CertificateReference?, reason: String)
    case hostnameMismatch(routeHost: String, names: [String])
    case noSAN(routeHost: String, commonNames: [String], commonNameWouldMatch: Bool)
    case weakKey(CertificateReference, key: String)
    case weakSignature(CertificateReference, algorithm: String)
    /// A certificate file whose certificates are not in the order a server must send them.
    case chainOrder(ChainOrderFault)
    /// A private key that does not belong to the certificate.
    case keyMismatch(file: String)
    /// The chain verifies only by another path than the one a client taking the certificates
    /// as sent builds: that client fails at `at` for `reason`; `path` is the path that
    /// verifies (subjects, leaf first, ending at its trust anchor).
    case alternativePath(at: CertificateReference?, reason: String, path: [String])

    static let codes: [FindingCode] = [
        .certExpired, .certNotYetValid, .certExpiringSoon, .certExpiringCritical, .certSelfSigned, .certUntrustedRoot,
        .certIncompleteChain, .certInvalidChain, .certHostnameMismatch, .certNoSAN, .certWeakKey, .certWeakSignature,
        .certChainOrder, .certKeyMismatch, .certAlternativePath,
    ]

    var code: FindingCode {
        switch self {
        case .expired: .certExpired
        case .notYetValid: .certNotYetValid
        case .expiringSoon: .certExpiringSoon
        case .expiringCritical: .certExpiringCritical
        case .selfSigned: .certSelfSigned
        case .untrustedRoot: .certUntrustedRoot
        case .incompleteChain: .certIncompleteChain
        case .invalidChain: .certInvalidChain
        case .hostnameMismatch: .certHostnameMismatch
        case .noSAN: .certNoSAN
        case .weakKey: .certWeakKey
        case .weakSignature: .certWeakSignature
        case .chainOrder: .certChainOrder
        case .keyMismatch: .certKeyMismatch
        case .alternativePath: .certAlternativePath
        }
    }

    var severity: Severity {
        switch self {
        case .expiringSoon, .chainOrder, .alternativePath: .warn
        default: .fail
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var certificate: CertificateReference? {
        switch self {
        case .expired(let c, _), .notYetValid(let c, _), .expiringSoon(let c, _, _), .expiringCritical(let c, _, _), .selfSigned(let c),
             .untrustedRoot(let c, _), .incompleteChain(let c, _), .weakKey(let c, _), .weakSignature(let c, _):
            c
        case .invalidChain(let c, _), .alternativePath(let c, _, _): c
        default: nil
        }
    }

    /// A certificate within the critical expiry limit still verifies: the limit is the
    /// monitoring's, not the console's.
    var isCertificateVerificationFailure: Bool {
        if case .expiringCritical = self { return false }
        return severity == .fail
    }

    /// A weak key fails whatever is asked of the CA and the name; only a route that does not
    /// require TLS at all accepts any certificate.
    var relaxableBy: [RouteOption] {
        switch self {
        case .weakKey: [.requireTLS]
        case .expired, .notYetValid, .selfSigned, .untrustedRoot, .incompleteChain, .invalidChain, .weakSignature:
            [.requireCASigned]
        case .hostnameMismatch, .noSAN: [.validateHostname]
        case .expiringSoon, .expiringCritical, .chainOrder, .keyMismatch, .alternativePath: []
        }
    }

    var remedies: [CertificateRemedy] {
        switch self {
        case .expired:
            [.renewCertificate(expired: true), .askRelayProvider]
        case .expiringSoon, .expiringCritical:
            [.renewCertificate(expired: false), .askRelayProvider]
        case .notYetValid:
            [.checkClock, .installTrustedCertificate, .askRelayProvider]
        case .selfSigned, .untrustedRoot, .invalidChain:
            [.installTrustedCertificate, .askRelayProvider]
        case .incompleteChain(_, let issuer):
            [.serveFullChain(issuer: issuer), .askRelayProvider]
        case .hostnameMismatch(_, let names):
            (names.isEmpty ? [] : [.useCertificateHostname(names: names)])
                + [.installTrustedCertificate, .askRelayProvider]
        case .noSAN:
            [.installTrustedCertificate, .askRelayProvider]
        case .weakKey:
            [.strongerKey, .askRelayProvider]
        case .weakSignature:
            [.strongerSignature, .askRelayProvider]
        case .chainOrder:
            [.reorderChain]
        case .keyMismatch:
            [.matchKey]
        case .alternativePath(_, _, let path):
            [.serveCurrentChain(root: path.last ?? ""), .askRelayProvider]
        }
    }
}

/// The remedies of the certificate checks.
enum CertificateRemedy: CheckRemedy {
    case useCertificateHostname(names: [String])
    case serveFullChain(issuer: String)
    /// `expired`: the certificate has lapsed already (install now), else it is about to.
    case renewCertificate(expired: Bool)
    case checkClock
    case installTrustedCertificate
    case strongerKey
    case strongerSignature
    case reorderChain
    case matchKey
    /// Send the intermediates that lead to `root`, the anchor of the path that verifies.
    case serveCurrentChain(root: String)
    case askRelayProvider

    var kind: String {
        switch self {
        case .useCertificateHostname: "use_certificate_hostname"
        case .serveFullChain: "serve_full_chain"
        case .renewCertificate: "renew_certificate"
        case .checkClock: "check_clock"
        case .installTrustedCertificate: "install_trusted_certificate"
        case .strongerKey: "stronger_key"
        case .strongerSignature: "stronger_signature"
        case .reorderChain: "reorder_chain"
        case .matchKey: "match_key"
        case .serveCurrentChain: "serve_current_chain"
        case .askRelayProvider: SharedRemedy.askRelayProvider.kind
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText(routeHost: routeHost), ja: jaText(routeHost: routeHost))
    }
}

extension FindingCode {
    public static let certExpired = FindingCode("cert.expired")
    public static let certNotYetValid = FindingCode("cert.not_yet_valid")
    public static let certExpiringSoon = FindingCode("cert.expiring_soon")
    /// The server's certificate expires within the critical limit (`--crit-days`).
    public static let certExpiringCritical = FindingCode("cert.expiring_critical")
    public static let certSelfSigned = FindingCode("cert.self_signed")
    public static let certUntrustedRoot = FindingCode("cert.untrusted_root")
    public static let certIncompleteChain = FindingCode("cert.incomplete_chain")
    public static let certInvalidChain = FindingCode("cert.invalid_chain")
    public static let certHostnameMismatch = FindingCode("cert.hostname_mismatch")
    public static let certNoSAN = FindingCode("cert.no_san")
    public static let certWeakKey = FindingCode("cert.weak_key")
    public static let certWeakSignature = FindingCode("cert.weak_signature")
    // Certificate files (`smtp-probe cert`)
    public static let certChainOrder = FindingCode("cert.chain_order")
    public static let certKeyMismatch = FindingCode("cert.key_mismatch")
    /// The chain verifies only by a path other than the one the server's certificates suggest.
    public static let certAlternativePath = FindingCode("cert.alternative_path")
}
