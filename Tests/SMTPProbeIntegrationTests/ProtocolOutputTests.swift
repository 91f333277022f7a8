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

    /// `--targets` under `--protocol pop3`: a line's port is honoured (Dovecot's POP3 with STLS
    /// passes there), and a line without one is probed on POP3S's 995 as a positional target
    /// would be, not on SMTP's 25 (nothing listens on 127.0.0.1:995: refused, said with that port).
    @Test func targetsFileLinesTakeTheProtocolsPort() async throws {
        let pop3 = try #require(try await DovecotServer.shared.ports()["pop3"])
        let file = try ExternalCheckers.temporaryFile("targets.txt", contents: "mx.test.example:\(pop3)\nmx.test.example   # no port\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await CLITests.run(["--protocol", "pop3", "--targets", file, "--connect-to", "127.0.0.1",
                                          "--ca-file", FixtureCertificate.rootsPath, "--format", "jsonl"])
        let port: ([String: Any]) -> Int? = { ($0["target"] as? [String: Any])?["port"] as? Int }
        // JSON Lines come as the probes end, in any order: the Dovecot line's report first.
        let reports = try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }.sorted { port($0) == pop3 && port($1) != pop3 }
        let targets = reports.map { $0["target"] as? [String: Any] ?? [:] }
        #expect(targets.map { $0["port"] as? Int } == [pop3, 995], "\(run.stdout)\(run.stderr)")
        #expect(targets.allSatisfy { $0["protocol"] as? String == "pop3" })
        #expect(reports.map { $0["verdict"] as? String } == ["pass", "fail"], "\(run.stdout)")
        let refused = (reports.last?["addresses"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]
        #expect(refused?.first?["code"] as? String == "connect.refused")
        #expect(refused?.first?["message"] as? String == "Connection to 127.0.0.1 port 995 refused")
    }
}
