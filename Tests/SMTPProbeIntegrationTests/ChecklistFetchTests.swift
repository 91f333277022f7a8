import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `smtp-probe checklist` live, for the mailboxes Gmail fetches: each one's POP3 server
/// against the fixture Dovecot (POP3 with SSL, POP3 with STLS, and a listener whose password
/// database refuses logins from this address, as a provider limiting logins by IP does) and
/// its SMTP server ("Send mail as") against the fixture Postfix's submission listener, which
/// checks passwords through that Dovecot. Every server is named mx.test.example, as its
/// certificate, and reached on 127.0.0.1 with `--fetch-connect-to`.
@Suite("The checklist's fetched mailboxes, live against Dovecot and Postfix", .serialized, .timeLimit(.minutes(3)))
struct ChecklistFetchTests {
    /// A wrong password, for the failed login; like the right one, it must never be shown.
    static let wrongPassword = "Wrong-Fetch-Password-42"

    private func run(_ plan: String, _ extra: [String] = ["--json"], roots: Bool = true,
                     environment: [String: String] = [:]) async throws -> CLITests.Run {
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: plan)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await CLITests.run(["checklist", path, "--fetch-connect-to", "127.0.0.1", "--at", "2026-06-01T00:00:00Z",
                                       "--timeout", "5"] + (roots ? ["--ca-file", FixtureCertificate.rootsPath] : []) + extra,
                                      environment: environment)
    }

    private func report(_ run: CLITests.Run) async throws -> ChecklistReport {
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "checklistReport")
        #expect(outcome.passed, "\(outcome.output)")
        return try JSONDecoder().decode(ChecklistReport.self, from: Data(run.stdout.utf8))
    }

    private func ports() async throws -> (dovecot: [String: Int], submission: Int) {
        let postfix = try await PostfixServer.shared.ports()
        return (try await DovecotServer.shared.ports(), try #require(postfix["submission"]))
    }

    /// POP3 with SSL and "Send mail as" over STARTTLS, both logging in with the password from
    /// the plan's `password_file`: two lines passed, each saying the login works, and the
    /// password nowhere in the output.
    @Test func aMailboxWhoseServersWorkPassesWithItsLogin() async throws {
        let (dovecot, submission) = try await ports()
        let pop3s = try #require(dovecot["pop3s"])
        let plan = """
            fetch:
              - address: \(DovecotServer.user)
                pop3: mx.test.example:\(pop3s)
                smtp: mx.test.example:\(submission)
                password_file: \(DovecotServer.passwordFile)

            """
        let run = try await run(plan)
        let report = try await report(run)
        let live = report.checks.filter(\.live)
        #expect(run.status == 0, "\(live.map(\.message)) \(run.stderr)")
        #expect(live.map(\.code) == ["checklist.fetch_pop3", "checklist.fetch_smtp"])
        #expect(live.map(\.location.line) == [3, 4])
        #expect(live.allSatisfy { $0.status == .pass && $0.message.hasSuffix("and \(DovecotServer.user) can log in") },
                "\(live.map(\.message))")
        #expect(live[0].message.hasPrefix("\(DovecotServer.user): POP3 server mx.test.example:\(pop3s) passes the TLS test"))
        let password = try await DovecotServer.shared.password()
        #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
        // In Japanese, as the rest of the checklist.
        let ja = try await self.run(plan, ["--lang", "ja"])
        #expect(ja.status == 0)
        #expect(ja.stdout.contains("  ✔ \(DovecotServer.user): POP3 サーバー mx.test.example:\(pop3s) は TLS 接続テストに合格し、\(DovecotServer.user) でログインできます"), "\(ja.stdout)")
        #expect(ja.stdout.contains("SMTP サーバー mx.test.example:\(submission) は TLS 接続テストに合格し"))
        #expect(!ja.stdout.contains("passes") && !ja.stdout.contains("log in"))
    }

    /// A wrong password (from `password_env`) is the login failure with the provider remedies,
    /// on both servers; the password is in no format.
    @Test func aWrongPasswordFailsTheLoginAndIsNeverShown() async throws {
        let (dovecot, submission) = try await ports()
        let plan = """
            fetch:
              - address: someone@isp.example
                login: \(DovecotServer.user)
                pop3: mx.test.example:\(try #require(dovecot["pop3s"]))
                smtp: mx.test.example:\(submission)
                password_env: FETCH_PASSWORD

            """
        let environment = ["FETCH_PASSWORD": Self.wrongPassword]
        let json = try await run(plan, environment: environment)
        let live = try await report(json).checks.filter(\.live)
        #expect(json.status == 2)
        #expect(live.map(\.code) == ["auth.login_failed", "auth.login_failed"], "\(live.map(\.message))")
        #expect(live.allSatisfy { $0.status == .fail && $0.message.hasPrefix("someone@isp.example: mx.test.example:") })
        // The seed-004 remedy: a provider refusing Google's addresses looks like a wrong password.
        #expect(live.allSatisfy { $0.remedies.count == 3 })
        for format in [["--json"], ["--format", "text"], ["--format", "markdown"], ["--format", "text", "--lang", "ja"]] {
            let run = try await run(plan, format, environment: environment)
            #expect(run.status == 2)
            #expect(!run.stdout.contains(Self.wrongPassword) && !run.stderr.contains(Self.wrongPassword), "\(format)")
            #expect(!run.stdout.contains(Data(Self.wrongPassword.utf8).base64EncodedString()), "\(format)")
        }
    }

    /// A provider that admits logins only from some addresses: the plan's own line says what to
    /// expect, and the live login, with the right password, fails as it will for Gmail.
    @Test func aProviderRestrictingAddressesFailsTheRightLogin() async throws {
        let (dovecot, _) = try await ports()
        let run = try await run("""
            fetch:
              - address: \(DovecotServer.user)
                pop3: mx.test.example:\(try #require(dovecot["restricted-pop3s"]))
                provider_restricts_ip: true
                password_file: \(DovecotServer.passwordFile)

            """)
        let checks = try await report(run).checks
        #expect(run.status == 2)
        #expect(checks.contains { $0.code == "fetch.provider_restricts_ip" && $0.status == .fail && !$0.live })
        let live = checks.filter(\.live)
        #expect(live.map(\.code) == ["auth.login_failed"] && live[0].location.line == 3, "\(live.map(\.message))")
    }

    /// The plan's SSL setting is what is tested: without SSL the server's STLS is met (and the
    /// plan's line fails); SSL to a server that expects STLS fails the handshake. Without a
    /// password no login is tried, and the line says so.
    @Test func theTLSOfThePlanIsWhatIsTested() async throws {
        let (dovecot, _) = try await ports()
        let stls = try #require(dovecot["pop3"])
        let run = try await run("""
            fetch:
              - address: plain@isp.example
                pop3: mx.test.example:\(stls)
                pop3_ssl: false
              - address: ssl@isp.example
                pop3: mx.test.example:\(stls)

            """)
        let checks = try await report(run).checks
        #expect(run.status == 2)
        #expect(checks.contains { $0.code == "fetch.pop3_not_ssl" && $0.location.line == 4 })
        let live = checks.filter(\.live)
        #expect(live.count == 2 && live[0].status == .pass, "\(live.map(\.message))")
        #expect(live[0].message == "plain@isp.example: POP3 server mx.test.example:\(stls) passes the TLS test (no login tried: the plan gives no password)")
        #expect(live[1].status == .fail && live[1].code.hasPrefix("tls.") && live[1].location.line == 6, "\(live[1].code)")
    }

    /// The password goes only to a server whose certificate verifies: without the fixture
    /// roots the chain is untrusted, the login is not tried, and a line says why.
    @Test func anUnverifiedCertificateGetsNoPassword() async throws {
        let (dovecot, _) = try await ports()
        let run = try await run("""
            fetch:
              - address: \(DovecotServer.user)
                pop3: mx.test.example:\(try #require(dovecot["pop3s"]))
                password_file: \(DovecotServer.passwordFile)

            """, roots: false)
        let live = try await report(run).checks.filter(\.live)
        #expect(run.status == 2)
        #expect(live.first?.code.hasPrefix("cert.") == true && live.first?.status == .fail, "\(live.map(\.code))")
        // A mailbox's server is no route: no route setting to turn off, and its provider to ask.
        let remedies = live.first?.remedies ?? []
        #expect(remedies.map(\.kind) == ["install_trusted_certificate", "ask_mail_provider"], "\(remedies.map(\.kind))")
        #expect(!remedies.contains { $0.text.contains("route") })
        let login = try #require(live.last)
        #expect(login.code == "checklist.fetch_login" && login.status == .notChecked)
        #expect(login.message.hasSuffix("not checked (the certificate did not verify; the password is sent only to a verified server)"))
    }

    /// A server that never greets, cut short by `--deadline`: a failure that stops the
    /// cut-over, as a route host cut short is, never a check that does not count.
    @Test func aServerCutShortByTheDeadlineFails() async throws {
        var silent = POP3StyleServer.Behaviour()
        silent.greeting = []
        let server = try await POP3StyleServer.start(silent)
        defer { Task { await server.stop() } }
        let run = try await run("""
            fetch:
              - { address: a@isp.example, pop3: "mx.test.example:\(server.port)", pop3_ssl: false }

            """, ["--json", "--deadline", "1", "--timeout", "30"])
        let live = try await report(run).checks.filter(\.live)
        #expect(run.status == 2)
        #expect(live.map(\.code) == ["probe.deadline_exceeded"] && live[0].status == .fail, "\(live.map(\.message))")
    }

    /// Mailboxes on one server, alike in TLS and login, share one probe: one connection, a
    /// line on each mailbox.
    @Test func oneServerIsProbedOnce() async throws {
        let server = try await POP3StyleServer.start()
        defer { Task { await server.stop() } }
        let run = try await run("""
            fetch:
              - { address: a@isp.example, pop3: "mx.test.example:\(server.port)", pop3_ssl: false }
              - { address: b@isp.example, pop3: "MX.Test.Example.:\(server.port)", pop3_ssl: false }

            """)
        let live = try await report(run).checks.filter(\.live)
        #expect(live.map(\.location.line) == [2, 3])
        #expect(live.allSatisfy { $0.code == "checklist.fetch_pop3" && $0.status == .pass }, "\(live.map(\.message))")
        #expect(server.connections == 1)
    }

    /// Many mailboxes at one provider, each with its own login, reach its server one at a
    /// time, as the route and domain tests' hosts do: a provider that sees a burst of
    /// connections and logins from one client takes it for an attack.
    @Test func manyMailboxesOnOneServerAreProbedOneAtATime() async throws {
        let server = try await POP3StyleServer.start()
        defer { Task { await server.stop() } }
        let mailboxes = (1...6).map { "  - { address: u\($0)@isp.example, pop3: \"mx.test.example:\(server.port)\", pop3_ssl: false, password_env: FETCH_PASSWORD }" }
        let run = try await run("fetch:\n" + mailboxes.joined(separator: "\n") + "\n\n", environment: ["FETCH_PASSWORD": Self.wrongPassword])
        let live = try await report(run).checks.filter(\.live)
        #expect(Set(live.map(\.location.line)) == Set(2...7), "\(live.map(\.message))")
        #expect(server.connections == 6)
        #expect(server.peakConnections == 1)
    }

    /// The login of the plan is text anyone may have written: the line saying it can log in
    /// shows it under the rule for untrusted text, as the line saying it was not tried does
    /// (a right-to-left override would reorder the rest of the terminal line).
    @Test func theLoginThatWorkedIsShownEscaped() async throws {
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.acceptsAnyLogin = true
        let server = try await POP3StyleServer.start(behaviour)
        defer { Task { await server.stop() } }
        let run = try await run("""
            fetch:
              - { address: a@isp.example, login: "user\\u202Etxt.exe", pop3: "mx.test.example:\(server.port)", pop3_ssl: false, password_env: FETCH_PASSWORD }

            """, ["--format", "text"], environment: ["FETCH_PASSWORD": Self.wrongPassword])
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("can log in") }, "\(run.stdout)")
        #expect(!line.unicodeScalars.contains("\u{202E}"), "\(line)")
        #expect(line.contains("user\\u{202E}txt.exe can log in") || line.contains("user\\u202E"), "\(line)")
    }

    /// A server written as a bare IPv6 address is shown with brackets before the port the
    /// probe takes: "::1:995" reads as another address.
    @Test func anIPv6ServerIsShownInBracketsWithItsPort() async throws {
        let run = try await run("""
            fetch:
              - { address: a@isp.example, pop3: "::1", smtp: "[::1]:465" }

            """, ["--offline", "--json"])
        let lines = try await report(run).checks.filter(\.live).map(\.message)
        #expect(lines == ["a@isp.example: the POP3 server [::1]:995: not checked (--offline)",
                          "a@isp.example: the SMTP server [::1]:465: not checked (--offline)"], "\(lines)")
    }

    /// A server that repeats the password in its refusal, plain and in base64: the refusal is
    /// shown, the password in no form and no format.
    @Test func aServerEchoingThePasswordDoesNotPutItInTheReport() async throws {
        var behaviour = POP3StyleServer.Behaviour()
        behaviour.echoesRefusedPassword = true
        let server = try await POP3StyleServer.start(behaviour)
        defer { Task { await server.stop() } }
        let plan = """
            fetch:
              - { address: a@isp.example, pop3: "mx.test.example:\(server.port)", pop3_ssl: false, password_env: FETCH_PASSWORD }

            """
        for format in [["--json"], ["--format", "text"], ["--format", "markdown"]] {
            let run = try await run(plan, format, environment: ["FETCH_PASSWORD": Self.wrongPassword])
            #expect(run.status == 2 && run.stdout.contains("wrong password"), "\(format) \(run.stdout)")
            for form in [Self.wrongPassword, Data(Self.wrongPassword.utf8).base64EncodedString()] {
                #expect(!run.stdout.contains(form) && !run.stderr.contains(form), "\(format) \(form)")
            }
        }
    }

    /// A mistyped `--fetch-connect-to` is an error naming the option before any live check
    /// is made, not after the others (the fetched mailboxes come last).
    @Test func aBadFetchConnectToStopsTheRunBeforeAnyProbe() async throws {
        let server = try await POP3StyleServer.start()
        defer { Task { await server.stop() } }
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: """
            routes:
              - { name: Lab, host: "127.0.0.1:\(server.port)" }
            fetch:
              - { address: a@isp.example, pop3: pop.isp.example }

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await CLITests.run(["checklist", path, "--fetch-connect-to", "127.0.0.1:0", "--timeout", "5"])
        #expect(run.status == 3 && run.stdout.isEmpty)
        #expect(run.stderr.contains("--fetch-connect-to: '127.0.0.1:0': '0' is not a port number"), "\(run.stderr)")
        #expect(server.connections == 0)
    }

    /// A password the plan points to but that cannot be had stops the run (exit 3) with the
    /// plan's line; `--offline` reads no password at all.
    @Test func aMissingPasswordIsAnErrorOnlyWhenLive() async throws {
        let plan = """
            fetch:
              - address: user@isp.example
                pop3: pop.isp.example
                password_env: FETCH_PASSWORD_NOT_SET

            """
        let live = try await run(plan, ["--format", "text"])
        #expect(live.status == 3 && live.stdout.isEmpty)
        #expect(live.stderr.contains("plan.yaml:4: password_env: the environment variable FETCH_PASSWORD_NOT_SET is not set"), "\(live.stderr)")
        let offline = try await run(plan, ["--offline", "--json"])
        #expect(offline.status == 0, "\(offline.stderr)")
        let lines = try await report(offline).checks.filter(\.live)
        #expect(lines.map(\.status) == [.notChecked] && lines[0].message == "user@isp.example: the POP3 server pop.isp.example:995: not checked (--offline)")
    }
}
