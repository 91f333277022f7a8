import Foundation
import Testing

/// A real HTTPS server on loopback: Debian's nginx, started once per test run on a free port
/// of 127.0.0.1 with its own configuration, logs and pid file in a temporary directory, serving
/// an MTA-STS policy host for each test domain with the fixture CA's `mta-sts` certificate.
actor NginxServer {
    static let shared = NginxServer()

    /// A good policy, with CRLF line ends as RFC 8461's examples have them.
    static let goodPolicy = "version: STSv1\r\nmode: enforce\r\nmx: mx.test.example\r\nmx: *.backup.test.example\r\nmax_age: 604800\r\n"

    /// What each test domain's policy host serves at /.well-known/mta-sts.txt: the policy
    /// file's text (nil: none), and the nginx directives of that location.
    static let sites: [(domain: String, policy: String?, directives: String)] = [
        ("good", goodPolicy, ""),
        // SSI makes nginx stream the file with chunked transfer encoding, as it does for any
        // response whose length it does not know beforehand.
        ("chunked", goodPolicy, "ssi on; ssi_types text/plain;"),
        ("redirect", goodPolicy, "return 301 https://www.redirect.test.example/policy.txt;"),
        ("wrongtype", goodPolicy, "types { } default_type text/html;"),
        ("notfound", nil, ""),
        ("oversized", oversizedPolicy, ""),
        ("bigchunked", oversizedPolicy, "ssi on; ssi_types text/plain;"),
        ("uncovered", "version: STSv1\nmode: enforce\nmx: mx1.test.example\nmax_age: 86400\n", ""),
        ("testing", "version: STSv1\nmode: testing\nmx: mx.test.example\nmax_age: 86400\n", ""),
        ("invalid", "version: STSv1\nmode: strict\nmx: mx.test.example\nmax_age: 99999999\n", ""),
        // Served with the `good` certificate, which names mx.test.example, not this host.
        ("badcert", goodPolicy, ""),
        // Served with the `long-chain` case: leaf and 101 CAs, one more than OpenSSL follows.
        ("longchain", goodPolicy, ""),
    ]

    /// A policy padded with comment-like extension lines to 70,000 bytes: over the 64 KiB limit.
    static var oversizedPolicy: String {
        let padding = String(repeating: "x_padding: " + String(repeating: "a", count: 88) + "\n", count: 700)
        return goodPolicy + padding
    }

    private var started: Task<Int, any Error>?
    private var process: Process?
    private var lifeline: Pipe?

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The port it serves HTTPS on, starting it on first use.
    func port() async throws -> Int {
        if let started { return try await started.value }
        let task = Task { try await self.start() }
        started = task
        return try await task.value
    }

    private func start() async throws -> Int {
        let binary = "/usr/sbin/nginx"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw StartFailed(description: "nginx is not installed (apt-get install nginx); .ci/run installs it")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-nginx-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("temp"), withIntermediateDirectories: true)
        let certs = ExternalCheckers.repository.appendingPathComponent("fixtures/certs").path
        var servers: [String] = []
        for site in Self.sites {
            let root = directory.appendingPathComponent("sites/\(site.domain)")
            let wellKnown = root.appendingPathComponent(".well-known")
            try FileManager.default.createDirectory(at: wellKnown, withIntermediateDirectories: true)
            if let policy = site.policy {
                try policy.write(to: wellKnown.appendingPathComponent("mta-sts.txt"), atomically: true, encoding: .utf8)
            }
            var chain = "\(certs)/mta-sts/chain.pem", key = "\(certs)/mta-sts/key.pem"
            if site.domain == "badcert" {
                (chain, key) = ("\(certs)/good/chain.pem", "\(certs)/good/key.pem")
            } else if site.domain == "longchain" {
                // nginx sends every certificate of its file: the case's two halves in one.
                chain = directory.appendingPathComponent("long-chain.pem").path
                let halves = try ["chain.pem", "rest.pem"].map { try String(contentsOfFile: "\(certs)/long-chain/\($0)", encoding: .utf8) }
                try halves.joined().write(toFile: chain, atomically: true, encoding: .utf8)
                key = "\(certs)/long-chain/key.pem"
            }
            servers.append("""
                  server {
                    listen 127.0.0.1:PORT ssl;
                    server_name mta-sts.\(site.domain).test.example;
                    ssl_certificate \(chain);
                    ssl_certificate_key \(key);
                    root \(root.path);
                    location = /.well-known/mta-sts.txt { \(site.directives) }
                  }
                """)
        }
        let port = try Self.freePort()
        let temp = directory.appendingPathComponent("temp").path
        let config = """
            daemon off;
            user root;
            worker_processes 1;
            pid \(directory.path)/nginx.pid;
            error_log \(directory.path)/error.log info;
            events { worker_connections 64; }
            http {
              access_log \(directory.path)/access.log;
              client_body_temp_path \(temp)/body;
              proxy_temp_path \(temp)/proxy;
              fastcgi_temp_path \(temp)/fastcgi;
              uwsgi_temp_path \(temp)/uwsgi;
              scgi_temp_path \(temp)/scgi;
              types { text/plain txt; text/html html; }
              default_type application/octet-stream;
            \(servers.joined(separator: "\n").replacingOccurrences(of: "PORT", with: String(port)))
            }

            """
        let configPath = directory.appendingPathComponent("nginx.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        // The shell stops nginx when its standard input closes, that is when this test
        // process exits, however it exits: no server is left behind.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(binary) -p \"$2\" -e \"$2/error.log\" -c \"$1\" & server=$!; cat >/dev/null; kill $server",
                             "sh", configPath, directory.path]
        let lifeline = Pipe()
        process.standardInput = lifeline
        self.lifeline = lifeline
        let log = directory.appendingPathComponent("nginx.out")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        for _ in 0..<100 {
            if Self.acceptsTCP(port: port) { return port }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: directory.path + "/error.log", encoding: .utf8)) ?? ""
        process.terminate()
        throw StartFailed(description: "nginx did not start on 127.0.0.1:\(port): \(output) \(errors)")
    }

    /// A TCP port the kernel has just handed out on 127.0.0.1, so free at that moment.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartFailed(description: "socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                bind(fd, sockaddrPointer, length) == 0 && getsockname(fd, sockaddrPointer, &length) == 0
            }
        }
        guard bound else { throw StartFailed(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    private static func acceptsTCP(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
