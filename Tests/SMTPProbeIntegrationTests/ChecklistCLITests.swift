import Foundation
import Testing
import SMTPProbe

/// `smtp-probe checklist` run as a user runs it, offline: the example plan's text and
/// Markdown pinned as goldens in both languages, the exit statuses, one-line errors, the
/// JSON against the schema, Markdown through a real renderer (cmark), and `--offline`
/// watched by strace for any socket at all.
@Suite("The checklist of a migration plan, offline", .timeLimit(.minutes(2)))
struct ChecklistCLITests {
    static let example = CLITests.repositoryFile("examples/migration.yaml")
    static let repository = CLITests.repositoryFile("")

    /// Locations name the plan as given: the repository's place on this machine is masked.
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(of: repository.hasSuffix("/") ? repository : repository + "/", with: "")
    }

    /// The example's checklist, offline, pinned per format and language. Re-record with
    /// SMTP_PROBE_RECORD=1 (which fails on purpose).
    @Test(arguments: [("text", "en"), ("text", "ja"), ("markdown", "en"), ("markdown", "ja")])
    func theExamplesChecklistMatchesItsGolden(format: String, language: String) async throws {
        let run = try await CLITests.run(["checklist", "--offline", Self.example, "--format", format, "--lang", language])
        #expect(run.status == 2, "the example plants failures")
        #expect(run.stderr.isEmpty)
        let text = Self.masked(run.stdout)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Goldens/checklist.\(language).\(format == "text" ? "txt" : "md")")
        if ProcessInfo.processInfo.environment["SMTP_PROBE_RECORD"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); run again without SMTP_PROBE_RECORD")
            return
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test(arguments: [
        ("domain: example.com\nlicences: 10\nrelay:\n  allowed_ranges: [8.8.8.0/28]\n  devices:\n    - { name: a, address: 8.8.8.1, messages_per_day: 10 }\n", Int32(0)),
        ("domain: example.com\nlicences: 1\nrelay:\n  allowed_ranges: [8.8.8.0/28]\n  devices:\n    - { name: a, address: 8.8.8.1, messages_per_day: 110 }\n", 1),
        ("domain: example.com\nlicences: 1\nrelay:\n  allowed_ranges: [8.8.8.0/28]\n  devices:\n    - { name: a, address: 8.8.8.1, messages_per_day: 131 }\n", 2),
        ("domain: example.com\nfetch:\n  - { address: a@isp.example, pop3: pop.isp.example, pop3_ssl: false }\n", 2),
    ])
    func theExitStatusIsTheWorstCheck(plan: String, status: Int32) async throws {
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: plan)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await CLITests.run(["checklist", "--offline", path])
        #expect(run.status == status, "\(run.stdout)")
        // Live checks not made never make a pass: they are said to be not checked.
        #expect(run.stdout.contains("not checked (--offline)"))
    }

    @Test(arguments: [
        ("domain: example.com\nrelay:\n  require_tsl: true\n", "relay (line 3): unknown key \"require_tsl\""),
        ("domain: example.com\nrelay: [\n", "not valid YAML: line 3"),
        ("domain: example.com\nroutes: missing-routes.yaml\n", "cannot read the route file"),
    ])
    func anInvalidPlanIsOneLineAndStatus3(plan: String, expected: String) async throws {
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: plan)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await CLITests.run(["checklist", "--offline", path])
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
    }

    @Test func theJSONFollowsTheSchema() async throws {
        let run = try await CLITests.run(["checklist", "--offline", Self.example, "--json"])
        #expect(run.status == 2)
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: run.stdout, definition: "checklistReport")
        #expect(outcome.passed, "\(outcome.output)")
        let report = try JSONDecoder().decode(ChecklistReport.self, from: Data(run.stdout.utf8))
        #expect(report.offline && !report.canGoAhead && report.verdict == .fail)
        let codes = Set(report.checks.filter { $0.status == .fail }.map(\.code))
        #expect(codes == ["gateway.modifies_messages", "relay.range_private", "relay.range_too_large",
                          "relay.device_outside_ranges", "relay.null_sender_multiple_rcpt"])
        #expect(report.checks.filter(\.live).allSatisfy { $0.status == .notChecked })
        let daily = try #require(report.checks.first { $0.code == "relay.daily_limit" })
        #expect(daily.status == .warn && daily.location.line == 7 && daily.location.file.hasSuffix("examples/migration.yaml"))
        let archive = try #require(report.checks.first { $0.code == "route.tls_option_off" && $0.status == .warn })
        #expect(archive.location.file.hasSuffix("examples/routes.yaml") && archive.location.line == 26)
    }

    /// The Markdown as a real CommonMark renderer reads it: a heading per area, every check a
    /// list item starting with its box, and text from the plan shown as written, never as
    /// markup or HTML.
    @Test func theMarkdownRendersWithCmark() async throws {
        let plan = """
            domain: example.com
            licences: 5
            relay:
              allowed_ranges: ["8.8.8.0/28"]
              devices:
                - { name: "*scan*_<b>x</b> [a](http://e.example) &amp; `c` | ~d~", address: 8.8.8.1, null_sender_multiple_rcpt: true }
            """
        let path = try ExternalCheckers.temporaryFile("plan.yaml", contents: plan)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await CLITests.run(["checklist", "--offline", path, "--format", "markdown"])
        #expect(run.status == 2)
        let markdown = try ExternalCheckers.temporaryFile("checklist.md", contents: run.stdout)
        defer { try? FileManager.default.removeItem(atPath: markdown) }
        let rendered = try await ExternalCheckers.offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: "/usr/bin/cmark"), [markdown])
        }
        #expect(rendered.status == 0, "cmark: apt-get install cmark (scripts/test.sh installs it)")
        let html = rendered.stdout
        let headings = html.split(separator: "\n").filter { $0.hasPrefix("<h2>") }
        #expect(headings == ["<h2>DNS</h2>", "<h2>Inbound routes</h2>", "<h2>Outbound gateway</h2>", "<h2>SMTP relay</h2>",
                             "<h2>Fetched mailboxes</h2>", "<h2>To do, most urgent first</h2>"])
        let items = html.components(separatedBy: "<li>").dropFirst().map { $0.prefix { $0 != "\n" && $0 != "<" } }
        let boxes = items.filter { $0.hasPrefix("[x] ") || $0.hasPrefix("[ ] ") }
        #expect(boxes.count >= 5, "\(html)")
        // The device's name is shown as typed: escaped by the renderer, not read as markup.
        #expect(html.contains("*scan*_&lt;b&gt;x&lt;/b&gt; [a](http://e.example) &amp;amp; `c` | ~d~ sends with an empty sender"))
        for markup in ["<em>scan", "<b>x", "<a ", "<code>c</code>", "raw HTML omitted"] {
            #expect(!html.contains(markup), "\(markup) in \(html)")
        }
        #expect(html.contains("<strong>The cut-over cannot go ahead: 1 check fails."))
    }

    /// `--offline` opens no socket at all, not even the one a DNS lookup starts with: strace
    /// sees every socket() and connect() of the process and its threads.
    @Test func offlineOpensNoSocket() async throws {
        let trace = try ExternalCheckers.temporaryFile("strace.txt", contents: "")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let result = try await ExternalCheckers.offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: "/usr/bin/strace"),
                               ["-f", "-qq", "-e", "signal=none", "-e", "trace=socket,connect,sendto,sendmsg", "-o", trace,
                                CLITests.executable.path, "checklist", "--offline", Self.example, "--json"])
        }
        #expect(result.status == 2, "strace: apt-get install strace (scripts/test.sh installs it); \(result.stderr)")
        #expect(result.stdout.contains("\"offline\" : true"))
        let calls = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(calls.isEmpty, "network calls with --offline:\n\(calls)")
    }
}
