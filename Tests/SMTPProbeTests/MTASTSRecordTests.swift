import Testing
@testable import SMTPProbe

/// The `_mta-sts` TXT record as senders read it (RFC 8461 §3.1).
@Suite("MTA-STS records")
struct MTASTSRecordTests {
    @Test func aPlainRecordIsRead() {
        #expect(MTASTSRecord.parse("v=STSv1; id=20160831085700Z;") == .valid(MTASTSRecord(id: "20160831085700Z", extensions: [:])))
        // Without the final ";", with spaces and tabs around the separators, with an extension.
        #expect(MTASTSRecord.parse("v=STSv1 ;\tid = abc123 ; ext_1=yes") == .valid(MTASTSRecord(id: "abc123", extensions: ["ext_1": "yes"])))
    }

    @Test(arguments: [
        ("v=STSv1;", MTASTSRecord.Fault.missingID),
        ("v=STSv1; id=;", .malformedField("id=")),
        ("v=STSv1; id=2024-01-01;", .invalidID("2024-01-01")),
        ("v=STSv1; id=\(String(repeating: "1", count: 33));", .invalidID(String(repeating: "1", count: 33))),
        ("id=1; v=STSv1;", .versionNotFirst),
        ("v=STSv1; id=1; note", .malformedField("note")),
        ("v=STSv1;; id=1", .malformedField("")),
    ])
    func aRecordSendersCannotUseSaysWhy(text: String, fault: MTASTSRecord.Fault) {
        #expect(MTASTSRecord.parse(text) == .invalid(fault))
    }

    @Test func recordsAreSelectedAsSendersDo() {
        #expect(MTASTSRecordSelection(recordTexts: []) == .notPublished)
        // Records that do not begin with v=STSv1 are discarded; one that does remains.
        #expect(MTASTSRecordSelection(recordTexts: ["v=spf1 -all", "v=STSv1; id=1;"])
            == .record(MTASTSRecord(id: "1", extensions: [:])))
        #expect(MTASTSRecordSelection(recordTexts: ["v=spf1 -all"]) == .noneClaimsVersion(texts: ["v=spf1 -all"]))
        #expect(MTASTSRecordSelection(recordTexts: ["v=STSv1; id=1;", "v=STSv1; id=2;"])
            == .several(texts: ["v=STSv1; id=1;", "v=STSv1; id=2;"]))
        #expect(MTASTSRecordSelection(recordTexts: ["v=STSv1; id=a-b;"]) == .invalid(text: "v=STSv1; id=a-b;", .invalidID("a-b")))
        // "v=STSv10" is another version, not this one.
        #expect(MTASTSRecordSelection(recordTexts: ["v=STSv10; id=1;"]) == .noneClaimsVersion(texts: ["v=STSv10; id=1;"]))
    }
}
