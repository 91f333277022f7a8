import Foundation
import Testing
@testable import SMTPProbe
import SMTPProbeFixtures

@Suite("smtp-probe cert: checking a file before installing it")
struct CertificateFileCheckerTests {
    private func options(host: String? = FixtureCertificate.routeHost) -> CertificateFileOptions {
        var options = CertificateFileOptions()
        options.hostname = host
        options.trust = .file(FixtureCertificate.rootsPath)
        options.validationTime = CertificateFindingTests.mid2026
        return options
    }

    private func codes(_ fixture: FixtureCertificate, _ options: CertificateFileOptions) throws -> [FindingCode] {
        try CertificateFileChecker.check(file: fixture.chainPath, options: options).findings.map(\.code)
    }

    @Test func sameFindingsAsTheLiveProbe() throws {
        #expect(try codes(.good, options()) == [])
        #expect(try codes(.expired, options()) == [.certExpired])
        #expect(try codes(.wrongHost, options()) == [.certHostnameMismatch])
        #expect(try codes(.missingIntermediate, options()) == [.certIncompleteChain])
    }

    @Test func rawUTF8DNSNameMatchesNoHost() throws {
        // x509-limbo webpki::unicode-emoji-san: the U-label in the certificate is malformed,
        // so neither the route host's U-label nor its A-label may match it.
        #expect(try codes(.utf8DNSName, options(host: "bücher.test.example")) == [.certHostnameMismatch])
        #expect(try codes(.utf8DNSName, options(host: "xn--bcher-kva.test.example")) == [.certHostnameMismatch])
        #expect(try codes(.idn, options(host: "bücher.test.example")) == [])
    }

    @Test func withoutHostnameTheNameIsNotJudged() throws {
        let report = try CertificateFileChecker.check(file: FixtureCertificate.wrongHost.chainPath, options: options(host: nil))
        #expect(report.findings.isEmpty)
        #expect(report.verification?.hostnameMatches == nil)
    }

    @Test func intermediatesGivenSeparatelyCompleteTheChain() throws {
        var options = options()
        options.untrustedFile = FixtureCertificate.directory.appendingPathComponent("intermediate-ca.pem").path
        #expect(try codes(.missingIntermediate, options) == [])
    }

    /// `cert long-chain/chain.pem --untrusted long-chain/rest.pem`: the server would send 102
    /// certificates, one CA more than OpenSSL accepts.
    @Test func chainTooLongIsOneFindingAboutTheCertificateFromUntrusted() throws {
        var options = options()
        options.untrustedFile = FixtureCertificate.longChainRestPath
        let report = try CertificateFileChecker.check(file: FixtureCertificate.longChain.chainPath, options: options)
        #expect(report.findings.map(\.code) == [.certInvalidChain])
        let finding = try #require(report.findings.first)
        #expect(finding.message == "The certificate chain is invalid at certificate #101 of the chain the server sent ("
                + report.certificates[101].subject + "): chain too long: 103 certificates, limit 102")
        #expect(finding.detail?.contains("certificate #101 of the chain the server sent (\(report.certificates[101].subject))") == true)
        #expect(report.certificates.count == 102)
        #expect(report.verification?.chainTrusted == false)
    }

    @Test func keyThatBelongsAndKeyThatDoesNot() throws {
        var options = options()
        options.keyFile = FixtureCertificate.good.keyPath
        let good = try CertificateFileChecker.check(file: FixtureCertificate.good.chainPath, options: options)
        #expect(good.keyMatches == true)
        let other = try CertificateFileChecker.check(file: FixtureCertificate.goodECDSA.chainPath, options: options)
        #expect(other.keyMatches == false)
        #expect(other.findings.map(\.code) == [.certKeyMismatch])
        #expect(other.verdict == .fail)
    }

    @Test func chainInTheWrongOrderWarns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let leaf = try String(contentsOfFile: FixtureCertificate.good.leafPath, encoding: .utf8)
        let intermediate = try String(contentsOf: FixtureCertificate.directory.appendingPathComponent("intermediate-ca.pem"), encoding: .utf8)
        let reversed = directory.appendingPathComponent("reversed.pem")
        try (intermediate + leaf).write(to: reversed, atomically: true, encoding: .utf8)
        let report = try CertificateFileChecker.check(file: reversed.path, options: options())
        #expect(report.findings.map(\.code).contains(.certChainOrder))
    }

    /// A 50 MB file, a directory and /dev/zero are refused by their size or kind before any
    /// of them is read.
    @Test(.timeLimit(.minutes(1))) func fileThatCannotBeACertificateIsRefusedUnread() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(getpid()).pem").path
        #expect(creat(big, 0o600) >= 0)
        defer { unlink(big) }
        #expect(truncate(big, 50 << 20) == 0)
        #expect {
            try CertificateFileChecker.check(file: big, options: options())
        } throws: { error in
            let error = error as? SMTPProbeError
            return error?.code == .invalidCertificate && error?.reason.contains("50 MiB") == true
        }
        #expect {
            try CertificateFileChecker.check(file: FixtureCertificate.directory.path, options: options())
        } throws: { error in
            (error as? SMTPProbeError)?.reason.hasSuffix("a directory") == true
        }
        #expect {
            try CertificateFileChecker.check(file: "/dev/zero", options: options())
        } throws: { error in
            (error as? SMTPProbeError)?.reason.hasSuffix("not a regular file") == true
        }
    }

    @Test func notACertificateIsAnError() {
        #expect(throws: SMTPProbeError(.invalidCertificate, "")) {
            try CertificateFileChecker.check(file: FixtureCertificate.good.keyPath, options: options())
        }
        #expect(throws: SMTPProbeError(.unreadableFile, "")) {
            try CertificateFileChecker.check(file: "/nonexistent.pem", options: options())
        }
    }
}
