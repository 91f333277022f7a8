internal import CSMTPProbeOpenSSL
internal import CSMTPProbeShims
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Path building as RFC 4158 describes it and as Google's, Chrome's, Go's and webpki's
/// verifiers do it: when OpenSSL's first path fails, every other path from the leaf to a
/// trust anchor is tried, depth-first, and the first valid one is accepted.
///
/// Only the choice of certificates is made here. Each candidate path is judged by OpenSSL
/// itself (`X509_verify_cert` with the path's intermediates as the only untrusted
/// certificates and its anchor as the only trusted one, with the same purpose, time and
/// depth as the first run), so signatures, dates and constraints are never checked twice.
struct PathBuilder {
    /// The most certificates in one candidate path, leaf and anchor included. Real chains
    /// hold 3 or 4; a cross-signed mesh cannot make the search longer than this.
    static let maxPathLength = 10
    /// The most issuer candidates looked at, all paths together: the bound that keeps a
    /// hostile mesh of cross-signed CAs (exponentially many paths) to a fixed amount of work.
    static let maxIssuerCandidates = 1_000
    /// The most complete candidate paths given to OpenSSL.
    static let maxPathsVerified = 32

    /// One certificate of a candidate path, with what the search compares computed once.
    private struct Node {
        var certificate: X509Certificate
        var fingerprint: String
        /// Subject and key: a path that meets the same pair twice is a loop (RFC 4158 §5.2).
        var subjectAndKey: String
        /// Signed by its own key: a trust anchor when the store holds it, the end of any path.
        var selfSigned: Bool

        init(_ certificate: X509Certificate) {
            self.certificate = certificate
            fingerprint = certificate.sha256Fingerprint
            subjectAndKey = certificate.subject + "|" + certificate.subjectPublicKeyInfoDER.map(String.init).joined(separator: ",")
            selfSigned = certificate.isSelfSigned
        }
    }

    private let leaf: Node
    /// What the server sent besides the leaf, each certificate once, in the order sent.
    private let sent: [Node]
    private let store: TrustStore
    private let time: Date?
    private var storeIssuers: [String: [Node]] = [:]
    private(set) var candidatesTried = 0
    private(set) var pathsVerified = 0
    /// The first candidate path that failed only on a weak digest or key: used when no strong
    /// path exists, as OpenSSL's own builder (which asks nothing of strength) would use it.
    private var weakButValid: ChainVerification?

    init(leaf: X509Certificate, sent: [X509Certificate], store: TrustStore, time: Date?) {
        self.leaf = Node(leaf)
        var seen: Set<String> = [self.leaf.fingerprint]
        var unique: [Node] = []
        for certificate in sent {
            let node = Node(certificate)
            if seen.insert(node.fingerprint).inserted { unique.append(node) }
        }
        self.sent = unique
        self.store = store
        self.time = time
    }

    /// The verification to report, given OpenSSL's first one: that one when it succeeds (noting
    /// whether a client that takes the chain as sent would fail), else the first valid
    /// alternative, else the failure of the path that came closest.
    mutating func review(first: ChainVerification) -> ChainVerification {
        // A trusted first path that is the chain as sent, in order, is the very path a client
        // taking the certificates as sent builds: no second verification (most servers).
        let asSent = first.isTrusted && isAsSent(first) ? first : asSentPath()
        let suggestion = SuggestedPath(chain: asSent.builtChain, issues: asSent.issues)
        if first.isTrusted {
            var result = first
            // OpenSSL's builder asks nothing of signature digests or key sizes: a path through a
            // SHA-1 cross-signature is worth replacing by a strong one when there is one.
            if isWeak(first) {
                var failures: [ChainVerification] = []
                var found: ChainVerification?
                extend([leaf], loops: [leaf.subjectAndKey], found: &found, failures: &failures)
                if let found { result = found }
                result.pathsTried = pathsVerified
            }
            if !asSent.isTrusted { result.suggestedPath = suggestion }
            return result
        }
        if asSent.isTrusted { return asSent }
        var failures = [first, asSent]
        var found: ChainVerification?
        extend([leaf], loops: [leaf.subjectAndKey], found: &found, failures: &failures)
        // No strong path: a path weak only in strength is still the path, and its weak
        // certificates are judged as such (cert.weak_key, cert.weak_signature), never taken for
        // an untrusted chain.
        if found == nil, var weak = weakButValid {
            weak.issues.removeAll { $0.failure == .tooWeak }
            found = weak
        }
        var result = found ?? Self.closest(failures)
        if found != nil { result.suggestedPath = suggestion }
        result.pathsTried = pathsVerified
        return result
    }

    /// Whether `verification`'s path is the leaf and the certificates sent, in the order sent,
    /// with at most a trust anchor from the store above them (the same certificates: X509_cmp).
    private func isAsSent(_ verification: ChainVerification) -> Bool {
        let built = verification.builtChain, asSent = [leaf] + sent
        guard built.count == asSent.count || built.count == asSent.count + 1 else { return false }
        return zip(built, asSent).allSatisfy { X509_cmp($0.pointer, $1.certificate.pointer) == 0 }
    }

    /// The path a client that takes the certificates as sent builds. As OpenSSL 1.0 does, a
    /// self-signed certificate on top that the store does not hold itself (a re-issued copy of
    /// a trusted root: same name and key, another serial) is set aside and its issuer looked
    /// up in the store; it is kept, and fails, only when the store has none.
    private func asSentPath() -> ChainVerification {
        let chain = [leaf.certificate] + sent.map(\.certificate)
        let verification = ChainVerifier.verify(chain: chain, extraIntermediates: [], store: store, at: time, depthLimit: nil,
                                                mode: CSMTPProbeVerifyAsSent).verification
        let topDepth = verification.builtChain.count - 1
        guard topDepth > 0, verification.builtChain[topDepth].isSelfSigned,
              verification.issues.contains(where: { $0.failure == .untrustedSelfSignedInChain && $0.depth == topDepth }) else {
            return verification
        }
        let top = verification.builtChain[topDepth].sha256Fingerprint
        let retry = ChainVerifier.verify(chain: chain.filter { $0.sha256Fingerprint != top }, extraIntermediates: [], store: store,
                                         at: time, depthLimit: nil, mode: CSMTPProbeVerifyAsSent).verification
        let unanchored: Set<VerificationFailure> = [.issuerNotFound, .untrustedSelfSignedInChain, .selfSignedLeaf]
        return retry.issues.contains { unanchored.contains($0.failure) } ? verification : retry
    }

    /// Whether `verification`'s path fails TLS's security level (a digest or key too weak), as
    /// the candidate paths are judged.
    private mutating func isWeak(_ verification: ChainVerification) -> Bool {
        guard let anchor = verification.builtChain.last, verification.builtChain.count > 1 else { return false }
        pathsVerified += 1
        let strict = candidate(Array(verification.builtChain.dropLast()), anchor: anchor)
        return strict.issues.contains { $0.failure == .tooWeak }
    }

    /// One candidate path judged by OpenSSL at TLS's security level, except for the trust
    /// anchor's own key: OpenSSL's own builder, and so the direct path, does not judge it.
    private func candidate(_ path: [X509Certificate], anchor: X509Certificate) -> ChainVerification {
        var verification = ChainVerifier.verify(chain: path, extraIntermediates: [], store: store, at: time, depthLimit: nil,
                                                mode: CSMTPProbeVerifyFixedPath, anchors: [anchor]).verification
        let anchorDepth = verification.builtChain.count - 1
        verification.issues.removeAll { $0.error == X509_V_ERR_CA_KEY_TOO_SMALL && $0.depth == anchorDepth }
        return verification
    }

    /// Depth-first: the trust anchors that issued the path's last certificate first (the
    /// shortest paths), then the certificates the server sent, those valid now first.
    private mutating func extend(_ path: [Node], loops: Set<String>, found: inout ChainVerification?,
                                 failures: inout [ChainVerification]) {
        guard found == nil, path.count < Self.maxPathLength, let last = path.last else { return }
        let inStore = issuersInStore(of: last)
        // Only a self-signed certificate of the store ends a path: OpenSSL (without partial
        // chains) goes on from any other to its issuer, so the search does too, below.
        for anchor in inStore where anchor.selfSigned && !loops.contains(anchor.subjectAndKey) {
            guard spend(), pathsVerified < Self.maxPathsVerified else { return }
            pathsVerified += 1
            let verification = candidate(path.map(\.certificate), anchor: anchor.certificate)
            if verification.isTrusted {
                found = verification
                return
            }
            if weakButValid == nil, !verification.issues.isEmpty, verification.tooLong == nil,
               verification.issues.allSatisfy({ $0.failure == .tooWeak }) {
                weakButValid = verification
            }
            failures.append(verification)
        }
        let storePrints = Set(inStore.map(\.fingerprint))
        // A self-signed certificate leads nowhere but to itself: tried above as an anchor when
        // the store holds it, a dead end otherwise.
        let next = inStore.filter { !$0.selfSigned } + issuersSent(of: last).filter { !$0.selfSigned && !storePrints.contains($0.fingerprint) }
        for candidate in next where !loops.contains(candidate.subjectAndKey) {
            guard spend() else { return }
            extend(path + [candidate], loops: loops.union([candidate.subjectAndKey]), found: &found, failures: &failures)
            if found != nil { return }
        }
    }

    /// Counts one more candidate; false once the bound is reached.
    private mutating func spend() -> Bool {
        guard candidatesTried < Self.maxIssuerCandidates else { return false }
        candidatesTried += 1
        return true
    }

    /// The sent certificates that issued `node` (`X509_check_issued`: name, key identifiers,
    /// key usage; then the signature, so that a certificate that only looks like the issuer
    /// costs no search), those within their dates first, otherwise in the order sent.
    private func issuersSent(of node: Node) -> [Node] {
        let now = time ?? Date()
        let issuers = sent.filter {
            $0.fingerprint != node.fingerprint && X509_check_issued($0.certificate.pointer, node.certificate.pointer) == X509_V_OK
                && Self.signed(node.certificate, by: $0.certificate)
        }
        func current(_ candidate: Node) -> Bool {
            (candidate.certificate.notBefore ?? .distantFuture) <= now && now <= (candidate.certificate.notAfter ?? .distantPast)
        }
        return issuers.filter(current) + issuers.filter { !current($0) }
    }

    /// Whether `issuer`'s key verifies `child`'s signature.
    static func signed(_ child: X509Certificate, by issuer: X509Certificate) -> Bool {
        guard let key = X509_get0_pubkey(issuer.pointer) else { return false }
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        return X509_verify(child.pointer, key) == 1
    }

    /// The store's certificates that issued `node` (trust anchors and any other certificate
    /// the trust file holds), looked up once per certificate.
    private mutating func issuersInStore(of node: Node) -> [Node] {
        if let known = storeIssuers[node.fingerprint] { return known }
        var found: [Node] = []
        OpenSSLErrorQueue.clear()
        if let stack = CSMTPProbe_store_issuers(store.pointer, node.certificate.pointer) {
            for index in 0..<CSMTPProbe_sk_X509_num(stack) {
                if let certificate = CSMTPProbe_sk_X509_value(stack, index) {
                    found.append(Node(X509Certificate(retaining: certificate)))
                }
            }
            CSMTPProbe_sk_X509_pop_free(stack)
        }
        OpenSSLErrorQueue.clear()
        storeIssuers[node.fingerprint] = found
        return found
    }

    /// The failure that came closest to a valid path: one that reaches a trust anchor (a
    /// candidate path in RFC 4158's sense) before one that stops short of any, then the
    /// longest valid prefix from the leaf (every certificate below the first problem), then the
    /// earliest tried, so that OpenSSL's own first path is kept when no other does better.
    static func closest(_ failures: [ChainVerification]) -> ChainVerification {
        func rank(_ verification: ChainVerification) -> (Int, Int) {
            let unanchored = verification.issues.contains {
                [.issuerNotFound, .untrustedSelfSignedInChain, .selfSignedLeaf].contains($0.failure)
            }
            return (unanchored ? 0 : 1, verification.issues.map(\.depth).min() ?? verification.builtChain.count)
        }
        var best = failures[0]
        for candidate in failures.dropFirst() where rank(candidate) > rank(best) { best = candidate }
        return best
    }
}
