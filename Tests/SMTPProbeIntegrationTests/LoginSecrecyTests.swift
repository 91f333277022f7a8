import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// The password of `--login` never appears in any output: every format, every outcome (a
/// login that succeeds, one refused, one refused by address, one not tried), and the error
/// paths, and the transcript of every line sent, in clear and in the base64 forms AUTH PLAIN,
/// AUTH LOGIN and AUTHENTICATE PLAIN send.
@Suite("The login password never appears in any output", .serialized, .timeLimit(.minutes(5)))
struct LoginSecrecyTests {
    static let formats = ["text", "json", "jsonl", "nagios", "prometheus"]

    /// Every form of `password` that could leak.
    static func forms(of password: String) -> [String] {
        [password,
         Data(password.utf8).base64EncodedString(),
         Data("\u{0}\(DovecotServer.user)\u{0}\(password)".utf8).base64EncodedString()]
    }

    static func expectSecret(_ run: CLITests.Run, _ password: String, _ what: String) {
        for form in forms(of: password) {
            #expect(!run.stdout.contains(form), "stdout of \(what) holds the password (\(form.count) chars)")
            #expect(!run.stderr.contains(form), "stderr of \(what) holds the password")
        }
    }

    @Test func noFormatShowsThePassword() async throws {
        let password = try await DovecotServer.shared.password()
        let dovecot = try await DovecotServer.shared.ports()
        let postfix = try await PostfixServer.shared.ports()
        let cases: [(String, Int, String, String)] = [
            ("pop3", try #require(dovecot["pop3s"]), "implicit", "mx.test.example"),
            ("imap", try #require(dovecot["imap"]), "starttls", "mx.test.example"),
            ("imap", try #require(dovecot["restricted-imaps"]), "implicit", "mx.test.example"),
            ("submission", try #require(postfix["submission"]), "starttls", "mx.test.example"),
            // The certificate does not name this host: the login is not tried.
            ("pop3", try #require(dovecot["pop3s"]), "implicit", "other.test.example"),
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-pw-\(getpid())")
        try (password + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for (mailProtocol, port, tls, host) in cases {
            for format in Self.formats {
                // With the transcript (every line sent and received) in the formats that carry it.
                let arguments = ["\(host):\(port)", "--protocol", mailProtocol, "--tls", tls, "--connect-to", "127.0.0.1",
                                 "--ca-file", FixtureCertificate.rootsPath, "--login", DovecotServer.user, "--format", format]
                    + (["text", "json", "jsonl"].contains(format) ? ["--transcript"] : [])
                let fromEnvironment = try await CLITests.run(arguments, environment: ["SMTP_PROBE_PASSWORD": password])
                #expect(fromEnvironment.status != 3, "\(arguments): \(fromEnvironment.stderr)")
                Self.expectSecret(fromEnvironment, password, arguments.joined(separator: " "))
                let fromFile = try await CLITests.run(arguments + ["--password-file", file.path])
                Self.expectSecret(fromFile, password, arguments.joined(separator: " ") + " --password-file")
                #expect(fromFile.status == fromEnvironment.status)
            }
        }
        // A wrong password is as secret as the right one.
        let wrong = "Wrong-Pw-93kd"
        let run = try await CLITests.run(["mx.test.example:\(try #require(dovecot["pop3s"]))", "--protocol", "pop3",
                                          "--connect-to", "127.0.0.1", "--tls", "implicit", "--ca-file", FixtureCertificate.rootsPath,
                                          "--login", DovecotServer.user, "--json"],
                                         environment: ["SMTP_PROBE_PASSWORD": wrong])
        #expect(run.stdout.contains("auth.login_failed"))
        Self.expectSecret(run, wrong, "a wrong password")
        // The transcript shows that the credentials were sent, masked.
        let transcript = try await CLITests.run(["mx.test.example:\(try #require(dovecot["imaps"]))", "--protocol", "imap",
                                                 "--connect-to", "127.0.0.1", "--tls", "implicit", "--ca-file",
                                                 FixtureCertificate.rootsPath, "--login", DovecotServer.user, "--transcript"],
                                                environment: ["SMTP_PROBE_PASSWORD": password])
        #expect(transcript.stdout.contains("a2 LOGIN ********"))
        Self.expectSecret(transcript, password, "the IMAP transcript")
    }

    /// Error paths: a password with a line break, and a password file that is a directory.
    @Test func errorsDoNotShowThePassword() async throws {
        let secret = "Line-Break-Pw\r\nQUIT"
        let run = try await CLITests.run(["mx.test.example:995", "--protocol", "pop3", "--login", "u@test.example",
                                          "--format", "nagios"], environment: ["SMTP_PROBE_PASSWORD": secret])
        #expect(run.status == 3)
        #expect(run.stderr.contains("control character") || run.stdout.contains("control character"))
        Self.expectSecret(run, secret, "a password with a line break")
        #expect(!run.stdout.contains("Line-Break-Pw") && !run.stderr.contains("Line-Break-Pw"))
        let missing = try await CLITests.run(["mx.test.example:995", "--protocol", "pop3", "--login", "u@test.example"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("SMTP_PROBE_PASSWORD"))
        // A password file that is not UTF-8 would be sent with replacement characters, another
        // password than the file's: refused before any connection, without its bytes.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try Data([0x4c, 0x61, 0x74, 0x69, 0x6e, 0xe9, 0x2d, 0x70, 0x77, 0x0a]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let latin1 = try await CLITests.run(["mx.test.example:995", "--protocol", "pop3", "--login", "u@test.example",
                                             "--password-file", file.path, "--connect-to", "127.0.0.1:1"])
        #expect(latin1.status == 3)
        #expect(latin1.stderr.contains("the password file is not UTF-8 text"), "\(latin1.stderr)")
        #expect(!latin1.stderr.contains("Latin") && !latin1.stdout.contains("Latin"))
    }

    /// A server that repeats the password in its refusal, plain and in base64: neither the
    /// login's reply nor the transcript of the server's lines shows it.
    @Test func aServerEchoingThePasswordIsMaskedInTheTranscript() async throws {
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.echoesRefusedPassword = true
        let server = try await POP3StyleServer.start(behaviour)
        defer { Task { await server.stop() } }
        // The second holds an invisible character, which the transcript escapes: it is masked
        // before the escaping, or its escaped form would show the rest of it.
        for (password, format) in [("Echoed-Pw-51xq", "text"), ("Echoed-Pw-51xq", "json"), ("Echoed\u{200B}Tail-9q", "text")] {
            let run = try await CLITests.run(["mx.test.example:\(server.port)", "--protocol", "pop3", "--tls", "starttls",
                                              "--connect-to", "127.0.0.1", "--ca-file", FixtureCertificate.rootsPath,
                                              "--login", "a@isp.example", "--transcript", "--format", format],
                                             environment: ["SMTP_PROBE_PASSWORD": password])
            #expect(run.stdout.contains("wrong password ********"), "\(run.stdout)")
            Self.expectSecret(run, password, "an echoing server, \(format)")
            #expect(!run.stdout.contains("Tail-9q") && !run.stderr.contains("Tail-9q"), "\(run.stdout)")
        }
    }
}
