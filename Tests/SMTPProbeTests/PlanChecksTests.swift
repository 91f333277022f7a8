import Testing
@testable import SMTPProbe

/// The offline checks of a plan, each planted on its own: the code, its status, where it
/// points in the plan, and that a plan without the problem passes the same check.
@Suite("Migration plans: the offline checks")
struct PlanChecksTests {
    static func checks(_ yaml: String, language: Language = .en) throws -> [ChecklistItem] {
        ChecklistPlanChecks.items(try MigrationPlan(yaml: yaml, file: "plan.yaml"), language: language)
    }

    static func status(_ code: FindingCode, in yaml: String) throws -> [ChecklistStatus] {
        try checks(yaml).filter { $0.code == code.rawValue }.map(\.status)
    }

    static let relay = "relay:\n  allowed_ranges: [8.8.8.0/28]\n"

    @Test(arguments: [
        // Each planted problem, then the same plan without it.
        (FindingCode.relayAnySender, relay + "  allowed_senders: any\n", ChecklistStatus.warn),
        (.relayAnySender, relay + "  allowed_senders: domain\n", .pass),
        (.relayRangeInvalid, "relay:\n  allowed_ranges: [8.8.8.0/33]\n", .fail),
        (.relayRangeTooLarge, "relay:\n  allowed_ranges: [8.8.0.0/15]\n", .fail),
        (.relayRangeTooLarge, "relay:\n  allowed_ranges: [8.8.0.0/16]\n", .pass),
        (.relayRangePrivate, "relay:\n  allowed_ranges: [\"192.168.1.0/24\"]\n", .fail),
        (.relayRangePrivate, "relay:\n  allowed_ranges: [\"2001:db8::/112\"]\n", .fail),
        (.relayRangePrivate, relay, .pass),
        (.relayDeviceOutsideRanges, relay + "  devices:\n    - { name: a, address: 8.8.9.1 }\n", .fail),
        (.relayDeviceOutsideRanges, relay + "  devices:\n    - { name: a, address: 8.8.8.15 }\n", .pass),
        (.relayAuthWithoutTLS, relay + "  devices:\n    - { name: a, smtp_auth: true, tls: none }\n", .fail),
        (.relayAuthWithoutTLS, relay + "  require_smtp_auth: true\n  devices:\n    - { name: a, tls: none }\n", .fail),
        (.relayAuthWithoutTLS, relay + "  devices:\n    - { name: a, smtp_auth: true, tls: starttls }\n", .pass),
        (.relayNullSenderMultipleRcpt, relay + "  devices:\n    - { name: a, null_sender_multiple_rcpt: true }\n", .fail),
        (.relayNullSenderMultipleRcpt, relay + "  devices:\n    - { name: a }\n", .pass),
        (.relayDailyLimit, "licences: 10\n" + relay + "  devices:\n    - { name: a, messages_per_day: 1039 }\n", .pass),
        (.relayDailyLimit, "licences: 10\n" + relay + "  devices:\n    - { name: a, messages_per_day: 1040 }\n", .warn),
        (.relayDailyLimit, "licences: 10\n" + relay + "  devices:\n    - { name: a, messages_per_day: 1300 }\n", .warn),
        (.relayDailyLimit, "licences: 10\n" + relay + "  devices:\n    - { name: a, messages_per_day: 1000 }\n    - { name: b, messages_per_day: 301 }\n", .fail),
        (.gatewayModifiesMessages, "outbound_gateway:\n  host: gw.example.com\n  modifies_messages: true\n", .fail),
        (.gatewayModifiesMessages, "outbound_gateway:\n  host: gw.example.com\n", .pass),
        (.gatewayLegacySetting, "outbound_gateway:\n  host: 192.0.2.1\n  legacy_setting: true\n", .warn),
        (.gatewayPerUserBypass, "per_user_outbound_gateway: true\noutbound_gateway:\n  host: gw.example.com\n", .warn),
        (.gatewayPerUserBypass, "per_user_outbound_gateway: false\noutbound_gateway:\n  host: gw.example.com\n", .pass),
        (.fetchPOP3NotSSL, "fetch:\n  - { address: a@isp.example, pop3: pop.isp.example:110, pop3_ssl: false }\n", .fail),
        (.fetchPOP3NotSSL, "fetch:\n  - { address: a@isp.example, pop3: pop.isp.example:995 }\n", .pass),
        (.fetchSMTPNotTLS, "fetch:\n  - { address: a@isp.example, pop3: pop.isp.example, smtp: smtp.isp.example, smtp_tls: false }\n", .fail),
        (.fetchForwardingStillOn, "fetch:\n  - { address: a@isp.example, pop3: pop.isp.example, forwarding_still_on: true }\n", .fail),
        (.fetchLeaveCopy, "fetch:\n  - { address: a@isp.example, pop3: pop.isp.example, leave_copy_on_server: true }\n", .warn),
        (.fetchProviderRestrictsIP, "fetch:\n  - { address: a@isp.example, pop3: pop.isp.example, provider_restricts_ip: true }\n", .fail),
        (.routeHostIsAddress, "routes:\n  - { name: A, host: \"192.0.2.25\" }\n", .warn),
        (.routeHostIsAddress, "routes:\n  - { name: A, host: mx.example.com }\n", .pass),
        (.routeTLSOptionOff, "routes:\n  - { name: A, host: mx.example.com, options: { require_tls: false } }\n", .warn),
        (.routeTLSOptionOff, "routes:\n  - { name: A, host: mx.example.com }\n", .pass),
        (.routeNameMissing, "routes:\n  - { host: mx.example.com }\n", .fail),
        (.routePortNotAllowed, "routes:\n  - { name: A, host: \"mx.example.com:465\" }\n", .fail),
        (.routeInvalidHost, "routes:\n  - { name: A, host: \"192.0.2.25\", options: { mx_lookup: true } }\n", .fail),
        (.routeLoadsNot100, "routes:\n  - name: A\n    primary: [{ host: a.example.com, load: 50 }, { host: b.example.com, load: 40 }]\n", .fail),
        (.routeNoHosts, "routes:\n  - { name: A }\n", .fail),
    ])
    func eachCheck(code: FindingCode, yaml: String, expected: ChecklistStatus) throws {
        #expect(try Self.status(code, in: yaml) == [expected])
    }

    @Test func aFailurePointsAtItsLineWithRemediesNamingTheConsoleSetting() throws {
        let checks = try Self.checks("domain: example.com\nlicences: 2\nrelay:\n  allowed_senders: any\n  allowed_ranges:\n    - 8.8.8.0/28\n    - 10.0.0.0/8\n")
        let range = try #require(checks.first { $0.code == "relay.range_private" && $0.status == .fail })
        #expect(range.location == PlanLocation(file: "plan.yaml", line: 7))
        #expect(range.severity == .fail && !range.live)
        #expect(range.remedies.map(\.kind) == ["use_public_address"])
        #expect(range.remedies[0].text.contains("Apps > Google Workspace > Gmail > Advanced settings"))
        let senders = try #require(checks.first { $0.code == "relay.any_sender" })
        #expect(senders.location.line == 4 && senders.remedies[0].text.contains("\"Only addresses in my domains\""))
        let japanese = try Self.checks("relay:\n  allowed_senders: any\n", language: .ja)
        #expect(japanese.first { $0.code == "relay.any_sender" }?.remedies.first?.text.contains("[許可する送信者]") == true)
    }

    /// Every code of the plan families has its words in both languages, none empty and the
    /// Japanese not the English.
    @Test func everyPlanProblemSpeaksBothLanguages() {
        let problems: [any CheckProblem] = [
            RelayPlanProblem.authWithoutTLS(device: "d", required: true), RelayPlanProblem.rangeInvalid(range: "r", reason: .address),
            RelayPlanProblem.rangeTooLarge(range: "r", hostBits: 17), RelayPlanProblem.rangePrivate(range: "r", kind: .loopback),
            RelayPlanProblem.deviceOutsideRanges(device: "d", address: "a"), RelayPlanProblem.anySender, RelayPlanProblem.nullSenderMultipleRcpt(device: "d"),
            RelayPlanProblem.dailyLimit(total: 2, limit: 1, licences: 1),
            GatewayPlanProblem.modifiesMessages, GatewayPlanProblem.legacySetting, GatewayPlanProblem.perUserBypass,
            FetchPlanProblem.pop3NotSSL(mailbox: "m"), FetchPlanProblem.smtpNotTLS(mailbox: "m"),
            FetchPlanProblem.forwardingStillOn(mailbox: "m"), FetchPlanProblem.leaveCopy(mailbox: "m"),
            FetchPlanProblem.providerRestrictsIP(mailbox: "m"),
            RouteProblem.routeHostIsAddress(entry: "e"), RouteProblem.routeTLSOptionOff(route: "r", options: [.requireTLS]),
        ]
        let catalog = (en: FindingCatalog(language: .en), ja: FindingCatalog(language: .ja))
        var codes = Set<FindingCode>()
        for problem in problems {
            codes.insert(problem.code)
            let en = catalog.en.finding(for: problem, routeHost: "", address: nil)
            let ja = catalog.ja.finding(for: problem, routeHost: "", address: nil)
            #expect(!en.message.isEmpty && !ja.message.isEmpty && en.message != ja.message, "\(problem.code)")
            #expect(en.detail != nil && ja.detail != nil && en.detail != ja.detail, "\(problem.code)")
            #expect(!en.remedies.isEmpty && en.remedies.count == ja.remedies.count, "\(problem.code)")
            #expect(zip(en.remedies, ja.remedies).allSatisfy { $0.text != $1.text && !$1.text.isEmpty })
        }
        let planCodes = RelayPlanProblem.codes + GatewayPlanProblem.codes + FetchPlanProblem.codes + [.routeHostIsAddress, .routeTLSOptionOff]
        #expect(codes == Set(planCodes))
    }
}

/// The relay command's rules (Checks/Relay) judged from the plan's devices.
@Suite("Migration plans: the relay command's rules for each device")
struct PlanRelayRulesTests {
    @Test(arguments: [
        ("relay:\n  require_tls: true\n  devices:\n    - { name: a, port: 25 }\n", FindingCode.relayPortForRequiredTLS, ChecklistStatus.warn),
        ("relay:\n  require_tls: true\n  devices:\n    - { name: a, port: 587 }\n", .relayPortForRequiredTLS, .pass),
        ("relay:\n  devices:\n    - { name: a, ehlo: localhost }\n", .relayGenericEHLO, .warn),
        ("relay:\n  devices:\n    - { name: a, ehlo: smtp-relay.gmail.com }\n", .relayGenericEHLO, .warn),
        ("relay:\n  devices:\n    - { name: a, ehlo: scanner3f.example.com }\n", .relayGenericEHLO, .pass),
    ])
    func eachDevice(yaml: String, code: FindingCode, expected: ChecklistStatus) throws {
        #expect(try PlanChecksTests.status(code, in: yaml) == [expected])
    }

    @Test func noPortRuleWithoutRequiredTLS() throws {
        #expect(try PlanChecksTests.status(.relayPortForRequiredTLS, in: "relay:\n  devices:\n    - { name: a, port: 25 }\n").isEmpty)
    }
}
