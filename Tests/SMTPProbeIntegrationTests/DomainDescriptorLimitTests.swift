import Foundation
import Testing
import SMTPProbeFixtures

/// `smtp-probe domain` under few file descriptors: its validating lookups go through one
/// asynchronous libunbound context for the run, whose sockets are capped to what the run sets
/// aside for DNS. However low the limit the run starts with, every domain gets the report it
/// gets without a limit, or the run stops with status 3 naming the local limit: never a DNS
/// failure blamed on the domain, never libunbound's or libevent's own error lines.
@Suite("The domain command under few descriptors", .serialized, .timeLimit(.minutes(3)))
struct DomainDescriptorLimitTests {
    @Test(arguments: [32, 40, 56, 1024])
    func domainsFitIntoFewDescriptors(limit: Int) async throws {
        let arguments = try await DomainCommandTests.arguments(
            ["good.test.example", "uncovered.test.example", "shared.test.example", "chunked.test.example",
             "--format", "jsonl"])
        let executable = CLITests.executable.path
        let run = try await ExternalCheckers.offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: "/bin/bash"),
                               ["-c", #"exec prlimit --nofile=$1:$1 "$0" "${@:2}""#, executable, "\(limit)"] + arguments,
                               environment: ["LANG": "C", "NO_COLOR": "1", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"])
        }
        #expect(!run.stderr.contains("Too many open files") && !run.stderr.contains("[err]"), "ulimit \(limit): \(run.stderr)")
        #expect(!run.stderr.contains("libunbound"), "ulimit \(limit): \(run.stderr)")
        if run.status == 3 {
            #expect(run.stderr.contains("ran out of file descriptors on this machine"), "\(run.stderr)")
            return
        }
        let reports = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(reports.count == 4, "ulimit \(limit): \(run.stderr)")
        #expect(!run.stdout.contains("dns.temporary_failure"), "ulimit \(limit): \(run.stdout.prefix(3000))")
        let good = reports.first { $0["domain"] as? String == "good.test.example" }
        #expect(good?["verdict"] as? String == "pass", "ulimit \(limit): \(run.stdout.prefix(3000))")
        #expect(run.status == 2, "ulimit \(limit): status \(run.status): \(run.stderr)")
    }
}
