import ArgumentParser
import Foundation
import SMTPProbe

/// How certificates are judged, the same for a live probe and for `cert`: trust anchors,
/// validation time and the expiry warning.
struct JudgementOptions: ParsableArguments {
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust the CA certificates in this PEM file instead of the system store.", valueName: "pem"))
    var caFile: String?

    @Option(help: ArgumentHelp("Judge certificates as of this moment (RFC 3339, e.g. 2026-12-01T00:00:00Z) instead of now.", valueName: "time"))
    var at: String?

    @Option(name: .customLong("warn-days"), help: ArgumentHelp("Warn when a certificate expires within this many days.", valueName: "days"))
    var warnDays: Int = 30

    func validate() throws {
        guard warnDays >= 0 else { throw ValidationError("--warn-days cannot be negative") }
    }

    var trust: TrustSource { caFile.map(TrustSource.file) ?? .system }

    func validationTime() throws -> Date? { try at.map(parseTime) }
}

/// Parses an RFC 3339 time such as `2026-12-01T00:00:00Z`, or a plain date.
func parseTime(_ text: String) throws -> Date {
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withFullDate]
    if let date = formatter.date(from: text) { return date }
    throw ValidationError("'\(text)' is not an RFC 3339 time such as 2026-12-01T00:00:00Z")
}
