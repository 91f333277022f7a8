import Foundation
import Testing

/// A real DNS server on loopback: Debian's `unbound`, started once per test run on a free
/// port of 127.0.0.1, serving the records the route tests need under test.example. Every
/// address is 127.0.0.1, where the fixture servers and Postfix listen.
actor UnboundServer {
    static let shared = UnboundServer()

    /// The records served, in unbound's `local-data` syntax.
    static let records = [
        "mx.test.example. A 127.0.0.1",
        "mail.test.example. A 127.0.0.1",
        // Not on the fixture certificates: a hostname mismatch.
        "other.test.example. A 127.0.0.1",
        "good.test.example. MX 10 mx.test.example.",
        "good.test.example. MX 20 mail.test.example.",
        "nullmx.test.example. MX 0 .",
        "alias.test.example. MX 10 cname.test.example.",
        "cname.test.example. CNAME mx.test.example.",
        "noaddr.test.example. MX 10 void.test.example.",
        "void.test.example. TXT \"a name without an address\"",
        "nomx.test.example. A 127.0.0.1",
        // A host whose own name, as a mail domain, accepts no mail; and a tenant whose MX it is.
        "nullhost.test.example. MX 0 .",
        "nullhost.test.example. A 127.0.0.1",
        "tenant.test.example. MX 10 nullhost.test.example.",
        // MX names no host name could be: a control character, a dot inside a label.
        "esc.test.example. MX 10 a\\027b.test.example.",
        "a\\027b.test.example. A 127.0.0.1",
        "dot.test.example. MX 10 mx\\.test.example.",
        "mx\\.test.example. A 127.0.0.1",
        // A null MX beside a real MX host, which RFC 7505 §3 forbids.
        "mixed.test.example. MX 0 .",
        "mixed.test.example. MX 10 mx.test.example.",
        // Addresses no remote server can have: connecting to them reaches this machine.
        "zero.test.example. A 0.0.0.0",
        "zero6.test.example. AAAA ::",
        "halfzero.test.example. A 0.0.0.0",
        "halfzero.test.example. A 127.0.0.1",
        "zeromx.test.example. MX 10 zero.test.example.",
    ] + manyMXRecords + wideRecords + SPFTestZones.records + DMARCTests.records + DKIMTests.records
        + TLSRPTTests.records

    /// many.test.example: more MX hosts than are probed for one domain (stall1 to stall12,
    /// preferences 10 to 120), all on 127.0.0.1, where a test puts a server that never speaks.
    static let manyMXRecords = (1...12).flatMap { index in
        ["many.test.example. MX \(index * 10) stall\(index).test.example.", "stall\(index).test.example. A 127.0.0.1"]
    }

    /// wide.test.example: one name with 40 addresses (127.0.1.1 to 127.0.1.40), more connections
    /// than a low descriptor limit allows.
    static let wideRecords = (1...40).map { "wide.test.example. A 127.0.1.\($0)" }

    private var started: Task<Int, any Error>?
    private var process: Process?
    private var lifeline: Pipe?

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The port it answers on, starting it on first use.
    func port() async throws -> Int {
        if let started { return try await started.value }
        let task = Task { try await self.start() }
        started = task
        return try await task.value
    }

    private func start() async throws -> Int {
        let binary = "/usr/sbin/unbound"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw StartFailed(description: "unbound is not installed (apt-get install unbound); scripts/test.sh installs it")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-unbound-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try Self.freePort()
        let config = """
            server:
              interface: 127.0.0.1
              port: \(port)
              do-ip6: no
              do-daemonize: no
              username: ""
              chroot: ""
              directory: "\(directory.path)"
              pidfile: ""
              use-syslog: no
              logfile: ""
              access-control: 127.0.0.0/8 allow
              local-zone: "test.example." static
            \(Self.records.map { "  local-data: '\($0)'" }.joined(separator: "\n"))
              # Report domains of the DMARC tests, served here so that no test asks the internet.
              local-zone: "example.net." static
              local-data: 'good.dmarc.test.example._report._dmarc.reports.example.net. TXT "v=DMARC1"'
              # Google's SPF name, served here so that no test asks the internet.
              local-zone: "_spf.google.com." static
              local-data: '_spf.google.com. TXT "v=spf1 ip4:192.0.2.250/32 ~all"'
              # Answers REFUSED: a DNS failure that may pass, for dns.temporary_failure.
              local-zone: "refused.example." refuse
            remote-control:
              control-enable: no

            """
        let configPath = directory.appendingPathComponent("unbound.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        // The shell stops unbound when its standard input closes, that is when this test
        // process exits, however it exits: no server is left behind.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(binary) -d -c \"$1\" & server=$!; cat >/dev/null; kill $server", "sh", configPath]
        let lifeline = Pipe()
        process.standardInput = lifeline
        self.lifeline = lifeline
        let log = directory.appendingPathComponent("unbound.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        // Unbound listens on TCP as well as UDP: a TCP connect tells when it is up.
        for _ in 0..<600 {
            if Self.acceptsTCP(port: port) { return port }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        process.terminate()
        throw StartFailed(description: "unbound did not start on 127.0.0.1:\(port): \(text)")
    }

    /// A port the kernel has just handed out for UDP on 127.0.0.1, so free at that moment.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw StartFailed(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                bind(fd, sockaddrPointer, length) == 0 && getsockname(fd, sockaddrPointer, &length) == 0
            }
        }
        guard bound else { throw StartFailed(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func acceptsTCP(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
