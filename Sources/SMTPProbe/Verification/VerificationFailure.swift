internal import CSMTPProbeOpenSSL

/// Why path validation refused a certificate, in the terms the checks above judge: OpenSSL's
/// `X509_V_ERR_*` numbers are read here and nowhere else, as swift-nio-ssl maps them inside its
/// TLS module.
enum VerificationFailure: Hashable, Sendable {
    /// Past its notAfter date (`X509_V_ERR_CERT_HAS_EXPIRED`).
    case expired
    /// Before its notBefore date (`X509_V_ERR_CERT_NOT_YET_VALID`).
    case notYetValid
    /// The server's own certificate is self-signed (`X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT`).
    case selfSignedLeaf
    /// The chain ends at a self-signed certificate that is not trusted
    /// (`X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN`).
    case untrustedSelfSignedInChain
    /// The issuer of a certificate is nowhere to be found, neither sent nor trusted
    /// (`X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT*`, `X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE`).
    case issuerNotFound
    /// A key or digest below OpenSSL's security level (`X509_V_ERR_EE_KEY_TOO_SMALL`,
    /// `X509_V_ERR_CA_KEY_TOO_SMALL`, `X509_V_ERR_CA_MD_TOO_WEAK`): the certificates themselves
    /// say more, so the checks judge those from the certificate's key and signature.
    case tooWeak
    /// A CA's pathLenConstraint allows fewer CA certificates below it than the chain has
    /// (`X509_V_ERR_PATH_LENGTH_EXCEEDED`).
    case pathLengthExceeded
    /// Anything else, told by OpenSSL's words in ``VerificationIssue/text``.
    case other

    /// The reason an `X509_V_ERR_*` number stands for.
    init(openSSLError error: Int32) {
        switch error {
        case X509_V_ERR_CERT_HAS_EXPIRED: self = .expired
        case X509_V_ERR_CERT_NOT_YET_VALID: self = .notYetValid
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: self = .selfSignedLeaf
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: self = .untrustedSelfSignedInChain
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            self = .issuerNotFound
        case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL, X509_V_ERR_CA_MD_TOO_WEAK:
            self = .tooWeak
        case X509_V_ERR_PATH_LENGTH_EXCEEDED: self = .pathLengthExceeded
        default: self = .other
        }
    }
}

/// Why the certificates of a file are out of order, for `cert.chain_order`.
enum ChainOrderFault: Hashable, Sendable {
    /// The server's own certificate is at this position (from 0, as reports number
    /// certificates), not first.
    case leafAt(Int)
    /// The certificate at `position + 1` did not issue the one at `position` (from 0).
    case notIssuer(position: Int)
}
