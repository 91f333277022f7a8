import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// A server that requires a client certificate, played by the fixture server with OpenSSL's
/// SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT. In TLS 1.3 its refusal (alert 116,
/// certificate_required) comes after the client has finished the handshake, while the reply to
/// EHLO is awaited; in TLS 1.2 it is a handshake_failure alert after CertificateRequest.
@Suite("Servers that require a client certificate", .timeLimit(.minutes(1)))
struct ClientCertificateTests {
    /// Words of SwiftNIO or of Swift itself that must never reach a report.
    static let internalWords = ["NIO", "Error(", "IOError", "errnoCode", "TLSHandshakeFailed", "OpenSSLErrorEntry"]

    @Test(arguments: [FixtureTLSVersion?.none, .tlsv1_2])
    func saidAsAHandshakeFailureThatNamesTheClientCertificate(maximum: FixtureTLSVersion?) async throws {
        var behaviour = FixtureBehaviour()
        behaviour.requiresClientCertificate = true
        behaviour.maximumTLSVersion = maximum
        let report = try await Expectations.probe(behaviour)
        #expect(report.findings.map(\.code) == [.tlsHandshakeFailed])
        #expect(report.findings.first?.message == "The server requires a client certificate")
        for finding in report.findings {
            let texts = [finding.message, finding.detail ?? ""] + finding.remedies.map(\.text)
            for text in texts {
                #expect(!Self.internalWords.contains { text.contains($0) }, "\(text)")
            }
        }
        #expect(report.verdict == .fail)
    }
}
