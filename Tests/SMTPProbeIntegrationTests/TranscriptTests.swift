import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import SMTPProbe
import SMTPProbeFixtures

/// `--transcript`: every line sent and received, with timings and the TLS start marked, what an
/// admin pastes into a ticket; against the real Postfix on loopback, secrets masked.
@Suite("Transcript", .timeLimit(.minutes(2)))
struct TranscriptTests {
    private func probeArguments(_ port: Int) -> [String] {
        ["mx.test.example:\(port)", "--connect-to", "127.0.0.1:\(port)", "--ca-file", FixtureCertificate.rootsPath,
         "--ehlo", "probe.smtp-probe.test", "--at", "2026-06-01T00:00:00Z", "--timeout", "5"]
    }

    @Test func theTextReportShowsEveryLineInOrderWithTLSMarked() async throws {
        let good = try #require(try await PostfixServer.shared.ports()["good"])
        let run = try await CLITests.run(probeArguments(good) + ["--transcript"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { String($0) }
        #expect(lines.contains { $0.hasPrefix("  Transcript (ms since the connection was established") })
        // "    12.3  S: ..." : the time, then who spoke.
        func index(_ suffix: String) -> Int? {
            lines.firstIndex { $0.range(of: #"^ +[0-9]+\.[0-9]  "#, options: .regularExpression) != nil && $0.hasSuffix(suffix) }
        }
        let greeting = try #require(index("S: 220 mx.test.example ESMTP smtp-probe fixture"))
        let ehlo = try #require(index("C: EHLO probe.smtp-probe.test"))
        let starttls = try #require(index("C: STARTTLS"))
        let handshake = try #require(index("-- TLS handshake begins"))
        let established = try #require(lines.firstIndex { $0.contains("-- TLS established: TLS 1.") })
        let quit = try #require(index("C: QUIT"))
        #expect(greeting < ehlo && ehlo < starttls && starttls < handshake && handshake < established && established < quit)
        #expect(lines[(established + 1)...].contains { $0.hasSuffix("C: EHLO probe.smtp-probe.test") })
        // Without the flag, no transcript.
        let plain = try await CLITests.run(probeArguments(good))
        #expect(!plain.stdout.contains("Transcript"))
    }

    @Test func theJSONReportCarriesItWhenAskedAndMatchesTheSchema() async throws {
        let good = try #require(try await PostfixServer.shared.ports()["good"])
        let run = try await CLITests.run(probeArguments(good) + ["--transcript", "--format", "jsonl"])
        let schema = try await ExternalCheckers.validateAgainstSchema(jsonLines: run.stdout)
        #expect(schema.passed, "\(schema.output)")
        let report = try JSONDecoder.reports.decode(ProbeReport.self, from: Data(run.stdout.utf8))
        let transcript = try #require(report.addresses.first?.transcript)
        #expect(transcript.map(\.kind).filter { $0 != .received } ==
                [.sent, .sent, .tlsStarted, .tlsEstablished, .sent, .sent])
        #expect(transcript.filter { $0.kind == .sent }.map(\.text) ==
                ["EHLO probe.smtp-probe.test", "STARTTLS", "EHLO probe.smtp-probe.test", "QUIT"])
        #expect(transcript.map(\.ms) == transcript.map(\.ms).sorted())
        let plain = try await CLITests.run(probeArguments(good) + ["--json"])
        #expect(!plain.stdout.contains("\"transcript\""))
    }

    @Test func serverTextIsEscapedAsUntrustedText() async throws {
        var behaviour = FixtureBehaviour()
        behaviour.greeting = ["220 mx.test.example \u{1B}[2J ESMTP \u{202E}evil"]
        let server = try await FixtureSMTPServer.start(behaviour)
        defer { Task { await server.stop() } }
        var options = Expectations.options(connectTo: "127.0.0.1:\(server.port)")
        options.transcript = true
        let report = try await SMTPProber().probe(ProbeTarget(host: FixtureCertificate.routeHost, port: server.port),
                                                  options: options)
        let first = try #require(report.addresses.first?.transcript?.first)
        #expect(first.kind == .received)
        #expect(first.text == "220 mx.test.example \\x1B[2J ESMTP \\u{202E}evil")
    }

    /// A conversation marks a line secret; SMTP's AUTH is masked even when it does not.
    @Test func secretsAreMaskedBeforeTheyReachTheTranscript() async throws {
        let good = try #require(try await PostfixServer.shared.ports()["good"])
        let result = try await converse(SecretConversation(), port: good)
        let texts = try #require(result.transcript).map(\.text)
        #expect(texts.contains("XSECRET ********"))
        #expect(texts.contains("AUTH PLAIN ********"))
        #expect(!texts.joined().contains("hunter2") && !texts.joined().contains("AHVzZXIAaHVudGVyMg=="))
        // Postfix answered each of them: the lines did reach the server.
        #expect(texts.filter { $0.hasPrefix("50") }.count == 2)
    }

    /// The login test's credential lines through the real Dovecot and Postfix: masked in the
    /// transcript of every protocol, in text and JSON, while the login itself succeeds.
    @Test func loginLinesAreMaskedInEveryProtocol() async throws {
        let password = try await DovecotServer.shared.password()
        let dovecot = try await DovecotServer.shared.ports()
        let postfix = try await PostfixServer.shared.ports()
        let cases: [(String, Int, String, String)] = [
            ("pop3", try #require(dovecot["pop3s"]), "implicit", "PASS ********"),
            ("imap", try #require(dovecot["imap"]), "starttls", "LOGIN ********"),
            ("submission", try #require(postfix["submission"]), "starttls", "AUTH PLAIN ********"),
        ]
        for (mailProtocol, port, tls, masked) in cases {
            for format in ["text", "json"] {
                let run = try await CLITests.run(
                    ["mx.test.example:\(port)", "--protocol", mailProtocol, "--tls", tls, "--connect-to", "127.0.0.1",
                     "--ca-file", FixtureCertificate.rootsPath, "--login", DovecotServer.user, "--transcript",
                     "--format", format], environment: ["SMTP_PROBE_PASSWORD": password])
                #expect(run.status == 0, "\(mailProtocol) \(format): \(run.stdout)")
                #expect(run.stdout.contains("auth.login_ok") || run.stdout.contains("Logged in") || format == "text")
                #expect(run.stdout.contains(masked), "\(mailProtocol) \(format)")
                LoginSecrecyTests.expectSecret(run, password, "\(mailProtocol) --transcript \(format)")
            }
        }
    }

    private func converse(_ conversation: SecretConversation, port: Int) async throws -> LineSessionResult<SecretConversation> {
        let configuration = LineSessionConfiguration(
            tlsContext: try SSLContext.makeClient(), serverName: nil, phaseTimeout: .seconds(5),
            maximumLineLength: 512, recordsTranscript: true)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: LineSessionResult<SecretConversation>.self)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(LineSessionHandler(
                        conversation, configuration: configuration) { promise.succeed($0) })
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let result = try await promise.futureResult.get()
        try? await channel.closeFuture.get()
        return result
    }
}

/// Sends one line marked secret and one SMTP AUTH line that is not marked, then QUIT; masked
/// by SMTP's own rule, as ``SMTPConversation`` is.
struct SecretConversation: LineConversation {
    enum Phase: Hashable, Sendable { case greeting, secret, auth, quit }
    typealias Failure = String

    mutating func start(localAddress: SocketAddress?) -> LineAction<Phase, String> { .expect(.greeting) }

    mutating func received(line: [UInt8], in phase: Phase) -> LineAction<Phase, String> {
        // Postfix's 502 and 503 are single lines.
        switch phase {
        case .greeting: .send("XSECRET hunter2", then: .secret, secret: true)
        case .secret: .send("AUTH PLAIN AHVzZXIAaHVudGVyMg==", then: .auth)
        case .auth: .sendClosing("QUIT", then: .quit)
        case .quit: .finish
        }
    }

    mutating func droppedBeforeTLS(count: Int, preview: [UInt8]) {}
    mutating func tlsEstablished(in phase: Phase) -> LineAction<Phase, String> { .finish }
    func failure(_ failure: LineSessionFailure<Phase>) -> String { "\(failure)" }

    static func transcriptText(of command: String, secret: Bool, lastReceived: [UInt8]?) -> String {
        SMTPConversation.transcriptText(of: command, secret: secret, lastReceived: lastReceived)
    }
}

extension JSONDecoder {
    /// A decoder for smtp-probe's JSON reports (ISO 8601 dates).
    static var reports: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
