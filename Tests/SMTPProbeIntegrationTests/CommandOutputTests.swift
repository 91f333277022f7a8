import Foundation
import Testing
import SMTPProbe
import SMTPProbeFixtures

/// `--format` and `--output` on `route` and `cert`, with the meaning they have for a probe:
/// the report in the chosen format, in a file replaced whole, nothing on standard output.
@Suite("--format and --output for every command", .serialized, .timeLimit(.minutes(1)))
struct CommandOutputTests {
    private static let judgement = ["--ca-file", FixtureCertificate.rootsPath, "--at", "2026-06-01T00:00:00Z"]

    /// Two routes: one to a fixture server (named by address, so without the hostname check),
    /// one on port 465, which the console refuses.
    private static func routeFile(port: Int) throws -> String {
        try ExternalCheckers.temporaryFile("routes.yaml", contents: """
            routes:
              - name: Gateway
                host: "127.0.0.1:\(port)"
                options: { validate_certificate_hostname: false }
              - name: Relay port
                host: "127.0.0.1:465"

            """)
    }

    private static func outputPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("smtp-probe-\(UUID().uuidString)-\(name)").path
    }

    @Test func routeWritesOneRouteALineToTheOutputFile() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { MonitoringCLITests.stop([server]) }
        let routes = try Self.routeFile(port: server.port)
        let output = Self.outputPath("routes.jsonl")
        defer { try? FileManager.default.removeItem(atPath: routes); try? FileManager.default.removeItem(atPath: output) }
        let run = try await ExternalCheckers.runCommand(["route", routes, "--format", "jsonl", "--output", output,
                                                         "--ehlo", "probe.smtp-probe.test"] + Self.judgement)
        #expect(run.status == 2, "the relay port's route fails: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let reports = try lines.map { try decoder.decode(RouteReport.self, from: Data($0.utf8)) }
        #expect(reports.map(\.name) == ["Gateway", "Relay port"])
        // By address, the certificate names no host the route has: shown as a warning.
        #expect(reports.map(\.verdict) == [.warn, .fail])
        #expect(reports.first?.hosts.first?.probes.first?.addresses.isEmpty == false)
        for line in lines {
            let outcome = try await ExternalCheckers.validateAgainstSchema(document: line, definition: "routeReport")
            #expect(outcome.passed, "\(outcome.output)")
        }
    }

    @Test func routeTextGoesToTheOutputFileWithoutColour() async throws {
        let server = try await FixtureSMTPServer.start()
        defer { MonitoringCLITests.stop([server]) }
        let routes = try Self.routeFile(port: server.port)
        let output = Self.outputPath("routes.txt")
        defer { try? FileManager.default.removeItem(atPath: routes); try? FileManager.default.removeItem(atPath: output) }
        let run = try await ExternalCheckers.runCommand(["route", routes, "--output", output, "--lang", "en",
                                                         "--ehlo", "probe.smtp-probe.test"] + Self.judgement)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("the console would not save route \"Relay port\""), "\(text)")
        #expect(!text.contains("\u{1B}["))
    }

    @Test(arguments: ["nagios", "prometheus"])
    func routeRefusesMonitoringFormatsAndSaysWhatToRunInstead(format: String) async throws {
        let run = try await ExternalCheckers.runCommand(["route", "routes.yaml", "--format", format])
        #expect(run.status == 3)
        #expect(run.stderr.contains("'route' takes --format text, json or jsonl, not \(format)"), "\(run.stderr)")
        #expect(run.stderr.contains("smtp-probe --targets routes.yaml --format \(format)"), "\(run.stderr)")
    }

    @Test func certWritesItsJSONReportToTheOutputFile() async throws {
        let output = Self.outputPath("cert.json")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try await ExternalCheckers.runCommand([
            "cert", FixtureCertificate.good.chainPath, "--hostname", FixtureCertificate.routeHost,
            "--format", "json", "--output", output] + Self.judgement)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let document = try String(contentsOfFile: output, encoding: .utf8)
        let report = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
        #expect(report?["verdict"] as? String == "pass")
        let outcome = try await ExternalCheckers.validateAgainstSchema(document: document, definition: "certificateFileReport")
        #expect(outcome.passed, "\(outcome.output)")
    }

    @Test(arguments: ["jsonl", "nagios", "prometheus"])
    func certTakesTextOrJSONOnly(format: String) async throws {
        let run = try await ExternalCheckers.runCommand(["cert", FixtureCertificate.good.chainPath, "--format", format])
        #expect(run.status == 3)
        #expect(run.stderr.contains("'cert' takes --format text or json, not \(format)"), "\(run.stderr)")
    }

    @Test func jsonAndAnotherFormatContradictEachOtherForCertToo() async throws {
        let run = try await ExternalCheckers.runCommand(["cert", FixtureCertificate.good.chainPath, "--json",
                                                         "--format", "text"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("--json and --format text contradict each other"), "\(run.stderr)")
    }
}
