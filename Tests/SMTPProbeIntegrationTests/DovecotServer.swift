import Dispatch
import Foundation

/// Debian's real Dovecot on 127.0.0.1, two extra instances started once per test run by
/// `scripts/dovecot-fixture.sh` (never the system service): POP3S, POP3 with STLS, IMAPS and
/// IMAP with STARTTLS for the test user, two listeners whose password database refuses the
/// right password from this address (as a provider limiting logins by IP address does), and
/// the auth socket through which the fixture Postfix's submission listeners check passwords.
/// The instances stop when this test process ends, however it ends.
actor DovecotServer {
    static let shared = DovecotServer()
    /// In this engineer's range (25000–25099), below Linux's ephemeral range.
    static let basePort = 25_000
    /// The test user of every instance; its INBOX holds one message.
    static let user = "probe@test.example"
    /// Where the script keeps the test password (a fixture value, no secret).
    static let passwordFile = "/run/smtp-probe-dovecot/password"

    private var started: Task<[String: Int], any Error>?
    private var watcher: Process?
    private var lifeline: Pipe?

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    static var script: String {
        ExternalCheckers.repository.appendingPathComponent("scripts/dovecot-fixture.sh").path
    }

    /// The port of each case (`pop3s`, `pop3`, `imaps`, `imap`, `restricted-pop3s`,
    /// `restricted-imaps`), starting Dovecot on first use.
    func ports() async throws -> [String: Int] {
        if let started { return try await started.value }
        let task = Task {
            let ports = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try Self.start() }) }
            }
            try self.watchForExit()
            return ports
        }
        started = task
        return try await task.value
    }

    /// The test user's password, as the script wrote it.
    func password() async throws -> String {
        _ = try await ports()
        return try String(contentsOfFile: Self.passwordFile, encoding: .utf8)
            .trimmingCharacters(in: .newlines)
    }

    private static func start() throws -> [String: Int] {
        let result = try Subprocess.run(URL(fileURLWithPath: "/bin/bash"), [script, "start", String(basePort)])
        guard result.status == 0 else {
            throw StartFailed(description: "scripts/dovecot-fixture.sh failed (\(result.status)): " + result.stderr)
        }
        var ports: [String: Int] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let port = Int(parts[1]) { ports[String(parts[0])] = port }
        }
        return ports
    }

    /// A shell that waits for its standard input to close (this process exiting) and then
    /// stops both instances, so no Dovecot outlives the tests.
    private func watchForExit() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cat >/dev/null; exec /bin/bash \"$1\" stop 2>/dev/null", "sh", Self.script]
        let lifeline = Pipe()
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.lifeline = lifeline
        watcher = process
    }
}
