import Testing
import SMTPProbe

@Suite("Target lists (--targets FILE)")
struct TargetListTests {
    @Test func commentsBlankLinesAndPortsAreUnderstood() throws {
        let text = """
            # MX hosts of tenant A
            mx1.example.com

              mx2.example.com:587   # submission
            [2001:db8::25]:2525
            192.0.2.25\r
            """
        let targets = try TargetList.parse(text, source: "fleet.txt")
        #expect(targets.map(\.description) == ["mx1.example.com:25", "mx2.example.com:587", "[2001:db8::25]:2525", "192.0.2.25:25"])
    }

    /// Under `--protocol pop3` a line without a port is the protocol's (995); a port given
    /// on the line stays.
    @Test func aLineWithoutAPortTakesTheProtocolsDefault() throws {
        let targets = try TargetList.parse("pop.example.com\npop.example.com:110\n[2001:db8::1]\n", source: "hosts.txt",
                                           defaultPort: MailProtocol.pop3.defaultPort)
        #expect(targets.map(\.description) == ["pop.example.com:995", "pop.example.com:110", "[2001:db8::1]:995"])
    }

    @Test(arguments: [
        ("mx1.example.com\n\nmx.example.com:99999\n", 3),
        ("# only a comment\nbad host name\n", 2),
        ("ok.example.com\n[2001:db8::1\n", 2),
    ])
    func aBadLineIsAnErrorNamingItsLine(text: String, line: Int) throws {
        let error = try #require(throws: SMTPProbeError.self) { try TargetList.parse(text, source: "fleet.txt") }
        #expect(error.code == .invalidTarget)
        #expect(error.reason.hasPrefix("fleet.txt line \(line): "))
    }

    @Test func repeatsAreProbedOnce() throws {
        let targets = try TargetList.parse("a.example.com\nb.example.com\na.example.com:25\n", source: "-")
        #expect(TargetList.unique(targets.map { ($0, RouteOptions()) }).map(\.target.host) == ["a.example.com", "b.example.com"])
    }

    @Test func oneServerWrittenTwoWaysIsOneTarget() throws {
        let targets = try TargetList.parse("A.Example.com\na.example.com.\n[2001:db8::1]:25\n2001:0db8:0::1\nbücher.example\nxn--bcher-kva.example\n",
                                           source: "-")
        // The first spelling is kept, as listed.
        #expect(TargetList.unique(targets.map { ($0, RouteOptions()) }).map(\.target.host)
                == ["A.Example.com", "2001:db8::1", "bücher.example"])
    }
}
