import Foundation
import Testing
@testable import SMTPProbe
import SMTPProbeFixtures

/// The verifier and the choice of certificate findings, on the committed fixture files, at a
/// fixed validation time so that the tests never rot.
@Suite("Certificate findings from fixture chains")
struct CertificateFindingTests {
    static let mid2026 = ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z")!

    static func codes(_ fixture: FixtureCertificate, host: String = FixtureCertificate.routeHost,
                      at time: Date = mid2026, critDays: Int? = nil) throws -> [FindingCode] {
        let chain = try PEMCertificateReader.certificates(inFile: fixture.chainPath)
        let store = try TrustStore(.file(FixtureCertificate.rootsPath))
        let verification = ChainVerifier.verify(chain: chain, store: store, at: time)
        let leaf = try #require(chain.first)
        let facts = CertificateFacts(
            routeHost: host, verification: verification,
            hostname: HostnameMatcher().match(routeHost: host, names: leaf.subjectAltNames, commonNames: leaf.commonNames),
            validationTime: time, expiryWarningDays: 30, expiryCriticalDays: critDays)
        return CertificateAnalyzer.problems(chain: chain, facts: facts).map(\.code)
    }

    @Test(arguments: [
        (FixtureCertificate.good, [FindingCode]()),
        (.goodECDSA, []),
        (.wildcard, []),
        (.ipSAN, []),
        (.expiring, []),
        (.expired, [.certExpired]),
        (.notYetValid, [.certNotYetValid]),
        (.wrongHost, [.certHostnameMismatch]),
        (.partialWildcard, [.certHostnameMismatch]),
        (.cnOnly, [.certNoSAN]),
        (.selfSigned, [.certSelfSigned]),
        (.missingIntermediate, [.certIncompleteChain]),
        (.untrustedRoot, [.certUntrustedRoot]),
        (.weakKey, [.certWeakKey]),
        (.weakSignature, [.certWeakSignature]),
        (.idn, [.certHostnameMismatch]),
        (.pathLength, [.certInvalidChain]),
    ])
    func eachFixtureGivesItsFinding(fixture: FixtureCertificate, expected: [FindingCode]) throws {
        #expect(try Self.codes(fixture) == expected)
    }

    @Test func withinTheCriticalDaysExpiryFailsInsteadOfWarning() throws {
        // notAfter is 2120-01-01: 12 days after this, so within 14 but not within 10.
        let late2119 = ISO8601DateFormatter().date(from: "2119-12-20T00:00:00Z")!
        #expect(try Self.codes(.expiring, at: late2119, critDays: 14) == [.certExpiringCritical])
        #expect(try Self.codes(.expiring, at: late2119, critDays: 10) == [.certExpiringSoon])
        #expect(try Self.codes(.good, critDays: 14) == [])
    }

    @Test func expiringSoonDependsOnTheValidationTime() throws {
        let late2119 = ISO8601DateFormatter().date(from: "2119-12-20T00:00:00Z")!
        #expect(try Self.codes(.expiring, at: late2119) == [.certExpiringSoon])
        let after = ISO8601DateFormatter().date(from: "2120-01-02T00:00:00Z")!
        #expect(try Self.codes(.expiring, at: after) == [.certExpired])
    }

    @Test func routeHostAsIPAddressUsesIPAddressEntries() throws {
        #expect(try Self.codes(.ipSAN, host: "127.0.0.1") == [])
        #expect(try Self.codes(.good, host: "127.0.0.1") == [.certHostnameMismatch])
    }

    @Test func internationalRouteHostMatchesItsALabel() throws {
        #expect(try Self.codes(.idn, host: "bücher.test.example") == [])
    }

    @Test func trustingTheOtherRootMakesTheUntrustedChainGood() throws {
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.untrustedRoot.chainPath)
        let otherRoot = FixtureCertificate.directory.appendingPathComponent("other-root-ca.pem").path
        let verification = ChainVerifier.verify(chain: chain, store: try TrustStore(.file(otherRoot)), at: Self.mid2026)
        #expect(verification.isTrusted)
        #expect(verification.builtChain.count == 3)
    }

    @Test func systemStoreDoesNotTrustTheTestRoot() throws {
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.good.chainPath)
        let verification = ChainVerifier.verify(chain: chain, store: try TrustStore(.system), at: Self.mid2026)
        #expect(!verification.isTrusted)
    }
}

@Suite("Reading certificate files")
struct PEMCertificateReaderTests {
    private func read(_ bytes: [UInt8]) throws -> [X509Certificate] {
        try PEMCertificateReader.certificates(in: bytes, name: "test.pem")
    }

    @Test func readsAChainInOrder() throws {
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.good.chainPath)
        #expect(chain.count == 2)
        #expect(chain[0].subject.contains("mx.test.example"))
        #expect(chain[1].isCA)
    }

    @Test func readsDER() throws {
        let pem = try PEMCertificateReader.certificates(inFile: FixtureCertificate.good.leafPath)
        let der = try read(pem[0].derBytes)
        #expect(der[0].sha256Fingerprint == pem[0].sha256Fingerprint)
    }

    @Test func refusesEmptyFile() {
        #expect(throws: SMTPProbeError(.invalidCertificate, "")) { try read([]) }
    }

    @Test func refusesPrivateKey() throws {
        let key = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixtureCertificate.good.keyPath)))
        let error = #expect(throws: SMTPProbeError.self) { try read(key) }
        #expect(error?.reason.contains("private key") == true)
    }

    @Test func refusesTruncatedCertificate() throws {
        let pem = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixtureCertificate.good.leafPath)))
        #expect(throws: SMTPProbeError(.invalidCertificate, "")) { try read(Array(pem.prefix(pem.count / 2))) }
    }

    @Test func refusesGarbage() {
        #expect(throws: SMTPProbeError(.invalidCertificate, "")) { try read(Array("hello world".utf8)) }
    }

    @Test(.timeLimit(.minutes(1)))
    func refusesHugeChainsQuickly() throws {
        let leaf = try String(contentsOfFile: FixtureCertificate.good.leafPath, encoding: .utf8)
        let many = String(repeating: leaf, count: 500)
        let error = #expect(throws: SMTPProbeError.self) { try read(Array(many.utf8)) }
        #expect(error?.code == .invalidCertificate)
    }

    @Test func refusesOversizedFile() {
        let big = [UInt8](repeating: 0x41, count: PEMCertificateReader.maximumFileSize + 1)
        #expect(throws: SMTPProbeError(.invalidCertificate, "")) { try read(big) }
    }
}

/// Chains that break a length limit, and what the findings say about them: one finding that
/// names the certificate where verification stopped, and no untrusted root made up by a
/// chain cut short.
@Suite("Chains too long to verify")
struct ChainLengthFindingTests {
    static func problems(_ chain: [X509Certificate], roots: String = FixtureCertificate.rootsPath,
                         at time: Date = CertificateFindingTests.mid2026) throws -> [CertificateProblem] {
        let verification = ChainVerifier.verify(chain: chain, store: try TrustStore(.file(roots)), at: time)
        let facts = CertificateFacts(
            routeHost: FixtureCertificate.routeHost, verification: verification, hostname: nil,
            validationTime: time, expiryWarningDays: 30, expiryCriticalDays: nil)
        return CertificateAnalyzer.problems(chain: chain, facts: facts)
    }

    /// What a server with the long-chain fixture sends: the leaf and all 101 CAs.
    static func longChain() throws -> [X509Certificate] {
        try PEMCertificateReader.certificates(inFile: FixtureCertificate.longChain.chainPath)
            + PEMCertificateReader.certificates(inFile: FixtureCertificate.longChainRestPath)
    }

    static func finding(_ problem: CertificateProblem, _ language: Language = .en) -> Finding {
        FindingCatalog(language: language).finding(for: problem, routeHost: FixtureCertificate.routeHost, address: nil)
    }

    @Test func chainLongerThanTheVerifyDepthIsOneInvalidChainNamingWhereItStopped() throws {
        let chain = try Self.longChain()
        #expect(chain.count == 102)
        let problems = try Self.problems(chain)
        #expect(problems.map(\.code) == [.certInvalidChain])
        let problem = try #require(problems.first)
        // OpenSSL stops at the 102nd certificate it may hold: #101 as sent, the CA nearest the root.
        #expect(problem.certificate?.position == 101)
        for language in Language.allCases {
            let finding = Self.finding(problem, language)
            #expect(finding.certificate == 101)
            #expect(finding.message.contains("chain too long: 103 certificates, limit 102"))
            for text in [finding.message, finding.detail ?? ""] {
                #expect(text.contains("#101 "), "\(language): \(text)")
                #expect(text.contains("(CN=smtp-probe Long Chain CA 1,"), "\(language): \(text)")
            }
        }
    }

    /// The leaf expires on 2125-01-01: twelve days later it would warn, were the chain good.
    @Test func chainTooLongDoesNotAlsoWarnOfExpiry() throws {
        let late2124 = ISO8601DateFormatter().date(from: "2124-12-20T00:00:00Z")!
        #expect(try Self.problems(try Self.longChain(), at: late2124).map(\.code) == [.certInvalidChain])
    }

    @Test func longChainToAnUntrustedRootSaysSoAboutTheRealRoot() throws {
        let otherRoot = FixtureCertificate.directory.appendingPathComponent("other-root-ca.pem").path
        let problems = try Self.problems(try Self.longChain(), roots: otherRoot)
        #expect(problems.map(\.code) == [.certInvalidChain, .certUntrustedRoot])
        // The untrusted CA is the fixtures' root, above the last CA sent, not some CA in the
        // middle where the verifier gave up.
        let untrusted = try #require(problems.last)
        #expect(untrusted.certificate?.position == 101)
        let finding = Self.finding(untrusted)
        #expect(finding.message.hasSuffix(": CN=smtp-probe Test Root CA,O=smtp-probe test fixtures"))
        #expect(finding.detail?.contains("certificate #101 of the chain the server sent (CN=smtp-probe Long Chain CA 1,") == true)
        #expect(finding.detail?.contains("issued by CN=smtp-probe Test Root CA,") == true, "\(finding.detail ?? "")")
    }

    @Test func caBeyondAPathLengthLimitIsOneInvalidChainAtThatLimit() throws {
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.pathLength.chainPath)
        let problems = try Self.problems(chain)
        #expect(problems.map(\.code) == [.certInvalidChain])
        let finding = Self.finding(try #require(problems.first))
        #expect(finding.certificate == 2)
        #expect(finding.message.contains("path length constraint exceeded: it allows 0 CA certificates below it, the chain has 1"))
        for text in [finding.message, finding.detail ?? ""] {
            #expect(text.contains("certificate #2 of the chain the server sent"), "\(text)")
            #expect(text.contains("Test Intermediate CA"), "\(text)")
        }
    }

    @Test func untrustedRootMessageAndDetailNameTheSameCA() throws {
        let chain = try PEMCertificateReader.certificates(inFile: FixtureCertificate.untrustedRoot.chainPath)
        let problem = try #require(try Self.problems(chain).first)
        for language in Language.allCases {
            let finding = Self.finding(problem, language)
            #expect(finding.certificate == 1)
            #expect(finding.message.contains("Other (Untrusted) Root CA"))
            #expect(finding.detail?.contains("Other (Untrusted) Root CA") == true, "\(language): \(finding.detail ?? "")")
            #expect(finding.detail?.contains("#1 ") == true, "\(language): \(finding.detail ?? "")")
        }
    }
}
