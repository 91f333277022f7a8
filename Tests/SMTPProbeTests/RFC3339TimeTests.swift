import Foundation
import Testing
@testable import SMTPProbe

@Suite("--at times (RFC 3339)")
struct RFC3339TimeTests {
    private func seconds(_ text: String) -> Double? { RFC3339Time.parse(text)?.timeIntervalSince1970 }

    @Test func aUTCTimeAndADateAreReadExactly() {
        #expect(seconds("2026-12-01T00:00:00Z") == 1_796_083_200)
        #expect(seconds("2026-12-01") == 1_796_083_200)
        #expect(seconds("2026-12-01T18:30:00Z") == 1_796_083_200 + 18.5 * 3600)
    }

    @Test func offsetsLowerCaseAndFractionsFollowRFC3339() {
        // 18:30 in Tokyo is 09:30 UTC.
        #expect(seconds("2026-12-01T18:30:00+09:00") == 1_796_083_200 + 9.5 * 3600)
        #expect(seconds("2026-12-01T00:00:00-05:30") == 1_796_083_200 + 5.5 * 3600)
        #expect(seconds("2026-12-01t18:30:00z") == seconds("2026-12-01T18:30:00Z"))
        #expect(seconds("2026-12-01 18:30:00Z") == seconds("2026-12-01T18:30:00Z"))
        #expect(seconds("2026-12-01T00:00:00.25Z") == 1_796_083_200.25)
        #expect(seconds("2028-02-29") != nil)
        #expect(seconds("2000-02-29") != nil)
        // A leap second, at the end of a UTC day only: the next midnight in POSIX time.
        #expect(seconds("2026-12-31T23:59:60Z") == seconds("2027-01-01T00:00:00Z"))
        #expect(seconds("2027-01-01T08:59:60+09:00") == seconds("2027-01-01T00:00:00Z"))
    }

    /// Not RFC 3339, or no such moment; the first few were read as some other moment by the
    /// parser used before.
    @Test(arguments: ["2026-12-01T18:30:00", "2026-02-30", "2100-02-29", "2026-12-01T12:34:60Z", "2026-13-01", "2026-12-00",
                      "2026-12-01T25:00:00Z", "2026-12-01T12:60:00Z", "2026-12-01T12:00:00+24:00",
                      "2026-12-01T12:00Z", "2026-12-01T12:00:00.Z", "2026-12-1", "26-12-01", "2026-12-01X",
                      "2026-12-01T12:00:00Z ", "", "yesterday", "２０２６-12-01"])
    func anythingElseIsRefused(text: String) {
        #expect(RFC3339Time.parse(text) == nil)
    }
}
