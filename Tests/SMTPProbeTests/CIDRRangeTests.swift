import Testing
@testable import SMTPProbe

@Suite("CIDR ranges of the relay's allowed addresses")
struct CIDRRangeTests {
    @Test(arguments: [
        ("203.0.113.0/28", 4), ("1050::5:600:300c:326b", 0), ("1050:0000:0000:0000:0005:0600:300c:326b/112", 16),
        ("198.51.100.7", 0), ("0.0.0.0/0", 32), ("2001:db8::/32", 96),
    ])
    func parses(text: String, hostBits: Int) throws {
        guard case .success(let range) = CIDRRange.parse(text) else { Issue.record("\(text) refused"); return }
        #expect(range.hostBits == hostBits)
    }

    @Test(arguments: [
        ("203.0.113.0/33", CIDRRange.Invalid.prefix(maximum: 32)), ("2001:db8::/129", .prefix(maximum: 128)),
        ("203.0.113/24", .address), ("example.com/24", .address), ("203.0.113.0/", .prefix(maximum: 32)),
        ("203.0.113.0/+8", .prefix(maximum: 32)), ("203.0.113.0/２４", .prefix(maximum: 32)), ("[2001:db8::]/64", .address),
        ("", .address),
    ])
    func refuses(text: String, reason: CIDRRange.Invalid) {
        #expect(throws: reason) { try CIDRRange.parse(text).get() }
    }

    @Test func containsByLeadingBits() throws {
        let range = try CIDRRange.parse("198.51.100.16/28").get()
        #expect(range.contains(IPAddress("198.51.100.31")!))
        #expect(!range.contains(IPAddress("198.51.100.32")!))
        #expect(!range.contains(IPAddress("::ffff:198.51.100.17")!))
        #expect(try CIDRRange.parse("2001:db8:25::/64").get().contains(IPAddress("2001:db8:25::9")!))
    }

    @Test(arguments: [
        ("10.1.2.0/24", NonPublicSpace.privateNetwork), ("172.31.0.1", .privateNetwork), ("192.168.0.0/16", .privateNetwork),
        ("127.0.0.1", .loopback), ("::1", .loopback), ("fd00::/8", .privateNetwork), ("fe80::1", .linkLocal),
        ("100.64.1.1", .sharedNAT), ("203.0.113.0/28", .documentation), ("2001:db8:25::/64", .documentation),
        ("8.0.0.0/6", .privateNetwork),
    ])
    func namesNonPublicSpace(text: String, kind: NonPublicSpace) throws {
        #expect(NonPublicSpace.kind(of: try CIDRRange.parse(text).get()) == kind)
    }

    @Test(arguments: ["8.8.8.0/24", "172.32.0.0/16", "2a00:1450::/32", "192.0.3.0/24"])
    func publicSpaceIsNotFlagged(text: String) throws {
        #expect(NonPublicSpace.kind(of: try CIDRRange.parse(text).get()) == nil)
    }
}
