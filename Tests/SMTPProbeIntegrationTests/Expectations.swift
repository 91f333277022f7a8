import Foundation
import SMTPProbe
import SMTPProbeFixtures

/// What each fixture certificate must produce when probed as mx.test.example, trusting the
/// test root, at a fixed validation time (so the tests never rot).
enum Expectations {
    static let validationTime = ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z")!

    static let certificateCases: [(FixtureCertificate, [FindingCode], Verdict)] = [
        (.good, [], .pass),
        (.goodECDSA, [], .pass),
        (.wildcard, [], .pass),
        (.ipSAN, [], .pass),
        (.expiring, [], .pass),
        (.expired, [.certExpired], .fail),
        (.notYetValid, [.certNotYetValid], .fail),
        (.wrongHost, [.certHostnameMismatch], .fail),
        (.partialWildcard, [.certHostnameMismatch], .fail),
        (.cnOnly, [.certNoSAN], .fail),
        (.selfSigned, [.certSelfSigned], .fail),
        (.missingIntermediate, [.certIncompleteChain], .fail),
        (.untrustedRoot, [.certUntrustedRoot], .fail),
        (.weakKey, [.certWeakKey], .fail),
        (.weakSignature, [.certWeakSignature], .fail),
        // Path building: each verifies, by another path than the one sent for the first two.
        (.crossSigned2021, [.certAlternativePath], .warn),
        (.crossSignedTwin, [.certAlternativePath], .warn),
        (.extraOutOfOrder, [], .pass),
        (.sentRoot, [], .pass),
        (.sha1Twin, [], .pass),
    ]

    /// Probes a fixture server with `behaviour`, started for this probe alone.
    static func probe(_ behaviour: FixtureBehaviour, host: String = FixtureCertificate.routeHost,
                      timeout: Double = 5, at time: Date = validationTime) async throws -> ProbeReport {
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        return try await SMTPProber().probe(
            ProbeTarget(host: host, port: server.port),
            options: options(connectTo: "127.0.0.1:\(server.port)", timeout: timeout, at: time))
    }

    static func options(connectTo: String, timeout: Double = 5, at time: Date = validationTime) -> ProbeOptions {
        var options = ProbeOptions()
        options.trust = .file(FixtureCertificate.rootsPath)
        options.connectTo = connectTo
        options.timeout = timeout
        options.validationTime = time
        options.ehloName = "probe.smtp-probe.test"
        return options
    }
}
