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
        let task = Task { try await self.start() }
        started = task
        return try await task.value
    }

    /// The test user's password, as the script wrote it.
    func password() async throws -> String {
        _ = try await ports()
        return try String(contentsOfFile: Self.passwordFile, encoding: .utf8)
            .trimmingCharacters(in: .newlines)
    }

    /// A shell runs the script, then waits for its standard input to close (this process
    /// exiting, however it exits) and stops both instances, so no Dovecot outlives the tests.
    /// Nothing waits for a process to exit: the script's "CASE PORT" lines land in a file.
    private func start() async throws -> [String: Int] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-dovecot-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ports = directory.appendingPathComponent("ports.txt"), status = directory.appendingPathComponent("status")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "/bin/bash \"$1\" start \"$2\" >\"$3.tmp\" 2>\"$3.err\"; echo $? >\"$4\"; mv \"$3.tmp\" \"$3\"; "
                                + "cat >/dev/null; /bin/bash \"$1\" stop 2>/dev/null",
                             "sh", Self.script, String(Self.basePort), ports.path, status.path]
        let lifeline = Pipe()
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.lifeline = lifeline
        watcher = process
        for _ in 0..<600 {
            if let text = try? String(contentsOf: ports, encoding: .utf8) {
                let code = (try? String(contentsOf: status, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                guard code == "0" else {
                    let errors = (try? String(contentsOfFile: ports.path + ".err", encoding: .utf8)) ?? ""
                    throw StartFailed(description: "scripts/dovecot-fixture.sh failed (\(code ?? "?")): " + errors)
                }
                var found: [String: Int] = [:]
                for line in text.split(separator: "\n") {
                    let parts = line.split(separator: " ")
                    if parts.count == 2, let port = Int(parts[1]) { found[String(parts[0])] = port }
                }
                return found
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StartFailed(description: "scripts/dovecot-fixture.sh did not finish within 60 s")
    }
}
