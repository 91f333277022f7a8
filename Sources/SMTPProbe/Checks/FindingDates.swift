#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Dates as reports show them.
public enum FindingDates {
    /// `2026-11-23 09:30 UTC`: dates in reports are always UTC, so two admins in two time
    /// zones read the same thing.
    public static func format(_ date: Date) -> String {
        // gmtime_r, not Calendar: a Gregorian Calendar costs a text report half a millisecond
        // to set up, for a conversion the C library does in microseconds.
        guard let fields = utc(date) else { return "\(date)" }
        return cFormat("%04d-%02d-%02d %02d:%02d UTC", fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday,
                       fields.tm_hour, fields.tm_min)
    }

    /// `2026-11-23T09:30:00Z`, as JSON reports write dates (RFC 3339, UTC, whole seconds).
    public static func iso8601(_ date: Date) -> String {
        guard let fields = utc(date) else { return "\(date)" }
        return cFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday,
                       fields.tm_hour, fields.tm_min, fields.tm_sec)
    }

    /// The broken-down UTC time of `date` (`gmtime_r`), to the second below it.
    static func utc(_ date: Date) -> tm? {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        return gmtime_r(&seconds, &fields) == nil ? nil : fields
    }
}
