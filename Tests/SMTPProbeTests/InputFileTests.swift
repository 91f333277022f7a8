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

    /// Files are read to their end, not to the size `fstat` gives: files under /proc say 0.
    @Test func filesAreReadToTheEndWhateverTheirStatedSize() throws {
        let status = try InputFile.read("/proc/self/status", limit: 1 << 20, what: "the file", tooLarge: .unreadableFile,
                                        because: "test")
        #expect(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        // More than the first 4 KiB buffer: the buffer grows.
        let maps = try InputFile.read("/proc/self/maps", limit: 16 << 20, what: "the file", tooLarge: .unreadableFile,
                                      because: "test")
        #expect(maps.count > 4097)
        #expect(maps.last == UInt8(ascii: "\n"))
    }
}
