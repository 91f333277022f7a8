import Foundation
import Testing
@testable import SMTPProbe

@Suite("Route files and the console's checks of a route")
struct RouteFileTests {
    @Test func readsRoutesWithTablesOptionsAndShorthands() throws {
        let file = try RouteFile(yaml: """
            routes:
              - name: Outbound gateway
                port: 2525
                options:
                  validate_certificate_hostname: false
                primary:
                  - { host: mx1.example.com, load: 50 }
                  - { host: "mx2.example.com:587", load: 50 }
                secondary:
                  - backup.example.com
              - name: Partner
                host: partner.example
                options: { mx_lookup: true }
            """)
        #expect(file.routes.count == 2)
        let gateway = file.routes[0]
        #expect(gateway.name == "Outbound gateway")
        #expect(gateway.port == 2525)
        #expect(gateway.options == RouteOptions(validateHostname: false))
        #expect(gateway.primary.map(\.entry) == ["mx1.example.com", "mx2.example.com:587"])
        #expect(gateway.primary.map(\.load) == [50, 50])
        #expect(gateway.secondary.map(\.entry) == ["backup.example.com"])
        #expect(file.routes[1].options.mxLookup)
        #expect(file.routes[1].options.requireTLS)
        #expect(file.routes[1].primary.map(\.entry) == ["partner.example"])
    }

    @Test(arguments: [
        ("routes: [", "not valid YAML"),
        ("- a\n- b", "expected"),
        ("routes: []", "holds no routes"),
        ("routes:\n  - name: x\n    host: a.example\n    options: { require_tsl: false }", "unknown key \"require_tsl\""),
        ("routes:\n  - name: x\n    primary:\n      - { host: a.example, load: fifty }", "routes[0].primary[0].load"),
        ("routes:\n  - name: x\n    host: a.example\n    primary: [b.example]", "not both"),
        ("rutes: []", "unknown key \"rutes\""),
        ("", "the file is empty"),
        ("routes:\n  - name: x\n    host: a.example\n    options: { require_tls: yes }", "routes[0].options.require_tls (line 4): expected true or false"),
        ("routes:\n  - name: x\n    port: \"25\"\n    host: a.example", "routes[0].port (line 3): expected a whole number"),
        ("routes:\n  - name: x\n    name: y\n    host: a.example", "\"name\" given twice"),
        ("routes:\n  - name: [x]\n    host: a.example", "routes[0].name (line 2): expected text"),
        ("routes:\n  - name: x\n\thost: a.example", "line 3"),
        // The key's own line, not its value's (which may be far below, or an anchor above).
        ("routes:\n  - name: x\n    host: a.example\n\n    optoins:\n      require_tls: false", "routes[0] (line 5): unknown key \"optoins\""),
        ("routes:\n  - name: x\n    options: &d { require_tls: false }\n    host: a.example\n  - name: y\n    host: b.example\n    options: {}\n    options: *d",
         "(line 8): \"options\" given twice"),
        // A second document is refused, not ignored: its routes would go untested.
        ("routes:\n  - name: x\n    host: a.example\n---\nroutes:\n  - name: y\n    host: b.example", "line 5: a second YAML document"),
        ("routes:\n  - name: x\n    host: a.example\n---\nroutes: [", "not valid YAML"),
        ("---\n", "the file is empty"),
    ])
    func badFilesGetOneLineSayingWhere(yaml: String, expected: String) {
        #expect {
            _ = try RouteFile(yaml: yaml, name: "r.yaml")
        } throws: { error in
            guard let error = error as? SMTPProbeError else { return false }
            return error.code == .invalidRouteFile && error.reason.contains(expected) && !error.reason.contains("\n")
        }
    }

    @Test func nestedAliasesCannotExpandWithoutBound() {
        // Nine levels of nine aliases each would be 387 million values.
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect {
            _ = try RouteFile(yaml: yaml)
        } throws: { error in
            (error as? SMTPProbeError)?.reason.contains("too many values") == true
        }
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: SMTPProbeError(.unreadableFile, "")) {
            _ = try RouteFile(contentsOf: "/nonexistent/routes.yaml")
        }
    }

    private func codes(_ route: Route) -> [FindingCode] {
        let checked = RouteValidator.check(route, position: 1)
        return checked.problems.map(\.code) + checked.hosts.flatMap(\.problems).map(\.code)
    }

    @Test func aRouteNeedsAName() {
        #expect(codes(Route(name: " ", primary: [RouteHost(entry: "mx.example.com")])) == [.routeNameMissing])
    }

    @Test func yamlNullMeansNotGiven() throws {
        // YAML's null is no name, not a route called "null".
        for null in ["~", "null", "NULL"] {
            let file = try RouteFile(yaml: "routes:\n  - name: \(null)\n    host: mx.example.com", name: "r.yaml")
            #expect(file.routes.first?.name == "")
        }
        #expect(try RouteFile(yaml: "routes:\n  - name: \"null\"\n    host: mx.example.com", name: "r.yaml").routes.first?.name == "null")
        // Any other key set to null is not given: its default applies.
        let defaults = try RouteFile(yaml: "routes:\n  - name: r\n    port: ~\n    host: mx.example.com\n    options:\n      # all defaults\n",
                                     name: "r.yaml")
        #expect(defaults.routes.first?.port == 25)
        #expect(defaults.routes.first?.options == RouteOptions())
        let noHost = try RouteFile(yaml: "routes:\n  - name: r\n    host: ~", name: "r.yaml")
        #expect(codes(try #require(noHost.routes.first)) == [.routeNoHosts])
    }

    @Test func aRouteNeedsAHost() {
        #expect(codes(Route(name: "r", primary: [])) == [.routeNoHosts])
    }

    @Test func eachTableMustAddUpTo100() {
        let ok = Route(name: "r", primary: [RouteHost(entry: "a.example", load: 60), RouteHost(entry: "b.example", load: 40)],
                       secondary: [RouteHost(entry: "c.example")])
        #expect(codes(ok).isEmpty)
        let short = Route(name: "r", primary: [RouteHost(entry: "a.example", load: 60), RouteHost(entry: "b.example", load: 30)])
        #expect(codes(short) == [.routeLoadsNot100])
        let missing = Route(name: "r", primary: [RouteHost(entry: "a.example", load: 100), RouteHost(entry: "b.example")])
        #expect(codes(missing) == [.routeLoadsNot100])
        let secondary = Route(name: "r", primary: [RouteHost(entry: "a.example")],
                              secondary: [RouteHost(entry: "c.example", load: 50)])
        #expect(codes(secondary) == [.routeLoadsNot100])
    }

    @Test func aLoadOutsideTheRangeIsNamedAsSuchEvenWhenTheSumIs100() throws {
        let route = Route(name: "r", primary: [RouteHost(entry: "a.example", load: -50), RouteHost(entry: "b.example", load: 150)])
        let problem = try #require(RouteValidator.check(route, position: 1).problems.first)
        let finding = FindingCatalog(language: .en).finding(for: problem, routeHost: "r", address: nil)
        #expect(finding.code == .routeLoadsNot100)
        #expect(finding.message == "A primary host's load is outside 0 – 100 %")
        let unloaded = Route(name: "r", primary: [RouteHost(entry: "a.example", load: 100), RouteHost(entry: "b.example")])
        let missing = try #require(RouteValidator.check(unloaded, position: 1).problems.first)
        #expect(FindingCatalog(language: .en).finding(for: missing, routeHost: "r", address: nil).message
                == "1 of the primary hosts has no load")
        let huge = Route(name: "r", primary: [RouteHost(entry: "a.example", load: .max), RouteHost(entry: "b.example", load: .max)])
        #expect(codes(huge) == [.routeLoadsNot100])
    }

    @Test func aPortGivenTwiceDifferentlyIsRefused() {
        let route = Route(name: "r", primary: [RouteHost(entry: "mx.example.com:2525", port: 25)])
        #expect(codes(route) == [.routeInvalidHost])
        #expect(codes(Route(name: "r", primary: [RouteHost(entry: "mx.example.com:2525", port: 2525)])).isEmpty)
    }

    @Test func port465IsRefusedWithTheReason() throws {
        let route = Route(name: "r", primary: [RouteHost(entry: "smtp-relay.example:465")])
        #expect(codes(route) == [.routePortNotAllowed])
        let problem = try #require(RouteValidator.check(route, position: 1).hosts.first?.problems.first)
        #expect(problem.severity == .fail)
        let finding = FindingCatalog(language: .en).finding(for: problem, routeHost: "r", address: nil)
        #expect(finding.detail?.contains("implicit TLS") == true)
    }

    @Test(arguments: [(25, true), (587, true), (1024, true), (65535, true), (465, false), (110, false), (0, false)])
    func routePorts(port: Int, allowed: Bool) {
        let route = Route(name: "r", primary: [RouteHost(entry: "mx.example.com", port: port)])
        #expect(codes(route).isEmpty == allowed)
    }

    @Test func mxLookupNeedsADomainNotAnAddress() {
        let route = Route(name: "r", options: RouteOptions(mxLookup: true), primary: [RouteHost(entry: "192.0.2.1")])
        #expect(codes(route) == [.routeInvalidHost])
    }

    @Test func mxRecordRDATAIsParsedAndNullMXRecognised() {
        let rdata: [UInt8] = [0, 10, 2] + Array("mx".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0]
        #expect(MXRecord(rdata: rdata) == MXRecord(preference: 10, exchange: "mx.example.com"))
        #expect(MXRecord(rdata: [0, 0, 0]) == MXRecord(preference: 0, exchange: "."))
        // Truncated, a compression pointer, a label running past the end.
        #expect(MXRecord(rdata: [0, 10]) == nil)
        #expect(MXRecord(rdata: [0, 10, 0xC0, 0x0C]) == nil)
        #expect(MXRecord(rdata: [0, 10, 9, 65, 65]) == nil)
    }
}

@Suite("Route files and target lists: hostile and odd input")
struct RouteFileInputTests {
    @Test func aFileOver1MiBIsRefusedBeforeItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(getpid()).yaml").path
        try String(repeating: "# padding\n", count: 120_000).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try RouteFile(contentsOf: path)
        } throws: { error in
            (error as? SMTPProbeError)?.reason.contains("too large for a route file") == true
        }
    }

    /// libyaml needs minutes to build a document of 500,000 nested flow lists; the nesting is
    /// refused at the 65th level, before the document is built.
    @Test(.timeLimit(.minutes(1))) func deeplyNestedListsAreRefusedAtOnce() throws {
        let text = "routes: " + String(repeating: "[", count: 500_000) + String(repeating: "]", count: 500_000)
        #expect {
            _ = try RouteFile(yaml: text, name: "deep.yaml")
        } throws: { error in
            (error as? SMTPProbeError)?.reason.contains("nested more than 64 deep") == true
        }
    }

    @Test func aDirectoryIsNotARouteFile() {
        #expect(throws: SMTPProbeError(.unreadableFile, "")) {
            _ = try RouteFile(contentsOf: FileManager.default.temporaryDirectory.path)
        }
    }

    @Test func absurdLoadsAreRefusedNotAddedUp() throws {
        let file = try RouteFile(yaml: """
            routes:
              - name: r
                primary:
                  - { host: a.example, load: 9223372036854775807 }
                  - { host: b.example, load: 1 }
            """)
        let codes = file.routes[0].consoleFindings().map(\.code)
        #expect(codes == [.routeLoadsNot100])
    }

    @Test func aTargetsFileWithWindowsLineEndings() throws {
        let targets = try TargetList.parse("mx1.example.com\r\nmx2.example.com:587\r\n", source: "t.txt")
        #expect(targets.map(\.description) == ["mx1.example.com:25", "mx2.example.com:587"])
    }
}

@Suite("Route files as monitoring target lists")
struct RouteFileTargetTests {
    @Test func everyHostBecomesATargetUnderItsRoutesOptions() throws {
        let file = try RouteFile(yaml: """
            routes:
              - name: Gateway
                port: 2525
                primary:
                  - { host: gw1.example.com, load: 50 }
                  - { host: "gw2.example.com:587", load: 50 }
              - name: Archive
                host: archive.example.org
                options: { validate_certificate_hostname: false }
            """)
        let targets = try TargetList.targets(of: file, source: "r.yaml")
        #expect(targets.map(\.target.description) == ["gw1.example.com:2525", "gw2.example.com:587", "archive.example.org:25"])
        #expect(targets.map(\.route.validateHostname) == [true, true, false])
    }

    @Test func aRouteTheConsoleRefusesIsAnErrorNamingIt() throws {
        let file = try RouteFile(yaml: "routes:\n  - name: Relay\n    host: smtp-relay.example:465\n")
        #expect {
            _ = try TargetList.targets(of: file, source: "r.yaml")
        } throws: { error in
            let error = error as? SMTPProbeError
            return error?.code == .invalidRouteFile && error?.reason.contains("route \"Relay\": Port 465") == true
        }
    }

    @Test func mxLookupEntriesBecomeDomainsToExpand() throws {
        let file = try RouteFile(yaml: """
            routes:
              - name: P
                port: 2525
                options: { mx_lookup: true }
                primary:
                  - { host: partner.example, load: 100 }
                secondary:
                  - { host: backup.partner.example, mx_lookup: false }
            """)
        let targets = try TargetList.targets(of: file, source: "r.yaml")
        #expect(targets.map(\.target.description) == ["partner.example:2525", "backup.partner.example:2525"])
        #expect(targets.map(\.route.mxLookup) == [true, false])
    }
}
