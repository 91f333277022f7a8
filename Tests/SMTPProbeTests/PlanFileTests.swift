import Foundation
import Testing
@testable import SMTPProbe

/// Reading a migration plan: every key, the route file beside it, and one-line errors with
/// the line at fault.
@Suite("Migration plans: reading")
struct PlanFileTests {
    @Test func readsEveryKey() throws {
        let plan = try MigrationPlan(yaml: """
            domain: example.com
            licences: 250
            mail_to_google: false
            dkim_selectors: [google, s2]
            routes:
              - name: On-premises
                host: mx.example.com
            outbound_gateway:
              host: gw.example.com:2525
              options: { validate_certificate_hostname: false }
              modifies_messages: true
              legacy_setting: true
            per_user_outbound_gateway: true
            relay:
              server: smtp-relay.gmail.com
              require_tls: true
              require_smtp_auth: true
              allowed_senders: any
              allowed_ranges: [198.51.100.0/28, "2001:db8:25::/64"]
              devices:
                - name: scanner
                  ehlo: scanner.example.com
                  address: 198.51.100.5
                  port: 465
                  tls: implicit
                  smtp_auth: true
                  null_sender_multiple_rcpt: true
                  messages_per_day: 400
            fetch:
              - address: user@isp.example
                pop3: pop.isp.example:995
                pop3_ssl: false
                smtp: smtp.isp.example:587
                smtp_tls: false
                forwarding_still_on: true
                leave_copy_on_server: true
                provider_restricts_ip: true
                login: user
                password_env: ISP_PASSWORD
              - { address: other@isp.example, pop3: pop.isp.example, password_file: secrets/other.txt }
            """, file: "plans/plan.yaml")
        #expect(plan.domains.map(\.value) == ["example.com"])
        #expect(plan.licences == PlanValue(250, line: 2))
        #expect(plan.mailToGoogle.value == false)
        #expect(plan.dkimSelectors == ["google", "s2"])
        #expect(plan.routes.map(\.route.name) == ["On-premises"])
        #expect(plan.routes.first?.location == PlanLocation(file: "plans/plan.yaml", line: 6))
        let gateway = try #require(plan.outboundGateway)
        #expect(gateway.host == "gw.example.com:2525" && !gateway.options.validateHostname)
        #expect(gateway.modifiesMessages.value && gateway.legacySetting.value && plan.perUserOutboundGateway.value)
        let relay = try #require(plan.relay)
        #expect(relay.requireTLS.value && relay.requireSMTPAuth.value && relay.allowedSenders.value == .any)
        #expect(relay.allowedRanges.map(\.value) == ["198.51.100.0/28", "2001:db8:25::/64"])
        let device = try #require(relay.devices.first)
        #expect(device.name == "scanner" && device.ehlo?.value == "scanner.example.com")
        #expect(device.address?.value == IPAddress("198.51.100.5") && device.address?.line == 23)
        #expect(device.port.value == 465 && device.tls.value == .implicit && device.smtpAuth.value)
        #expect(device.nullSenderMultipleRcpt.value && device.messagesPerDay.value == 400)
        let fetch = try #require(plan.fetch.first)
        #expect(fetch.address == "user@isp.example" && fetch.pop3.value == "pop.isp.example:995")
        #expect(!fetch.pop3SSL.value && fetch.smtp?.value == "smtp.isp.example:587" && !fetch.smtpTLS.value)
        #expect(fetch.forwardingStillOn.value && fetch.leaveCopyOnServer.value && fetch.providerRestrictsIP.value)
        #expect(fetch.loginUser == "user" && fetch.password == PlanValue(.environment("ISP_PASSWORD"), line: 39))
        // A password file is read beside the plan, as a route file is; the user is the address.
        let other = try #require(plan.fetch.last)
        #expect(other.password?.value == .file("plans/secrets/other.txt") && other.loginUser == "other@isp.example")
    }

    @Test func defaultsFollowTheConsole() throws {
        let plan = try MigrationPlan(yaml: "domains: [example.com, example.org]\nrelay:\n  devices:\n    - name: printer\n", file: "p.yaml")
        #expect(plan.domains.map(\.value) == ["example.com", "example.org"])
        #expect(plan.mailToGoogle.value && !plan.perUserOutboundGateway.value)
        let relay = try #require(plan.relay)
        #expect(relay.server == "smtp-relay.gmail.com" && relay.allowedSenders.value == .registeredUsers)
        #expect(!relay.requireTLS.value && !relay.requireSMTPAuth.value)
        #expect(relay.devices.first?.port.value == 587 && relay.devices.first?.tls.value == .starttls)
    }

    /// `routes: FILE` is read beside the plan, and each route's location names that file.
    @Test func readsTheRouteFileBesideThePlan() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "routes:\n  - name: A\n    host: a.example.com\n\n  - name: B\n    host: b.example.com\n"
            .write(to: directory.appendingPathComponent("routes.yaml"), atomically: true, encoding: .utf8)
        let planPath = directory.appendingPathComponent("plan.yaml").path
        try "domain: example.com\nroutes: routes.yaml\n".write(toFile: planPath, atomically: true, encoding: .utf8)
        let plan = try MigrationPlan(contentsOf: planPath)
        #expect(plan.routes.map(\.route.name) == ["A", "B"])
        #expect(plan.routes.map(\.location) == [PlanLocation(file: directory.path + "/routes.yaml", line: 2),
                                                PlanLocation(file: directory.path + "/routes.yaml", line: 5)])
    }

    @Test(arguments: [
        ("domain: example.com\nrelay: [", "plan.yaml: not valid YAML: line 3"),
        ("domain: example.com\nlicenses: 10", "plan.yaml: the top level (line 2): unknown key \"licenses\""),
        ("domain: example.com\nrelay:\n  devices:\n    - name: a\n      tls: ssl", "relay.devices[0].tls (line 5): expected one of: starttls, implicit, none"),
        ("relay:\n  devices:\n    - name: a\n      port: 2525", "relay.devices[0].port (line 4): the relay listens on port 25, 465 or 587"),
        ("relay:\n  devices:\n    - name: a\n      address: printer.local", "relay.devices[0].address (line 4): expected an IPv4 or IPv6 address"),
        ("relay:\n  allowed_senders: everyone", "relay.allowed_senders (line 2): expected one of: registered_users, domain, any"),
        ("domain: 192.0.2.1", "domain (line 1): expected a domain name"),
        ("domain: a.example\ndomains: [b.example]", "give either \"domain\" or \"domains\""),
        ("licences: 0", "licences (line 1): expected a whole number from 1"),
        ("fetch:\n  - address: a@b.example\n    pop3: \"pop.b.example:99999\"", "fetch[0].pop3 (line 3): expected a host name"),
        ("fetch:\n  - address: a@b.example\n    pop3_ssl: yes\n    pop3: p.example", "fetch[0].pop3_ssl (line 3): expected true or false"),
        ("outbound_gateway:\n  host: gw.example\n  options: { require_tsl: true }", "unknown key \"require_tsl\""),
        ("fetch:\n  - address: a@b.example\n    pop3: p.example\n    login: a", "fetch[0] (line 4): \"login\" needs \"password_file\" or \"password_env\""),
        ("fetch:\n  - address: a@b.example\n    pop3: p.example\n    password_file: f\n    password_env: P", "fetch[0] (line 5): give either \"password_file\" or \"password_env\", not both"),
        ("fetch:\n  - address: a@b.example\n    pop3: p.example\n    password_env: \"A=B\"", "fetch[0].password_env (line 4): expected the name of an environment variable"),
        ("fetch:\n  - address: a@b.example\n    pop3: p.example\n    password: hunter2", "fetch[0] (line 4): unknown key \"password\""),
        ("routes:\n  - name: x\n    hosts: [a.example]", "routes[0] (line 3): unknown key \"hosts\""),
    ])
    func refusesWithTheLine(yaml: String, expected: String) {
        #expect {
            _ = try MigrationPlan(yaml: yaml, file: "plan.yaml")
        } throws: { error in
            guard let error = error as? SMTPProbeError, error.code == .invalidPlan else { return false }
            return error.reason.contains(expected) && !error.reason.contains("\n")
        }
    }

    @Test func aMissingRouteFileIsUnreadable() {
        #expect(throws: SMTPProbeError(.unreadableFile, "")) {
            _ = try MigrationPlan(yaml: "routes: no-such-routes.yaml", file: "/nonexistent/plan.yaml")
        }
    }
}
