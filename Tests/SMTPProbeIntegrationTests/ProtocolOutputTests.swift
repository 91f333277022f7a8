import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// The reports of `--protocol pop3|imap|submission`, with the login test and the transcript,
/// as the command prints them: valid against docs/report.schema.json, and Prometheus output
/// that promtool accepts.
@Suite("Reports of every protocol match the schema", .serialized, .timeLimit(.minutes(3)))
struct ProtocolOutputTests {
    @Test func jsonLinesOfEveryProtocolMatchTheSchema() async throws {
        let password = try await DovecotServer.shared.password()
        let dovecot = try await DovecotServer.shared.ports()
        let postfix = try await PostfixServer.shared.ports()
        let targets: [(String, Int, String, String)] = [
            ("pop3", try #require(dovecot["pop3s"]), "implicit", password),
            ("pop3", try #require(dovecot["pop3"]), "starttls", "wrong-password"),
            ("imap", try #require(dovecot["imap"]), "starttls", password),
            ("imap", try #require(dovecot["restricted-imaps"]), "implicit", password),
            ("submission", try #require(postfix["submission"]), "starttls", password),
            ("submission", try #require(postfix["submission-clear-auth"]), "starttls", "wrong-password"),
        ]
        var lines = ""
        for (mailProtocol, port, tls, secret) in targets {
            let arguments = ["mx.test.example:\(port)", "--protocol", mailProtocol, "--tls", tls, "--connect-to", "127.0.0.1",
                             "--ca-file", FixtureCertificate.rootsPath, "--login", DovecotServer.user]
            let json = try await CLITests.run(arguments + ["--format", "jsonl", "--transcript"],
                                              environment: ["SMTP_PROBE_PASSWORD": secret])
            #expect(json.stdout.contains("\"protocol\":\"\(mailProtocol)\""), "\(arguments): \(json.stderr)")
            lines += json.stdout
            let prometheus = try await CLITests.run(arguments + ["--format", "prometheus"],
                                                    environment: ["SMTP_PROBE_PASSWORD": secret])
            let file = try ExternalCheckers.temporaryFile("protocol.prom", contents: prometheus.stdout)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let checked = try await ExternalCheckers.promtoolCheck(file)
            #expect(checked.passed, "\(mailProtocol): \(checked.output)")
        }
        let outcome = try await ExternalCheckers.validateAgainstSchema(jsonLines: lines)
        #expect(outcome.passed, "\(outcome.output)")
    }
}
