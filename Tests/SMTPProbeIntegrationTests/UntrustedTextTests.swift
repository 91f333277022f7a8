import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// What a server or its certificate says reaches every output format with its control and
/// invisible formatting characters escaped: a C1 CSI (U+009B) would drive a terminal, a
/// right-to-left override (U+202E) would turn `elpmaxe` into `example`, a line separator
/// (U+2028) would break a Nagios status line in some viewers.
@Suite("Untrusted text in every format", .timeLimit(.minutes(2)))
struct UntrustedTextTests {
    /// The characters that must never come out raw.
    static let forbidden: [Unicode.Scalar] = ["\u{9B}", "\u{1B}", "\u{202E}", "\u{2028}", "\u{200D}"]

    static func rawCharacters(in text: String) -> [String] {
        text.unicodeScalars.filter { forbidden.contains($0) }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    static func hostileServer() async throws -> FixtureSMTPServer {
        var behaviour = FixtureBehaviour(certificate: .hostileNames)
        behaviour.greeting = ["220 mx.test.example \u{202E}PTMSE\u{2028}\u{9B}2J ready"]
        return try await FixtureSMTPServer.start(behaviour)
    }

    static func arguments(_ server: FixtureSMTPServer, at time: String = "2026-06-01T00:00:00Z") -> [String] {
        ["mx.test.example:\(server.port)", "--connect-to", "127.0.0.1", "--ca-file", FixtureCertificate.rootsPath,
         "--ehlo", "probe.smtp-probe.test", "--at", time]
    }

    @Test(arguments: [[], ["--lang", "ja"], ["--format", "nagios"], ["--format", "prometheus"]])
    func certificateNamesAndRepliesAreShownEscapedInText(format: [String]) async throws {
        let server = try await Self.hostileServer()
        defer { Task { await server.stop() } }
        let run = try await CLITests.run(Self.arguments(server) + format)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(Self.rawCharacters(in: run.stdout) == [])
        #expect(Self.rawCharacters(in: run.stderr) == [])
        if format.contains("nagios") {
            #expect(run.stdout.split(separator: "\n").count == 1)
        } else if !format.contains("prometheus") {
            // The leaf's subject and its SANs, as the certificate section shows them.
            #expect(run.stdout.contains("CN=mx.test.example\\u{2028}\\u{202E}elpmaxe,O=Evil\\x9B[2J\\u{202E}Corp"))
            #expect(run.stdout.contains("evil\\x9B2J.test.example"))
            #expect(run.stdout.contains("a\\u{2028}b\\u{200D}.test.example"))
            #expect(run.stdout.contains("mx.test.example\\u{202E}"))
        }
    }

    /// The Nagios status line quotes the server when it refuses this client: escaped, on one
    /// line. (With the certificate above it shows no certificate text; see the test before.)
    @Test func nagiosStatusLinesShowServerTextEscaped() async throws {
        var refusing = FixtureBehaviour()
        refusing.greeting = ["554 5.7.1 \u{202E}dekcolb\u{2028}\u{9B}2J go away"]
        let refuser = try await FixtureSMTPServer.start(refusing)
        defer { Task { await refuser.stop() } }
        let refused = try await CLITests.run(Self.arguments(refuser) + ["--format", "nagios"])
        #expect(Self.rawCharacters(in: refused.stdout) == [])
        #expect(refused.stdout.contains("554 5.7.1 \\u{202E}dekcolb\\u{2028}\\x9B2J go away"), "\(refused.stdout)")
    }

    /// JSON carries the same shown text as the other formats (as it always did for replies),
    /// so that a tool printing a JSON field does not print the raw characters either.
    @Test func jsonCarriesTheSameEscapedText() async throws {
        let server = try await Self.hostileServer()
        defer { Task { await server.stop() } }
        let run = try await CLITests.run(Self.arguments(server) + ["--json"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(Self.rawCharacters(in: run.stdout) == [])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let certificates = try #require(report["certificates"] as? [[String: Any]])
        let leaf = try #require(certificates.first)
        #expect(leaf["subject"] as? String == "CN=mx.test.example\\u{2028}\\u{202E}elpmaxe,O=Evil\\x9B[2J\\u{202E}Corp")
        #expect(leaf["dns_names"] as? [String] == ["mx.test.example\\u{202E}", "evil\\x9B2J.test.example", "a\\u{2028}b\\u{200D}.test.example"])
        let smtp = try #require(report["smtp"] as? [String: Any])
        let greeting = try #require(smtp["greeting"] as? [String: Any])
        #expect(greeting["lines"] as? [String] == ["mx.test.example \\u{202E}PTMSE\\u{2028}\\x9B2J ready"])
        let codes = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("cert.hostname_mismatch"))
    }
}
