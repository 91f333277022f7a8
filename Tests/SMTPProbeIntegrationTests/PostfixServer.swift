import Foundation
import SMTPProbeFixtures

/// The system's real Postfix on 127.0.0.1, one listener per fixture case, started once per
/// test run by `scripts/postfix-fixture.sh` (which installs Postfix when it is missing and we
/// are root).
actor PostfixServer {
    static let shared = PostfixServer()
    static let basePort = 42_600

    private var started: Task<[String: Int], any Error>?

    /// The port of each case, starting Postfix on first use.
    func ports() async throws -> [String: Int] {
        if let started { return try await started.value }
        let task = Task { try Self.start() }
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "start", String(basePort)]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StartFailed(description: "scripts/postfix-fixture.sh failed (\(process.terminationStatus)): "
                              + String(decoding: stderr, as: UTF8.self))
        }
        var ports: [String: Int] = [:]
        for line in String(decoding: stdout, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let port = Int(parts[1]) { ports[String(parts[0])] = port }
        }
        return ports
    }
}
