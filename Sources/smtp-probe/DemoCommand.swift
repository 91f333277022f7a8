import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe
import SMTPProbeFixtures
#if canImport(Glibc)
import Glibc
#endif

/// `smtp-probe demo`: the project's own fixture SMTP server on loopback, probed twice: once
/// serving a good chain, once with the mistake admins make most (no intermediate sent).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Probe two fixture SMTP servers on 127.0.0.1: one that passes, one that fails, with its remedies.")

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let cases: [(FixtureCertificate, Verdict)] = [(.good, .pass), (.missingIntermediate, .fail)]
        // The fixtures are read from $SMTP_PROBE_FIXTURES, an installed copy beside the binary
        // or the source tree: say plainly where they were looked for when none is there,
        // rather than with OpenSSL's error number.
        guard access(FixtureCertificate.rootsPath, R_OK) == 0 else {
            let places = FixtureCertificate.searchPath.map(\.path).joined(separator: ", ")
            throw SMTPProbeError(.unreadableFile, """
                the demo's certificates were not found (looked in \(places)): \
                set SMTP_PROBE_FIXTURES to a copy of the repository's fixtures/certs
                """)
        }
        let prober = try SMTPProber()
        var asExpected = true
        var reports: [ProbeReport] = []
        for (index, (certificate, expected)) in cases.enumerated() {
            let server = try await FixtureSMTPServer.start(FixtureBehaviour(certificate: certificate))
            var options = ProbeOptions()
            options.language = output.language
            options.trust = .file(FixtureCertificate.rootsPath)
            options.connectTo = "\(server.host):\(server.port)"
            options.timeout = 5
            let report = try await prober.probe(
                ProbeTarget(host: FixtureCertificate.routeHost, port: server.port), options: options)
            await server.stop()
            reports.append(report)
            if !output.json {
                if index > 0 { print(String(repeating: "─", count: 72)) }
                try output.emit(report)
            }
            asExpected = asExpected && report.verdict == expected
        }
        // One JSON document: an array of the two reports.
        if output.json { print(try ReportJSON.encode(reports)) }
        if !asExpected { throw ExitCode(ExitStatus.fail.rawValue) }
    }
}
