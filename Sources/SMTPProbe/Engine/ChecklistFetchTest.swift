/// The live test of the mailboxes Gmail fetches instead of having their mail forwarded (seed
/// 004): each one's POP3 server as Gmail's mail fetcher meets it, and its SMTP server as "Send
/// mail as" does, by `smtp-probe --protocol pop3|submission`'s probe: TLS from the first byte
/// when the plan says SSL (STLS/STARTTLS otherwise, and on 465 always from the first byte),
/// every certificate check on, and a login inside verified TLS only when the plan says where
/// the password is. Servers alike in protocol, host, port, TLS and login are probed once; the
/// probes start at once, each address seeing one connection at a time (as a route's hosts
/// do), all within the run's deadline.
struct ChecklistFetchTest {
    let plan: MigrationPlan

    /// What makes two servers the same probe.
    private struct Key: Hashable {
        var mailProtocol: MailProtocol
        var host: String
        var port: Int
        var tls: TLSMode
        var user: String?
        var password: PlanPassword?
    }

    /// One server of one mailbox, where the plan writes it.
    private struct Server {
        var key: Key
        var target: ProbeTarget
        /// `host:port`, with the port the probe used.
        var shown: String
        var mailbox: String
        var location: PlanLocation
    }

    func items(offline: Bool, options: ProbeOptions, live: ChecklistLiveOptions, deadline: Double) async throws -> [ChecklistItem] {
        let language = options.language
        let servers = try plan.fetch.flatMap(servers)
        guard !offline else {
            return servers.map { server in
                Self.check(server, login: nil).skipped(.offline, area: .fetchedMailboxes, location: server.location, language: language)
            }
        }
        guard !servers.isEmpty else { return [] }
        let credentials = try self.credentials(live.environment)
        var unique: [Key: Server] = [:]
        for server in servers where unique[server.key] == nil { unique[server.key] = server }
        let prober = try SMTPProber()
        let run = RunDeadline(seconds: deadline)
        // Many mailboxes of one provider, each with its own login, must not reach its server
        // all together: a burst of connections and logins from one client looks like an attack.
        let limits = BatchLimits(connectionsPerAddress: 1, concurrency: .max)
        let outcomes = try await withThrowingTaskGroup(of: (Key, ProbeReport).self) { group in
            for (key, server) in unique {
                var probeOptions = options
                probeOptions.mailProtocol = key.mailProtocol
                probeOptions.tlsMode = key.tls
                probeOptions.connectTo = live.fetchConnectTo ?? options.connectTo
                // Gmail's fetcher and "Send mail as" are not routes: every certificate check
                // counts, and no route port rule applies.
                probeOptions.route = RouteOptions()
                probeOptions.judgesRoutePort = false
                probeOptions.login = key.password.flatMap { credentials[$0] }.flatMap { password in
                    try? LoginCredentials(user: key.user ?? server.mailbox, password: password)
                }
                // What the server does is in the report; a probe throws only when it cannot run
                // at all here (a bad --fetch-connect-to, no file descriptor left): exit 3.
                // Cut short by the deadline, a server is judged as a route host is then: a
                // failure (probe.deadline_exceeded), never a check that does not count.
                group.addTask { [probeOptions] in
                    let report = try await run.run({ try await prober.probe(server.target, options: probeOptions, resolution: nil, limiter: limits) })
                        ?? prober.deadlineStandIn(for: server.target, options: probeOptions, seconds: deadline)
                    return (key, report)
                }
            }
            var outcomes: [Key: ProbeReport] = [:]
            for try await (key, outcome) in group { outcomes[key] = outcome }
            return outcomes
        }
        return servers.flatMap { server in
            // Every probe ends with a report (the deadline's stand-in at worst).
            outcomes[server.key].map { Self.items(server, report: $0, language: language) } ?? []
        }
    }

    /// A mailbox's POP3 server, then its SMTP server when the plan names one.
    private func servers(_ fetch: PlanFetch) throws -> [Server] {
        let user = fetch.password == nil ? nil : fetch.loginUser
        let password = fetch.password?.value
        func server(_ written: PlanValue<String>, _ mailProtocol: MailProtocol, defaultPort: Int, implicit: (Int) -> Bool) throws -> Server {
            // The plan's reader has checked the text already; this cannot fail on a plan it read.
            let target = try ProbeTarget(parsing: written.value, defaultPort: defaultPort)
            let key = Key(mailProtocol: mailProtocol, host: target.name.normalised, port: target.port,
                          tls: implicit(target.port) ? .implicit : .starttls, user: user, password: password)
            return Server(key: key, target: target, shown: ChecklistRunner.shown(written.value.echoedInError, port: target.port),
                          mailbox: fetch.address, location: plan.location(line: written.line))
        }
        var servers = [try server(fetch.pop3, .pop3, defaultPort: fetch.pop3SSL.value ? 995 : 110) { _ in fetch.pop3SSL.value }]
        if let smtp = fetch.smtp {
            // "Send mail as" offers TLS (STARTTLS) or SSL: on 465 SSL is the only one that works.
            servers.append(try server(smtp, .submission, defaultPort: 587) { $0 == 465 })
        }
        return servers
    }

    /// Each password source of the plan, read once. A password that cannot be had stops the
    /// run (exit 3): the plan asked for a login test that cannot be made as written.
    private func credentials(_ environment: [String: String]) throws -> [PlanPassword: String] {
        var passwords: [PlanPassword: String] = [:]
        for fetch in plan.fetch {
            guard let source = fetch.password else { continue }
            let at = "\(plan.file):\(source.line)"
            let password: String
            switch source.value {
            case _ where passwords[source.value] != nil:
                password = passwords[source.value]!
            case .file(let path):
                do {
                    password = try LoginCredentials.password(fromFile: path)
                } catch let error as SMTPProbeError {
                    throw SMTPProbeError(error.code, "\(at): password_file: \(error.reason)")
                }
            case .environment(let name):
                guard let value = environment[name] else {
                    throw SMTPProbeError(.invalidOption, "\(at): password_env: the environment variable \(name.echoedInError) is not set")
                }
                password = value
            }
            do {
                _ = try LoginCredentials(user: fetch.loginUser, password: password)
            } catch let error as SMTPProbeError {
                // "--login: the user name ...": in a plan it is the key `login` (or the address).
                let reason = error.reason.hasPrefix("--") ? String(error.reason.dropFirst(2)) : error.reason
                throw SMTPProbeError(error.code, "\(at): \(reason)")
            }
            passwords[source.value] = password
        }
        return passwords
    }

    private static func check(_ server: Server, login: String?) -> ChecklistLiveCheck {
        server.key.mailProtocol == .pop3
            ? .fetchPOP3(mailbox: server.mailbox.echoedInError, server: server.shown, login: login)
            : .fetchSMTP(mailbox: server.mailbox.echoedInError, server: server.shown, login: login)
    }

    /// The lines of one server: each failure or warning, or one line passed; then, when a
    /// login was asked for and not made, why.
    private static func items(_ server: Server, report: ProbeReport, language: Language) -> [ChecklistItem] {
        let area = ChecklistArea.fetchedMailboxes
        let loggedIn = report.findings.contains { $0.code == .authLoginOK }
        // Each line names the mailbox too: several mailboxes may share a server.
        let findings = report.findings.map { ("\(server.mailbox.echoedInError): \(server.shown)", $0) }
        var items = ChecklistRunner.items(findings, passing: check(server, login: loggedIn ? server.key.user?.echoedInError : nil), area: area,
                                          location: server.location, language: language)
        if let user = server.key.user, !loggedIn, !report.findings.contains(where: { $0.code == .authLoginFailed }) {
            let login = ChecklistLiveCheck.fetchLogin(mailbox: server.mailbox.echoedInError, server: server.shown, user: user.echoedInError)
            var line = login.skipped(.notMade, area: area, location: server.location, language: language)
            let reasons = report.addresses.compactMap { $0.pop3?.loginSkipped ?? $0.smtp?.loginSkipped }
            line.message = "\(login.notChecked(.notMade, language)) (\(Self.words(reasons.first, language)))"
            items.append(line)
        }
        return items
    }

    /// Why a login was not tried, in the report's language.
    private static func words(_ reason: LoginSkipReason?, _ language: Language) -> String {
        switch reason {
        case .certificateNotVerified?:
            language.pick(en: "the certificate did not verify; the password is sent only to a verified server",
                          ja: "証明書を検証できなかったため、パスワードを送っていません")
        case .noTLS?:
            language.pick(en: "no TLS was set up; the password is never sent in clear",
                          ja: "TLS を開始できなかったため、パスワードを平文では送っていません")
        case .noMechanism?:
            language.pick(en: "the server offered no login method this probe uses",
                          ja: "サーバーがこのプローブの使うログイン方式を提示しませんでした")
        case nil:
            language.pick(en: "the conversation ended before the login", ja: "ログインの前に接続が終了しました")
        }
    }
}
