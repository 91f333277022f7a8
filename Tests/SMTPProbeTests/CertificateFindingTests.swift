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
