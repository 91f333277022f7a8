import Testing
@testable import SMTPProbe

/// A host name is normalised once, in one place, and keeps its spelling for reports.
@Suite("Host names")
struct HostNameTests {
    @Test func aNameIsNormalisedToItsWireFormAndKeepsItsSpelling() {
        let name = HostName("Bücher.Example.")
        #expect(name.normalised == "xn--bcher-kva.example")
        #expect(name.spelling == "Bücher.Example.")
        #expect(name.description == "Bücher.Example.")
        #expect(name.dnsName == "xn--bcher-kva.example")
        #expect(!name.isAddress)
    }

    @Test func twoSpellingsOfOneHostAreOneHost() {
        #expect(HostName("MX.example.COM.") == HostName("mx.example.com"))
        #expect(Set([HostName("MX.example.COM."), HostName("mx.example.com")]).count == 1)
        #expect(HostName("2001:DB8::1") == HostName("2001:db8:0::1"))
    }

    @Test func anAddressIsNoDNSNameAndGetsNoSNI() {
        let address = HostName("2001:DB8::1")
        #expect(address.isAddress)
        #expect(address.dnsName == nil)
        #expect(address.normalised == "2001:db8::1")
    }

    /// Every user of a target's host reads the same normalised name: the server key, the MX
    /// domain asked, the name matched against a certificate.
    @Test func aTargetNormalisesItsHostOnce() throws {
        let target = try ProbeTarget(parsing: "MX.Bücher.example.:2525")
        #expect(target.host == "MX.Bücher.example.")
        #expect(target.name.normalised == "mx.xn--bcher-kva.example")
        #expect(target.serverKey == "mx.xn--bcher-kva.example:2525")
        #expect(ReferenceIdentity(target.name) == .dns("mx.xn--bcher-kva.example"))
    }
}
