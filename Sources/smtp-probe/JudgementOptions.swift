import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// How certificates are judged, the same for a live probe and for `cert`: trust anchors,
/// validation time and the expiry warning.
struct JudgementOptions: ParsableArguments {
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust the CA certificates in this PEM file instead of the system store.", valueName: "pem"))
    var caFile: String?

    @Option(help: ArgumentHelp("Judge certificates as of this moment (RFC 3339, e.g. 2026-12-01T00:00:00Z) instead of now.", valueName: "time"))
    var at: String?

    @Option(name: .customLong("warn-days"), parsing: .unconditional, help: ArgumentHelp("Warn when a certificate expires within this many days.", valueName: "days"))
    var warnDays: Int = 30

    @Option(name: .customLong("crit-days"), parsing: .unconditional, help: ArgumentHelp("Fail when a certificate expires within this many days (default: never on expiry alone).", valueName: "days"))
    var critDays: Int?

    func validate() throws {
        // Here rather than when the probe starts, so that the message names the command.
        _ = try validationTime()
        guard warnDays >= 0 else { throw ValidationError("--warn-days cannot be negative") }
        if let critDays {
            guard critDays >= 0 else { throw ValidationError("--crit-days cannot be negative") }
            // A critical limit beyond the warning one would make the warning unreachable.
            guard critDays <= warnDays else {
                throw ValidationError("--crit-days (\(critDays)) cannot be more than --warn-days (\(warnDays))")
            }
        }
    }

    var trust: TrustSource { caFile.map(TrustSource.file) ?? .system }

    func validationTime() throws -> Date? { try at.map(parseTime) }

    /// Sets the judgement of a live probe: trust anchors, validation time, expiry limits.
    func apply(to options: inout ProbeOptions) throws {
        options.expiryWarningDays = warnDays
        options.expiryCriticalDays = critDays
        options.trust = trust
        options.validationTime = try validationTime()
    }
}

/// Parses an RFC 3339 time such as `2026-12-01T00:00:00Z`, or a plain date (midnight UTC).
func parseTime(_ text: String) throws -> Date {
    guard let date = RFC3339Time.parse(text) else {
        throw ValidationError("'\(text)' is not an RFC 3339 time with its offset, such as 2026-12-01T00:00:00Z or 2026-12-01T09:00:00+09:00, nor a date such as 2026-12-01")
    }
    return date
}
