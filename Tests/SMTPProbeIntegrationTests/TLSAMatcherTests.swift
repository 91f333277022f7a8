import Foundation
import Testing
@testable import SMTPProbe

/// TLSA records against the fixture chains, with the association data computed by the
/// openssl command line, not by the code under test.
@Suite("TLSA matching against certificate chains")
struct TLSAMatcherTests {
    static let certs = NSDServer.root.appendingPathComponent("fixtures/certs")

    /// `openssl` on `pem`'s certificate: selector 0 the DER, 1 the SPKI, through `digest`
    /// (nil: the bytes themselves).
    private func data(_ pem: String, selector: Int, digest: String?) throws -> [UInt8] {
        let path = Self.certs.appendingPathComponent(pem).path
        let extract = selector == 0
            ? "openssl x509 -in \"$1\" -outform DER"
            : "openssl x509 -in \"$1\" -pubkey -noout | openssl pkey -pubin -outform DER"
        let hash = digest.map { " | openssl dgst -\($0) -binary" } ?? ""
        let result = try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", extract + hash + " | od -An -v -tx1", "sh", path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(whereSeparator: \.isWhitespace).compactMap { UInt8($0, radix: 16) }
    }

    private func chain(_ name: String) throws -> [X509Certificate] {
        try PEMCertificateReader.certificates(inFile: Self.certs.appendingPathComponent("\(name)/chain.pem").path)
    }

    @Test("DANE-EE matches the leaf by SPKI or full certificate, exact, SHA-256 or SHA-512")
    func endEntity() throws {
        let chain = try chain("good")
        for (selector, matching, digest) in [(1, 1, "sha256"), (1, 2, "sha512"), (0, 1, "sha256"), (0, 0, nil), (1, 0, nil)] as [(Int, Int, String?)] {
            let record = TLSARecord(usage: 3, selector: UInt8(selector), matchingType: UInt8(matching),
                                    data: try data("good/leaf.pem", selector: selector, digest: digest))
            #expect(TLSAMatcher.position(of: record, in: chain) == 0, "3 \(selector) \(matching)")
        }
    }

    @Test("DANE-TA matches the intermediate the server sent; DANE-EE never matches an issuer")
    func trustAnchor() throws {
        let chain = try chain("good")
        let issuer = try data("intermediate-ca.pem", selector: 1, digest: "sha256")
        #expect(TLSAMatcher.position(of: TLSARecord(usage: 2, selector: 1, matchingType: 1, data: issuer), in: chain) == 1)
        #expect(TLSAMatcher.position(of: TLSARecord(usage: 3, selector: 1, matchingType: 1, data: issuer), in: chain) == nil)
        let full = try data("intermediate-ca.pem", selector: 0, digest: "sha512")
        #expect(TLSAMatcher.position(of: TLSARecord(usage: 2, selector: 0, matchingType: 2, data: full), in: chain) == 1)
    }

    @Test("Another PKI's CA, a changed byte and a PKIX usage match nothing")
    func mismatches() throws {
        let chain = try chain("good")
        let other = try data("other-intermediate-ca.pem", selector: 1, digest: "sha256")
        #expect(TLSAMatcher.position(of: TLSARecord(usage: 2, selector: 1, matchingType: 1, data: other), in: chain) == nil)
        var leaf = try data("good/leaf.pem", selector: 1, digest: "sha256")
        leaf[0] ^= 1
        let changed = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: leaf)
        #expect(TLSAMatcher.matches([changed], chain: chain).isEmpty)
        // The very data of a matching 3 1 1 record, as PKIX-EE: SMTP ignores usage 1.
        let pkix = TLSARecord(usage: 1, selector: 1, matchingType: 1, data: try data("good/leaf.pem", selector: 1, digest: "sha256"))
        #expect(TLSAMatcher.unusable(pkix) == .pkixUsage(1))
        #expect(TLSAMatcher.position(of: pkix, in: chain) == nil)
        #expect(TLSAMatcher.unusable(TLSARecord(usage: 3, selector: 1, matchingType: 7, data: [])) == .unknownParameter)
    }

    @Test("Of several records the matching ones are reported with their positions")
    func several() throws {
        let chain = try chain("good-ecdsa")
        let leaf = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: try data("good-ecdsa/leaf.pem", selector: 1, digest: "sha256"))
        let stale = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: try data("good/leaf.pem", selector: 1, digest: "sha256"))
        let matches = TLSAMatcher.matches([stale, leaf], chain: chain)
        #expect(matches.map(\.record) == [leaf])
        #expect(matches.map(\.position) == [0])
    }
}
