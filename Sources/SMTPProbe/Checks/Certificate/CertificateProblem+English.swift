#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The English words of the certificate checks: each problem's message and detail, and each remedy.
extension CertificateProblem {
    var enMessage: String {
        switch self {
        case .expired(let ref, let date): "\(which(ref)) expired on \(FindingDates.format(date))"
        case .notYetValid(let ref, let date): "\(which(ref)) is not valid until \(FindingDates.format(date))"
        case .expiringSoon(let ref, let date, let days): "\(which(ref)) expires in \(days) days, on \(FindingDates.format(date))"
        case .expiringCritical(let ref, let date, let days): "\(which(ref)) expires in \(days) days, on \(FindingDates.format(date)): renew it now"
        case .selfSigned: "The server's certificate is self-signed"
        case .untrustedRoot(_, let issuer): "The chain leads to a CA that is not trusted: \(issuer)"
        case .incompleteChain(_, let issuer): "The chain is incomplete: the issuer \(issuer) was not sent"
        case .invalidChain(let ref, let reason):
            ref.map { "The certificate chain is invalid at \(inline($0)): \(reason)" } ?? "The certificate chain is invalid: \(reason)"
        case .hostnameMismatch(let host, _): "The certificate does not name \(host)"
        case .noSAN: "The certificate has no subjectAltName: it names no host at all"
        case .weakKey(let ref, let key): "\(which(ref)) has a weak key (\(key))"
        case .weakSignature(let ref, let algorithm): "\(which(ref)) is signed with a weak algorithm (\(algorithm))"
        case .chainOrder: "The certificates in the file are not in the order a server must send them"
        case .keyMismatch(let file): "The private key in \(file) does not belong to this certificate"
        case .alternativePath: "The chain verifies only by another path than the one the server's certificates suggest"
        }
    }

    var enDetail: String? {
        switch self {
        case .expired, .notYetValid:
            "A certificate outside its validity period is not trusted, whoever issued it."
        case .expiringSoon:
            "Renew it before then, or the route's test and mail delivery will start failing on that day."
        case .expiringCritical:
            "The console's test still passes, but the expiry is within the critical limit set for this check. On that day the route's test and mail delivery start failing."
        case .selfSigned:
            "Nobody vouches for a self-signed certificate; with \"Require CA signed certificate\" on, Gmail will not deliver to it."
        case .untrustedRoot(let ref, let issuer):
            (ref.subject == issuer
                ? "The chain ends at \(inline(ref)), a root CA that this trust store does not trust."
                : "The chain ends at \(inline(ref)), issued by \(issuer), a CA that this trust store does not trust.")
                + " This is typical of a private or internal CA, which Google does not trust either."
        case .incompleteChain(_, let issuer):
            "The server sent its own certificate but not the intermediate CA certificate that links it to a trusted root (\(issuer)). Clients do not fetch missing intermediates. If \(issuer) is a private CA, the certificate cannot be trusted at all."
        case .invalidChain(let ref, _):
            ref.map { "OpenSSL could not validate the chain at \(inline($0)) for this reason." }
                ?? "OpenSSL could not validate the chain for this reason."
        case .hostnameMismatch(let host, let names):
            names.isEmpty
                ? "The route host is \(host); the certificate names no host name that could match."
                : "The route host is \(host); the certificate names: \(names.joined(separator: ", "))."
                    + (names.contains { $0.hasPrefix("*.") } ? " A wildcard stands for exactly one label." : "")
        case .noSAN(let host, let commonNames, let cnWouldMatch):
            "Host names belong in the subjectAltName extension; the subject CN (\(commonNames.joined(separator: ", "))) is not used for matching (RFC 9525)." + (cnWouldMatch ? " Older clients that fall back to the CN would accept it for \(host); Gmail's check does not." : "")
        case .weakKey:
            "Keys under 2048 bits (RSA) or 224 bits (EC) are refused by current TLS libraries."
        case .weakSignature:
            "SHA-1 and MD5 signatures can be forged and are refused by current TLS libraries."
        case .chainOrder(let fault):
            "In this file \(chainOrder(fault)). The server's own certificate comes first, then the certificate that issued it, and so on."
        case .keyMismatch:
            "A server configured with this pair fails to start TLS, and then offers no STARTTLS or refuses it."
        case .alternativePath(let ref, let reason, let path):
            "A client that takes the certificates as sent, without building other paths (OpenSSL 1.0 and other older TLS libraries), fails"
                + (ref.map { " at \(inline($0))" } ?? "") + ": \(reason)."
                + " Gmail and current verifiers build another path, which verifies: \(path.joined(separator: " → "))."
        }
    }

    private func which(_ reference: CertificateReference) -> String {
        switch reference.position {
        case 0?: "The server's own certificate (\(reference.subject))"
        case let position?: "Certificate #\(position) of the chain the server sent (\(reference.subject))"
        case nil: "The CA certificate \(reference.subject) from the trust store"
        }
    }

    /// ``which(_:)`` inside a sentence.
    private func inline(_ reference: CertificateReference) -> String {
        let phrase = which(reference)
        return phrase.prefix(1).lowercased() + phrase.dropFirst()
    }

    /// How the certificates are out of order, after "In this file".
    private func chainOrder(_ fault: ChainOrderFault) -> String {
        switch fault {
        case .leafAt(let position): "the server's own certificate is #\(position), not first"
        case .notIssuer(let position): "#\(position + 1) did not issue #\(position)"
        }
    }
}

extension CertificateRemedy {
    func enText(routeHost: String) -> String {
        switch self {
        case .useCertificateHostname(let names):
            "If the server has several host names, point the route at one that is on its certificate: \(names.joined(separator: ", "))."
        case .serveFullChain(let issuer):
            "Configure the server to send the intermediate certificate(s) after its own, up to but not including the root (here: \(issuer)). Postfix: put the key, the server certificate and the intermediates in the file named by smtpd_tls_chain_files. No new certificate is needed."
        case .renewCertificate(let expired):
            expired
                ? "Renew the certificate with a trusted CA, with \(routeHost) on it, and install it now: the old one has lapsed."
                : "Renew the certificate with a trusted CA, with \(routeHost) on it, and install it before the old one lapses."
        case .checkClock:
            "Check the server's certificate dates and the clock of whoever issued it; if the certificate was issued for a future date, install the current one."
        case .installTrustedCertificate:
            "If you can reach the server, install a new certificate from a trusted public CA with \(routeHost) in its subjectAltName, and serve it with its intermediates."
        case .strongerKey:
            "Issue a new certificate with an RSA key of at least 2048 bits or an ECDSA P-256 key, and install it."
        case .strongerSignature:
            "Have the certificate reissued with a SHA-256 signature, and install it with its current intermediates."
        case .reorderChain:
            "Reorder the file: the server's certificate first, then each intermediate, each followed by the one that issued it."
        case .matchKey:
            "Install the key that was generated with this certificate's request, or have the certificate reissued for this key."
        case .serveCurrentChain(let root):
            "Serve the chain for the current root (here: \(root)): the server's certificate, then the intermediates that lead to that root, and no cross-signed certificate of an expired or retired root. Your CA publishes this chain; no new certificate is needed."
        case .askRelayProvider:
            SharedRemedy.askRelayProvider.text(.en, routeHost: routeHost)
        }
    }
}
