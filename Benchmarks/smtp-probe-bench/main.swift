// smtp-probe-bench: probes many targets at once through the core library, for the fleet
// benchmark (scripts/bench-fleet.sh). A benchmark tool, not a product: it prints wall time,
// CPU time, peak RSS and the spread of per-probe times, never the reports themselves.
//
//   smtp-probe-bench --host mx.test.example --port 24690 --first 127.0.1.1 --count 1000 \
//                    --concurrency 1000 --ca-file fixtures/certs/roots.pem
//
// Target i is HOST:PORT reached through --connect-to FIRST+i, so each probe is a distinct
// address (the delay proxy listens on all of them) while the certificate is judged against HOST.
//
//   smtp-probe-bench serve PORT [CASE]
//
// runs the project's fixture SMTP server (one process, SwiftNIO, OpenSSL in memory) on
// 127.0.0.1:PORT with the fixture certificate CASE (default good-ecdsa) until it is killed: the
// upstream for the delay proxy when the benchmark measures the client rather than Postfix.
import SMTPProbe
import SMTPProbeFixtures
#if canImport(Glibc)
import Glibc
#endif

struct BenchOptions {
    var host = "mx.test.example"
    var port = 25
    var first = "127.0.1.1"
    var count = 1000
    var concurrency = 1000
    var caFile: String?
    var timeout = 10.0

    init(arguments: [String]) {
        var rest = arguments.makeIterator()
        while let flag = rest.next() {
            guard let value = rest.next() else { Self.usage("missing value after \(flag)") }
            switch flag {
            case "--host": host = value
            case "--port": port = Self.number(value, flag)
            case "--first": first = value
            case "--count": count = Self.number(value, flag)
            case "--concurrency": concurrency = max(1, Self.number(value, flag))
            case "--ca-file": caFile = value
            case "--timeout": timeout = Double(Self.number(value, flag))
            default: Self.usage("unknown option \(flag)")
            }
        }
    }

    static func number(_ text: String, _ flag: String) -> Int {
        guard let value = Int(text), value >= 0 else { usage("\(flag) needs a whole number") }
        return value
    }

    static func usage(_ problem: String) -> Never {
        let text = "smtp-probe-bench: \(problem)\nusage: smtp-probe-bench [--host H] [--port P] [--first 127.0.1.1] [--count N] [--concurrency N] [--ca-file PEM] [--timeout SECONDS]\n"
        _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        exit(2)
    }
}

/// The IPv4 address `offset` after `first` (127.0.1.1 + 255 = 127.0.2.0).
func address(_ first: String, plus offset: Int) -> String {
    let parts = first.split(separator: ".").compactMap { UInt32($0) }
    precondition(parts.count == 4, "--first must be an IPv4 address")
    let value = (parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]) &+ UInt32(offset)
    return "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))]
}

/// What the benchmark keeps of one report.
struct Outcome: Sendable {
    var verdict: String
    /// Connect to QUIT, in milliseconds.
    var totalMS: Double
    /// The findings' codes and their first detail, to tell why a probe did not pass.
    var findings: [String]
}

/// Probes every target, at most `options.concurrency` at a time.
func probeAll(_ options: BenchOptions) async throws -> [Outcome] {
    var probeOptions = ProbeOptions()
    probeOptions.ehloName = "bench.smtp-probe.test"
    probeOptions.timeout = options.timeout
    if let caFile = options.caFile { probeOptions.trust = .file(caFile) }
    let target = ProbeTarget(host: options.host, port: options.port)
    let prober = try SMTPProber()
    return try await withThrowingTaskGroup(of: Outcome.self) { group in
        var results: [Outcome] = []
        results.reserveCapacity(options.count)
        var next = 0
        func add(_ index: Int) {
            var perTarget = probeOptions
            perTarget.connectTo = address(options.first, plus: index)
            group.addTask {
                let report = try await prober.probe(target, options: perTarget)
                let findings = report.findings.map { finding in
                    "\(finding.code)" + (finding.detail.map { ": \($0.prefix(100))" } ?? "")
                }
                return Outcome(verdict: "\(report.verdict)", totalMS: report.addresses.first?.timingsMS["total"] ?? 0,
                               findings: findings)
            }
        }
        // At most --concurrency probes in flight; a new one starts as each finishes.
        while next < min(options.concurrency, options.count) { add(next); next += 1 }
        while let result = try await group.next() {
            results.append(result)
            if next < options.count { add(next); next += 1 }
        }
        return results
    }
}

/// `serve PORT [CASE]`: the fixture server, until the process is killed.
func serve(_ arguments: [String]) async throws -> Never {
    guard let port = arguments.first.flatMap({ Int($0) }),
          let certificate = FixtureCertificate(rawValue: arguments.dropFirst().first ?? "good-ecdsa") else {
        BenchOptions.usage("serve needs a port and optionally a fixture case (good, good-ecdsa, ...)")
    }
    raiseDescriptorLimit()
    let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: certificate), port: port)
    print("ready on 127.0.0.1:\(server.port)")
    fflush(nil)
    while true { try await Task.sleep(for: .seconds(3600)) }
}

/// One descriptor a connection, plus what the runtime holds: the default soft limit of 1024 is
/// too low for 1000 probes at once.
func raiseDescriptorLimit() {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

if CommandLine.arguments.dropFirst().first == "serve" {
    try await serve(Array(CommandLine.arguments.dropFirst(2)))
}
let options = BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
raiseDescriptorLimit()

let started = monotonicSeconds()
let results = try await probeAll(options)
let wall = monotonicSeconds() - started

var usage = rusage()
getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
let cpuUser = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
let cpuSystem = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
var verdicts: [String: Int] = [:]
var findings: [String: Int] = [:]
for result in results {
    verdicts[result.verdict, default: 0] += 1
    for finding in result.findings { findings[finding, default: 0] += 1 }
}
let totals = results.map(\.totalMS).sorted()
func ms(_ value: Double) -> String { "\(Int(value.rounded())) ms" }
print("targets: \(options.count), concurrency: \(options.concurrency)")
print("verdicts: " + verdicts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
for (finding, count) in findings.sorted(by: { $0.value > $1.value }).prefix(5) {
    print("  finding \(count)x: \(finding)")
}
print("wall: \(Int((wall * 1000).rounded())) ms")
print("cpu: user \(Int((cpuUser * 1000).rounded())) ms, system \(Int((cpuSystem * 1000).rounded())) ms")
print("peak RSS: \(usage.ru_maxrss / 1024) MiB")
print("per probe (connect to QUIT): p50 \(ms(percentile(totals, 0.5))), p95 \(ms(percentile(totals, 0.95))), max \(ms(totals.last ?? 0))")
