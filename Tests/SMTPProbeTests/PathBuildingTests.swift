import Foundation
import Testing
@testable import SMTPProbe
import SMTPProbeFixtures

/// Chains that verify by another path than the one sent (issue 15), judged by the one verifier
/// behind `probe` and `cert`, on the fixture chains of fixtures/make-certs.py and real OpenSSL.
@Suite("Path building: chains that verify by another path")
struct PathBuildingTests {
    private static let roots2021 = FixtureCertificate.directory
        .appendingPathComponent("cross-signed-2021/roots-2021.pem").path

    private func verify(_ fixture: FixtureCertificate, roots: String = FixtureCertificate.rootsPath) throws -> ChainVerification {
        let chain = try PEMCertificateReader.certificates(inFile: fixture.chainPath)
        return ChainVerifier.verify(chain: chain, store: try TrustStore(.file(roots)), at: CertificateFindingTests.mid2026)
    }

    private func report(_ fixture: FixtureCertificate, roots: String = FixtureCertificate.rootsPath) throws -> CertificateFileReport {
        var options = CertificateFileOptions()
        options.hostname = FixtureCertificate.routeHost
        options.trust = .file(roots)
        options.validationTime = CertificateFindingTests.mid2026
        return try CertificateFileChecker.check(file: fixture.chainPath, options: options)
    }

    private func subjects(_ verification: ChainVerification) -> [String] {
        verification.builtChain.map(\.subject)
    }

    private static let leafToRoot = ["CN=mx.test.example", "CN=smtp-probe Test Intermediate CA,O=smtp-probe test fixtures",
                                     "CN=smtp-probe Test Root CA,O=smtp-probe test fixtures"]

    /// Let's Encrypt's 2021: the root cross-signed by an expired old root is sent, the root
    /// itself is trusted. A path builder verifies leaf, intermediate, root; a client that takes
    /// the certificates as sent goes to the old root and fails.
    @Test func expiredCrossSignPassesWithTheWarning() throws {
        let verification = try verify(.crossSigned2021)
        #expect(verification.isTrusted)
        #expect(subjects(verification) == Self.leafToRoot)
        let suggested = try #require(verification.suggestedPath)
        #expect(suggested.chain.count == 3)
        #expect(suggested.issues.map(\.failure) == [.issuerNotFound])

        let report = try report(.crossSigned2021)
        #expect(report.findings.map(\.code) == [.certAlternativePath])
        #expect(report.verdict == .warn)
        #expect(report.findings.first?.certificate == 2)
        #expect(report.findings.first?.remedies.map(\.kind) == ["serve_current_chain", "ask_relay_provider"])
        #expect(report.verification?.builtChain == Self.leafToRoot)
    }

    /// With the trust store of 2021 (the expired old root still in it), the client that takes
    /// the chain as sent reaches the old root and fails on its date: the console's case.
    @Test func expiredCrossSignWithTheOldRootTrustedNamesTheExpiry() throws {
        let verification = try verify(.crossSigned2021, roots: Self.roots2021)
        #expect(verification.isTrusted)
        #expect(subjects(verification) == Self.leafToRoot)
        #expect(verification.suggestedPath?.issues.map(\.failure) == [.expired])
        let finding = try #require(try report(.crossSigned2021, roots: Self.roots2021).findings.first)
        #expect(finding.code == .certAlternativePath)
        #expect(finding.detail?.contains("Old Root CA (expired 2021)") == true)
        #expect(finding.detail?.contains("certificate has expired") == true)
    }

    /// OpenSSL's own builder takes the cross-signed twin sent first and fails; the search finds
    /// the newer twin that leads to the trusted root.
    @Test func crossSignedTwinIsFoundByTheSearch() throws {
        let verification = try verify(.crossSignedTwin)
        #expect(verification.isTrusted)
        #expect(subjects(verification) == Self.leafToRoot)
        #expect(verification.pathsTried >= 1)
        #expect(verification.builtChain[1].issuer == "CN=smtp-probe Test Root CA,O=smtp-probe test fixtures")
        #expect(try report(.crossSignedTwin).findings.map(\.code) == [.certChainOrder, .certAlternativePath])
    }

    @Test func extraAndOutOfOrderCertificatesNeedNoWarningBeyondTheOrder() throws {
        let verification = try verify(.extraOutOfOrder)
        #expect(verification.isTrusted)
        #expect(verification.suggestedPath == nil)
        #expect(subjects(verification) == Self.leafToRoot)
        #expect(try report(.extraOutOfOrder).findings.map(\.code) == [.certChainOrder])
    }

    @Test func aRootSentThatTheStoreHoldsIsFine() throws {
        let verification = try verify(.sentRoot)
        #expect(verification.isTrusted)
        #expect(verification.suggestedPath == nil)
        #expect(try report(.sentRoot).findings.map(\.code) == [])
    }

    /// OpenSSL's own builder takes the SHA-1 twin sent first and trusts it; a strong path
    /// exists, so it is the one used, and the unused SHA-1 certificate is not held against it.
    @Test func aStrongPathReplacesAWeakOne() throws {
        let verification = try verify(.sha1Twin)
        #expect(verification.isTrusted)
        #expect(subjects(verification) == Self.leafToRoot)
        #expect(verification.builtChain[1].signatureDigest == "sha256")
        #expect(verification.suggestedPath == nil)
        #expect(try report(.sha1Twin).findings.map(\.code) == [.certChainOrder])
    }

    /// 8 CAs all cross-signing each other: thousands of paths, none valid. The search stops at
    /// its bounds, and the reason given is that of the path that came closest: the one that
    /// reaches the trusted root through the lapsed cross-signature, not OpenSSL's first path,
    /// which runs round the mesh and ends nowhere.
    @Test func hostileMeshStaysWithinTheBoundsAndReportsTheClosestPath() throws {
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.hostileMesh.chainPath)
        #expect(chain.count == 58)
        let store = try TrustStore(.file(FixtureCertificate.rootsPath))
        let verification = ChainVerifier.verify(chain: chain, store: store, at: CertificateFindingTests.mid2026)
        #expect(!verification.isTrusted)
        #expect(verification.pathsTried <= PathBuilder.maxPathsVerified)
        #expect(verification.issues.map(\.failure) == [.expired])
        #expect(verification.builtChain.last?.subject == "CN=smtp-probe Test Root CA,O=smtp-probe test fixtures")
        #expect(verification.builtChain.count <= PathBuilder.maxPathLength)

        var builder = PathBuilder(leaf: chain[0], sent: Array(chain.dropFirst()), store: store, time: CertificateFindingTests.mid2026)
        let first = ChainVerifier.verify(chain: chain, extraIntermediates: [], store: store,
                                         at: CertificateFindingTests.mid2026, depthLimit: nil).verification
        _ = builder.review(first: first)
        #expect(builder.candidatesTried <= PathBuilder.maxIssuerCandidates)
        #expect(builder.pathsVerified <= PathBuilder.maxPathsVerified)
        #expect(builder.pathsVerified > 0)
        #expect(try report(.hostileMesh).findings.map(\.code) == [.certChainOrder, .certExpired])
    }

    private static func fixtureName(_ cn: String) -> String { "CN=\(cn),O=smtp-probe test fixtures" }

    /// The path found ends at an RSA-1024 root the trust file holds. OpenSSL's own builder, and
    /// so the direct path, does not judge a trust anchor's own key: the search must not either,
    /// or the chain is "not trusted" with no finding to say why.
    @Test func aPathToAWeakTrustAnchorIsTrustedAsTheDirectPathIs() throws {
        let roots = FixtureCertificate.weakRootTwin.file("weak-root.pem")
        let verification = try verify(.weakRootTwin, roots: roots)
        #expect(verification.isTrusted)
        #expect(verification.builtChain.last?.subject == Self.fixtureName("smtp-probe Weak Root CA (RSA 1024)"))
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.weakRootTwin.chainPath)
        let direct = ChainVerifier.verify(chain: [chain[0], chain[2]], store: try TrustStore(.file(roots)),
                                          at: CertificateFindingTests.mid2026)
        #expect(direct.isTrusted)
        let report = try report(.weakRootTwin, roots: roots)
        #expect(report.findings.map(\.code) == [.certChainOrder, .certAlternativePath])
        #expect(report.verdict == .warn)
    }

    /// The trust file holds the root and an intermediate: the path goes on past the
    /// intermediate to the root, as OpenSSL's own builder does, through the good sub-CA twin.
    @Test func aPathGoesOnPastAnIntermediateTheTrustFileHolds() throws {
        let roots = FixtureCertificate.storeIntermediate.file("store.pem")
        let verification = try verify(.storeIntermediate, roots: roots)
        #expect(verification.isTrusted)
        #expect(subjects(verification) == ["CN=mx.test.example", Self.fixtureName("smtp-probe Sub CA"),
                                           Self.fixtureName("smtp-probe Store Intermediate CA"), Self.fixtureName("smtp-probe Test Root CA")])
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.storeIntermediate.chainPath)
        #expect(verification.builtChain[1].sha256Fingerprint == chain[2].sha256Fingerprint)
        #expect(try report(.storeIntermediate, roots: roots).findings.map(\.code) == [.certChainOrder, .certAlternativePath])
    }

    /// 33 decoys carry the issuer's name but not its key: their signature over the leaf fails,
    /// so none is searched, and the real issuer sent last is found within the budget.
    @Test func decoysWhoseSignatureFailsCostNoSearch() throws {
        let verification = try verify(.decoyIssuers)
        #expect(verification.isTrusted)
        #expect(verification.pathsTried == 1)
        #expect(verification.builtChain.count == 3)
        // A client that takes the first certificate with the right name fails on its signature.
        #expect(try report(.decoyIssuers).findings.map(\.code) == [.certChainOrder, .certAlternativePath])
    }

    /// 40 roots of the issuer's name in the trust file, the real one last: those whose
    /// signature over the leaf fails are not tried, so the real one is within the budget.
    @Test func rootsWhoseSignatureFailsAreNotTried() throws {
        let verification = try verify(.manyRoots, roots: FixtureCertificate.manyRoots.file("many-roots.pem"))
        #expect(verification.isTrusted)
        #expect(verification.pathsTried == 1)
        #expect(verification.builtChain.count == 2)
    }

    /// A re-issued copy of the trusted root on top (same name and key, another serial): a
    /// client without path building sets it aside and finds the root in its store, as OpenSSL
    /// 1.0 does, so there is no path to warn about.
    @Test func aReissuedCopyOfTheTrustedRootNeedsNoWarning() throws {
        let verification = try verify(.reissuedRoot)
        #expect(verification.isTrusted)
        #expect(verification.suggestedPath == nil)
        #expect(try report(.reissuedRoot).findings.map(\.code) == [])
    }

    /// A chain with one path keeps OpenSSL's own verdict: the search adds nothing to it.
    @Test(arguments: [(FixtureCertificate.expired, [FindingCode.certExpired]),
                      (.untrustedRoot, [.certUntrustedRoot]), (.missingIntermediate, [.certIncompleteChain]),
                      (.pathLength, [.certInvalidChain]), (.good, [])])
    func singlePathChainsAreJudgedAsBefore(fixture: FixtureCertificate, codes: [FindingCode]) throws {
        let verification = try verify(fixture)
        #expect(verification.suggestedPath == nil)
        #expect(try report(fixture).findings.map(\.code) == codes)
    }
}
