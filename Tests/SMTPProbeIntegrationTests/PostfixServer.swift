import Dispatch
import Foundation
import SMTPProbeFixtures

/// The system's real Postfix on 127.0.0.1, one listener per fixture case, started once per
/// test run by `scripts/postfix-fixture.sh` (which installs Postfix when it is missing and we
/// are root).
actor PostfixServer {
    static let shared = PostfixServer()
    /// Below Linux's ephemeral range (32768–60999): a port there can be held for a moment by
    /// any test's client socket or port-0 listener, and Postfix then fails to start.
    static let basePort = 24_600

    private var started: Task<[String: Int], any Error>?

    /// The port of each case, starting Postfix on first use.
    func ports() async throws -> [String: Int] {
        if let started { return try await started.value }
        // Dovecot first: the submission listeners' smtpd asks Dovecot's auth socket for its
        // mechanisms when it starts, and one started with no socket there (by the script's own
        // port check) exits fatally, after which Postfix throttles the listener for a minute
        // and its clients time out at the greeting. Its own tests report a Dovecot failure.
        // The script takes seconds; waiting for it on a Dispatch thread keeps Swift's few
        // cooperative threads free for the tests that run meanwhile.
        let task = Task {
            _ = try? await DovecotServer.shared.ports()
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try Self.start() }) }
            }
        }
        started = task
        return try await task.value
    }

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    private static func start() throws -> [String: Int] {
        let script = FixtureCertificate.directory
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/postfix-fixture.sh").path
        let result = try Subprocess.run(URL(fileURLWithPath: "/bin/bash"), [script, "start", String(basePort)])
        guard result.status == 0 else {
            throw StartFailed(description: "scripts/postfix-fixture.sh failed (\(result.status)): " + result.stderr)
        }
        var ports: [String: Int] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let port = Int(parts[1]) { ports[String(parts[0])] = port }
        }
        return ports
    }
}
