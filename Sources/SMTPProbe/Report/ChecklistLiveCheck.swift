/// A check that needs the network, by what it checks: its code while it passes or is not
/// made, and its words.
enum ChecklistLiveCheck: Sendable {
    /// The `domain` checks of one domain (MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT).
    case domain(String)
    /// One family of a domain's checks that found nothing (`family` nil: its MX hosts' TLS test).
    case domainFamily(domain: String, family: String?)
    /// The TLS test of one host of an inbound route, under the route's options.
    case routeTLS(String)
    /// The outbound gateway's TLS test.
    case gatewayTLS(String)
    /// Whether the gateway relays mail for anyone.
    case gatewayOpenRelay(String)
    /// Whether the relay service answers this device's port, taking its EHLO name.
    case relayReachable(device: String, port: Int)
    /// A fetched mailbox's POP3 server as Gmail's mail fetcher meets it; `login`, the user
    /// whose login worked (nil: none was tried).
    case fetchPOP3(mailbox: String, server: String, login: String? = nil)
    /// A fetched mailbox's SMTP server as "Send mail as" meets it; `login` as for POP3.
    case fetchSMTP(mailbox: String, server: String, login: String? = nil)
    /// The login test of a fetched mailbox's server, when the plan gives a password.
    case fetchLogin(mailbox: String, server: String, user: String)

    /// Why a live check was not made.
    enum Skipped: Sendable {
        /// `--offline`.
        case offline
        /// It could not be made (the server turned the probe away first); the caller replaces
        /// the line's words with the reason.
        case notMade
    }

    var code: String {
        switch self {
        case .domain, .domainFamily: "checklist.domain"
        case .routeTLS: "checklist.route_tls"
        case .gatewayTLS: "checklist.gateway_tls"
        case .gatewayOpenRelay: "checklist.gateway_open_relay"
        case .relayReachable: "checklist.relay_reachable"
        case .fetchPOP3: "checklist.fetch_pop3"
        case .fetchSMTP: "checklist.fetch_smtp"
        case .fetchLogin: "checklist.fetch_login"
        }
    }

    /// The line when it passed.
    func passed(_ language: Language) -> String {
        switch (self, language) {
        case (.domain(let name), .en): "\(name): the domain checks pass"
        case (.domain(let name), .ja): "\(name): ドメインのチェックに合格しました"
        case (.domainFamily(let name, let family?), .en): "\(name): the \(family) checks pass"
        case (.domainFamily(let name, let family?), .ja): "\(name): \(family) のチェックに合格しました"
        case (.domainFamily(let name, nil), .en): "\(name): the MX hosts pass the TLS test"
        case (.domainFamily(let name, nil), .ja): "\(name): MX ホストは TLS 接続テストに合格しました"
        case (.routeTLS(let host), .en), (.gatewayTLS(let host), .en): "\(host): the TLS test passes under the route's options"
        case (.routeTLS(let host), .ja), (.gatewayTLS(let host), .ja): "\(host): ルートのオプションで TLS 接続テストに合格しました"
        case (.gatewayOpenRelay(let host), .en): "\(host) refuses to relay for strangers"
        case (.gatewayOpenRelay(let host), .ja): "\(host) は第三者のメールを中継しません"
        case (.relayReachable(let device, let port), .en): "The relay answers \(device)'s port \(port)"
        case (.relayReachable(let device, let port), .ja): "リレーは \(device) のポート \(port) に応答します"
        case (.fetchPOP3(let box, let server, let user?), .en): "\(box): POP3 server \(server) passes the TLS test, and \(user) can log in"
        case (.fetchPOP3(let box, let server, let user?), .ja): "\(box): POP3 サーバー \(server) は TLS 接続テストに合格し、\(user) でログインできます"
        case (.fetchPOP3(let box, let server, nil), .en): "\(box): POP3 server \(server) passes the TLS test (no login tried: the plan gives no password)"
        case (.fetchPOP3(let box, let server, nil), .ja): "\(box): POP3 サーバー \(server) は TLS 接続テストに合格しました (プランにパスワードがないためログインは試していません)"
        case (.fetchSMTP(let box, let server, let user?), .en): "\(box): SMTP server \(server) passes the TLS test, and \(user) can log in"
        case (.fetchSMTP(let box, let server, let user?), .ja): "\(box): SMTP サーバー \(server) は TLS 接続テストに合格し、\(user) でログインできます"
        case (.fetchSMTP(let box, let server, nil), .en): "\(box): SMTP server \(server) passes the TLS test (no login tried: the plan gives no password)"
        case (.fetchSMTP(let box, let server, nil), .ja): "\(box): SMTP サーバー \(server) は TLS 接続テストに合格しました (プランにパスワードがないためログインは試していません)"
        case (.fetchLogin(let box, let server, let user), .en): "\(box): \(user) can log in to \(server)"
        case (.fetchLogin(let box, let server, let user), .ja): "\(box): \(user) で \(server) にログインできます"
        }
    }

    /// The line when it was not made.
    func notChecked(_ reason: Skipped, _ language: Language) -> String {
        let what = switch (self, language) {
        case (.domain(let name), .en): "\(name): the domain checks (DNS, MX, SPF, DKIM, DMARC, MTA-STS)"
        case (.domain(let name), .ja): "\(name): ドメインのチェック (DNS、MX、SPF、DKIM、DMARC、MTA-STS)"
        case (.domainFamily(let name, let family), .en): "\(name): the \(family ?? "MX hosts' TLS") checks"
        case (.domainFamily(let name, let family), .ja): "\(name): \(family ?? "MX ホストの TLS") のチェック"
        case (.routeTLS(let host), .en), (.gatewayTLS(let host), .en): "\(host): the TLS test under the route's options"
        case (.routeTLS(let host), .ja), (.gatewayTLS(let host), .ja): "\(host): ルートのオプションでの TLS 接続テスト"
        case (.gatewayOpenRelay(let host), .en): "\(host): the open-relay check"
        case (.gatewayOpenRelay(let host), .ja): "\(host): 不正中継のチェック"
        case (.relayReachable(let device, let port), .en): "\(device): the relay on port \(port) with its EHLO name"
        case (.relayReachable(let device, let port), .ja): "\(device): ポート \(port) と EHLO 名でのリレーへの接続"
        case (.fetchPOP3(let box, let server, _), .en): "\(box): the POP3 server \(server)"
        case (.fetchPOP3(let box, let server, _), .ja): "\(box): POP3 サーバー \(server)"
        case (.fetchSMTP(let box, let server, _), .en): "\(box): the SMTP server \(server)"
        case (.fetchSMTP(let box, let server, _), .ja): "\(box): SMTP サーバー \(server)"
        case (.fetchLogin(let box, let server, let user), .en): "\(box): the login of \(user) to \(server)"
        case (.fetchLogin(let box, let server, let user), .ja): "\(box): \(user) での \(server) へのログイン"
        }
        return switch (reason, language) {
        case (.offline, .en): "\(what): not checked (--offline)"
        case (.offline, .ja): "\(what): 未チェック (--offline)"
        case (.notMade, .en): "\(what): not checked"
        case (.notMade, .ja): "\(what): 未チェック"
        }
    }

    /// The checklist line of this check, not made for `reason`.
    func skipped(_ reason: Skipped, area: ChecklistArea, location: PlanLocation, language: Language) -> ChecklistItem {
        ChecklistItem(area: area, code: code, status: .notChecked, severity: nil, live: true,
                      message: notChecked(reason, language), location: location)
    }
}
