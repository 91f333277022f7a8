#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Times as `--at` takes them: RFC 3339 (`2026-12-01T09:30:00Z`, `2026-12-01T18:30:00+09:00`,
/// fractions of a second allowed), or a plain date, read as midnight UTC.
///
/// Strict on purpose: FoundationEssentials' ISO 8601 parser, used before, read
/// `2026-12-01T18:30:00` (no offset) as midnight and rolled `2026-02-30` over into March, so a
/// certificate was silently judged at another moment than the one asked for.
public enum RFC3339Time {
    /// The moment `text` names, or nil when it is not one of the forms above or names no
    /// moment (February 30, 25 o'clock, a leap second anywhere but at the end of a UTC day).
    public static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
              let day = scanner.digits(2), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day)
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        var fraction = 0.0
        var offsetSeconds = 0
        if !scanner.atEnd {
            // RFC 3339 5.6 lets "T" and "Z" be lower case, and its note allows a space for "T".
            guard scanner.take("T") || scanner.take("t") || scanner.take(" "),
                  let hour = scanner.digits(2), scanner.take(":"), let minute = scanner.digits(2), scanner.take(":"),
                  let second = scanner.digits(2), hour <= 23, minute <= 59, second <= 60 else { return nil }
            fields.tm_hour = Int32(hour)
            fields.tm_min = Int32(minute)
            fields.tm_sec = Int32(second)
            if scanner.take(".") {
                guard let digits = scanner.fractionDigits() else { return nil }
                fraction = Double("0." + digits) ?? 0
            }
            if scanner.take("Z") || scanner.take("z") {
                offsetSeconds = 0
            } else if let sign = scanner.sign(), let hours = scanner.digits(2), scanner.take(":"),
                      let minutes = scanner.digits(2), hours <= 23, minutes <= 59 {
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            } else {
                // A time without an offset is a local time of some unknown zone: refused.
                return nil
            }
        }
        guard scanner.atEnd else { return nil }
        let leapSecond = fields.tm_sec == 60
        let seconds = timegm(&fields) - offsetSeconds
        // A leap second (:60) exists only as 23:59:60 UTC; POSIX time, like a certificate's
        // validity, has none, so it is read as the next midnight, what timegm makes of it.
        if leapSecond, seconds % 86_400 != 0 { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
            position += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += count
            return value
        }

        mutating func fractionDigits() -> String? {
            let start = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            return position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
        }

        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }
    }
}
