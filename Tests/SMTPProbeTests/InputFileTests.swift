import Testing
@testable import SMTPProbe

@Suite("Files the user names")
struct InputFileTests {
    /// Sizes in messages round up: a file just over a 1 MiB limit must not read "1 MiB".
    @Test func sizesReadAsPeopleWriteThemAndNeverAsTheLimit() {
        #expect(InputFile.describe(512) == "512 bytes")
        #expect(InputFile.describe(1536) == "1.5 KiB")
        #expect(InputFile.describe(1_100_000) == "1.1 MiB")
        #expect(InputFile.describe((1 << 20) + 1) == "1.1 MiB")
        #expect(InputFile.describe(50 << 20) == "50 MiB")
    }
}
