import Testing
@testable import SMTPProbe

/// TXT and TLSA RDATA as libunbound hands it over: well-formed, empty, and cut short.
@Suite("TXT and TLSA record data")
struct DNSRecordParsingTests {
    @Test("TXT: each character-string kept, joined without spaces; an empty string counts")
    func txt() throws {
        let record = try #require(TXTRecord(rdata: [8] + Array("v=spf1 a".utf8) + [0] + [5] + Array(" -all".utf8)))
        #expect(record.strings == ["v=spf1 a", "", " -all"])
        #expect(record.text == "v=spf1 a -all")
        // A record of 255-byte strings, as long SPF records are split.
        let long = String(repeating: "x", count: 255)
        #expect(TXTRecord(rdata: [255] + Array(long.utf8) + [1, 0x79])?.text == long + "y")
    }

    @Test("TXT whose length runs past the data is refused, not cut")
    func txtCutShort() {
        #expect(TXTRecord(rdata: [10] + Array("short".utf8)) == nil)
    }

    @Test("TLSA: usage, selector, matching type, data; shorter than four bytes is refused")
    func tlsa() throws {
        let record = try #require(TLSARecord(rdata: [3, 1, 1, 0xAB, 0x0C]))
        #expect(record == TLSARecord(usage: 3, selector: 1, matchingType: 1, data: [0xAB, 0x0C]))
        #expect(record.description == "3 1 1 ab0c")
        #expect(TLSARecord(rdata: [3, 1, 1]) == nil)
    }
}
