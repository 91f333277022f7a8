import Foundation
import Testing

/// A real authoritative DNS server with DNSSEC on loopback: Debian's `nsd`, started once per
/// test run on a free port of 127.0.0.1, serving the zones scripts/dns-fixture.sh generates and
/// signs at run time under `.test`: `secure.test` (signed, DS in `test.`), `bogus.test` (signed
/// with signatures that expired in 2020) and `insecure.test` (delegated without DS).
actor NSDServer {
    static let shared = NSDServer()

    /// Where it answers and what anchors its zones.
    struct Endpoint: Sendable {
        var port: Int
        /// The DS of `test.`, for `ub_ctx_add_ta_file` (`--trust-anchor`).
        var anchorFile: String
        /// The same anchor in BIND's syntax, for `delv -a`.
        var delvAnchorFile: String
    }

    private var started: Task<Endpoint, any Error>?
    private var process: Process?
    private var lifeline: Pipe?

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The running server, started on first use.
    func endpoint() async throws -> Endpoint {
        if let started { return try await started.value }
        let task = Task { try await self.start() }
        started = task
        return try await task.value
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func start() async throws -> Endpoint {
        for tool in ["/usr/sbin/nsd", "/usr/bin/ldns-signzone"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw StartFailed(description: "\(tool) is not installed (apt-get install nsd ldnsutils); scripts/test.sh installs them")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-nsd-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        let port = try UnboundServer.freePort()
        let script = Self.root.appendingPathComponent("scripts/dns-fixture.sh")
        let prepared = try Subprocess.run(script, ["prepare", directory.path, String(port)])
        guard prepared.status == 0 else {
            throw StartFailed(description: "dns-fixture.sh prepare failed: \(prepared.stdout)\(prepared.stderr)")
        }
        let config = directory.appendingPathComponent("nsd.conf").path
        // The shell stops nsd when its standard input closes, that is when this test process
        // exits, however it exits: no server is left behind. nsd is started with an empty
        // signal mask: it keeps the mask it inherits, and the test process's threads block
        // SIGTERM, so that nsd would never hear the shell's kill (and it needs SIGTERM to stop
        // its own child processes).
        let unblocked = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "python3 -c \"$2\" /usr/sbin/nsd -d -c \"$1\" & server=$!; cat >/dev/null; kill $server",
                             "sh", config, unblocked]
        let lifeline = Pipe()
        process.standardInput = lifeline
        self.lifeline = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // nsd listens on TCP as well as UDP: a TCP connect tells when it is up.
        for _ in 0..<600 {
            if UnboundServer.acceptsTCP(port: port) {
                return Endpoint(port: port, anchorFile: directory.appendingPathComponent("anchor.ds").path,
                                delvAnchorFile: directory.appendingPathComponent("delv.anchor").path)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("nsd.log"), encoding: .utf8)) ?? ""
        process.terminate()
        throw StartFailed(description: "nsd did not start on 127.0.0.1:\(port): \(log)")
    }

    /// What `delv` (BIND's validating lookup, an independent validator) says of `name`'s
    /// `type` records: "fully validated", "unsigned answer", or its failure.
    static func delv(_ endpoint: Endpoint, _ type: String, _ name: String) throws -> String {
        let result = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/delv"),
                                        ["-a", endpoint.delvAnchorFile, "+root=test.", "-p", String(endpoint.port),
                                         "@127.0.0.1", type, name], mergeErrors: true)
        return result.stdout
    }
}
