extension MigrationPlan {
    /// The largest plan read: a plan is a few kilobytes.
    static let maximumSize = 1 << 20

    /// Reads and parses the plan at `path`; a route file it names is read relative to it.
    /// Throws ``SMTPProbeError`` `invalid_plan` (or `invalid_route_file`, `unreadable_file`)
    /// with one line naming the line of the file at fault.
    public init(contentsOf path: String) throws {
        let bytes = try InputFile.read(path, limit: Self.maximumSize, what: "the plan",
                                       tooLarge: .invalidPlan, because: "too large for a plan (limit 1 MiB)")
        try self.init(yaml: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// Parses the text of a plan named `file`; a route file it names is read relative to
    /// `file`'s directory.
    public init(yaml: String, file: String) throws {
        do {
            guard let root = try YAMLDocument.parse(yaml) else { throw RouteFileError("the file is empty", at: "the top level", line: 1) }
            self = try PlanReader(file: file).plan(root)
        } catch let error as RouteFileError {
            throw SMTPProbeError(.invalidPlan, "\(file): \(error.description)")
        } catch let error as YAMLSyntaxError {
            throw SMTPProbeError(.invalidPlan, "\(file): not valid YAML: \(error.description)")
        }
    }
}

/// Turns the YAML of a plan into a ``MigrationPlan``. Unknown keys are errors, as in a route
/// file: a misspelt `require_tsl` must not leave the real setting at its default unseen.
private struct PlanReader {
    let file: String
    typealias R = RouteFileReader

    func plan(_ root: YAMLNode) throws -> MigrationPlan {
        let top = try R.mapping(root, at: "the top level", keys: [
            "domain", "domains", "licences", "mail_to_google", "dkim_selectors", "routes",
            "outbound_gateway", "per_user_outbound_gateway", "relay", "fetch"])
        if top["domain"] != nil, top["domains"] != nil {
            throw RouteFileError("give either \"domain\" or \"domains\", not both", at: "the top level", line: root.line)
        }
        var domains = try top["domain"].map { [try domain($0, at: "domain")] } ?? []
        if let list = top["domains"] {
            domains = try items(list, at: "domains").enumerated().map { try domain($1, at: "domains[\($0)]") }
        }
        let licences = try top["licences"].map { PlanValue(try count($0, at: "licences", from: 1), line: $0.line) }
        return MigrationPlan(
            file: file, domains: domains, licences: licences,
            mailToGoogle: try flag(top, "mail_to_google", at: "", default: true, line: root.line),
            dkimSelectors: try top["dkim_selectors"].map { list in
                try items(list, at: "dkim_selectors").enumerated().map { try R.text($1, at: "dkim_selectors[\($0)]") }
            } ?? [],
            routes: try top["routes"].map(routes) ?? [],
            outboundGateway: try top["outbound_gateway"].map(gateway),
            perUserOutboundGateway: try flag(top, "per_user_outbound_gateway", at: "", default: false, line: root.line),
            relay: try top["relay"].map(relay),
            fetch: try top["fetch"].map { list in try items(list, at: "fetch").enumerated().map { try fetch($1, at: "fetch[\($0)]") } } ?? [])
    }

    /// `routes: routes.yaml` (a route file, relative to the plan) or a list of routes inline.
    private func routes(_ node: YAMLNode) throws -> [PlanRoute] {
        guard case .scalar = node else {
            return try R.routeList(node, at: "routes").map { PlanRoute(route: $0.route, location: PlanLocation(file: file, line: $0.line)) }
        }
        let path = relative(try R.text(node, at: "routes"))
        let routeFile = try RouteFile(contentsOf: path)
        return zip(routeFile.routes, routeFile.lines).map { PlanRoute(route: $0, location: PlanLocation(file: path, line: $1)) }
    }

    private func gateway(_ node: YAMLNode) throws -> PlanGateway {
        let at = "outbound_gateway"
        let fields = try R.mapping(node, at: at, keys: ["host", "options", "modifies_messages", "legacy_setting"])
        guard let host = fields["host"] else { throw RouteFileError("missing \"host\"", at: at, line: node.line) }
        return PlanGateway(
            host: try R.text(host, at: at + ".host"),
            options: try fields["options"].map { try R.routeOptions($0, at: at + ".options") } ?? RouteOptions(),
            modifiesMessages: try flag(fields, "modifies_messages", at: at, default: false, line: node.line),
            legacySetting: try flag(fields, "legacy_setting", at: at, default: false, line: node.line),
            line: node.line)
    }

    private func relay(_ node: YAMLNode) throws -> PlanRelay {
        let at = "relay"
        let fields = try R.mapping(node, at: at, keys: ["server", "require_tls", "require_smtp_auth", "allowed_senders",
                                                        "allowed_ranges", "devices"])
        let senders = try fields["allowed_senders"].map { PlanValue(try choice($0, at: at + ".allowed_senders", of: RelaySenders.self), line: $0.line) }
        return PlanRelay(
            server: try fields["server"].map { try R.text($0, at: at + ".server") } ?? "smtp-relay.gmail.com",
            requireTLS: try flag(fields, "require_tls", at: at, default: false, line: node.line),
            requireSMTPAuth: try flag(fields, "require_smtp_auth", at: at, default: false, line: node.line),
            allowedSenders: senders ?? PlanValue(.registeredUsers, line: node.line),
            allowedRanges: try fields["allowed_ranges"].map { list in
                try items(list, at: at + ".allowed_ranges").enumerated().map { PlanValue(try R.text($1, at: "\(at).allowed_ranges[\($0)]"), line: $1.line) }
            } ?? [],
            devices: try fields["devices"].map { list in
                try items(list, at: at + ".devices").enumerated().map { try device($1, at: "\(at).devices[\($0)]") }
            } ?? [],
            line: node.line)
    }

    private func device(_ node: YAMLNode, at path: String) throws -> RelayDevice {
        let fields = try R.mapping(node, at: path, keys: ["name", "ehlo", "address", "port", "tls", "smtp_auth",
                                                          "null_sender_multiple_rcpt", "messages_per_day"])
        guard let name = fields["name"] else { throw RouteFileError("missing \"name\"", at: path, line: node.line) }
        let address = try fields["address"].map { node in
            guard let address = IPAddress(try R.text(node, at: path + ".address")) else {
                throw RouteFileError("expected an IPv4 or IPv6 address", at: path + ".address", line: node.line)
            }
            return PlanValue(address, line: node.line)
        }
        let port = try fields["port"].map { node in
            let port = try R.integer(node, at: path + ".port")
            guard [25, 465, 587].contains(port) else {
                throw RouteFileError("the relay listens on port 25, 465 or 587", at: path + ".port", line: node.line)
            }
            return PlanValue(port, line: node.line)
        }
        return RelayDevice(
            name: try R.text(name, at: path + ".name"),
            ehlo: try fields["ehlo"].map { PlanValue(try R.text($0, at: path + ".ehlo"), line: $0.line) },
            address: address,
            port: port ?? PlanValue(587, line: node.line),
            tls: try fields["tls"].map { PlanValue(try choice($0, at: path + ".tls", of: DeviceTLS.self), line: $0.line) }
                ?? PlanValue(.starttls, line: node.line),
            smtpAuth: try flag(fields, "smtp_auth", at: path, default: false, line: node.line),
            nullSenderMultipleRcpt: try flag(fields, "null_sender_multiple_rcpt", at: path, default: false, line: node.line),
            messagesPerDay: try fields["messages_per_day"].map { PlanValue(try count($0, at: path + ".messages_per_day", from: 0), line: $0.line) }
                ?? PlanValue(0, line: node.line),
            line: node.line)
    }

    private func fetch(_ node: YAMLNode, at path: String) throws -> PlanFetch {
        let fields = try R.mapping(node, at: path, keys: ["address", "pop3", "pop3_ssl", "smtp", "smtp_tls", "forwarding_still_on",
                                                          "leave_copy_on_server", "provider_restricts_ip", "login",
                                                          "password_file", "password_env"])
        guard let address = fields["address"] else { throw RouteFileError("missing \"address\"", at: path, line: node.line) }
        guard let pop3 = fields["pop3"] else { throw RouteFileError("missing \"pop3\"", at: path, line: node.line) }
        let login = try fields["login"].map { PlanValue(try R.text($0, at: path + ".login"), line: $0.line) }
        let password = try self.password(fields, at: path)
        if let login, password == nil {
            throw RouteFileError("\"login\" needs \"password_file\" or \"password_env\" (the password itself is never written in a plan)",
                                 at: path, line: login.line)
        }
        return PlanFetch(
            address: try R.text(address, at: path + ".address"),
            pop3: PlanValue(try server(pop3, at: path + ".pop3"), line: pop3.line),
            pop3SSL: try flag(fields, "pop3_ssl", at: path, default: true, line: node.line),
            smtp: try fields["smtp"].map { PlanValue(try server($0, at: path + ".smtp"), line: $0.line) },
            smtpTLS: try flag(fields, "smtp_tls", at: path, default: true, line: node.line),
            forwardingStillOn: try flag(fields, "forwarding_still_on", at: path, default: false, line: node.line),
            leaveCopyOnServer: try flag(fields, "leave_copy_on_server", at: path, default: false, line: node.line),
            providerRestrictsIP: try flag(fields, "provider_restricts_ip", at: path, default: false, line: node.line),
            login: login, password: password,
            line: node.line)
    }

    /// `password_file` (beside the plan, as a route file is) or `password_env`, not both.
    private func password(_ fields: [String: YAMLNode], at path: String) throws -> PlanValue<PlanPassword>? {
        switch (fields["password_file"], fields["password_env"]) {
        case (nil, nil):
            return nil
        case (let file?, nil):
            return PlanValue(.file(relative(try R.text(file, at: path + ".password_file"))), line: file.line)
        case (nil, let variable?):
            let name = try R.text(variable, at: path + ".password_env")
            guard !name.isEmpty, !name.contains("="), !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw RouteFileError("expected the name of an environment variable", at: path + ".password_env", line: variable.line)
            }
            return PlanValue(.environment(name), line: variable.line)
        case (_, let variable?):
            throw RouteFileError("give either \"password_file\" or \"password_env\", not both", at: path, line: variable.line)
        }
    }

    /// A path named in the plan, beside the plan when relative, spelt as the plan was named (a
    /// relative plan gives a relative path), so that messages read the same wherever the
    /// command runs.
    private func relative(_ name: String) -> String {
        let directory = file.lastIndex(of: "/").map { String(file[...$0]) } ?? ""
        return name.hasPrefix("/") ? name : directory + name
    }

    // MARK: Values

    private func domain(_ node: YAMLNode, at path: String) throws -> PlanValue<String> {
        let text = try R.text(node, at: path)
        guard let (target, portGiven) = try? ProbeTarget.parse(text), !portGiven, !target.hostIsAddress else {
            throw RouteFileError("expected a domain name", at: path, line: node.line)
        }
        return PlanValue(text, line: node.line)
    }

    /// `host:port`, checked as a target is.
    private func server(_ node: YAMLNode, at path: String) throws -> String {
        let text = try R.text(node, at: path)
        do {
            _ = try ProbeTarget.parse(text, defaultPort: ProbeTarget.defaultPort)
        } catch {
            throw RouteFileError("expected a host name or address, optionally with :port", at: path, line: node.line)
        }
        return text
    }

    private func items(_ node: YAMLNode, at path: String) throws -> [YAMLNode] {
        guard case .sequence(let items, _) = node else { throw RouteFileError("expected a list", at: path, line: node.line) }
        return items
    }

    private func count(_ node: YAMLNode, at path: String, from minimum: Int) throws -> Int {
        let value = try R.integer(node, at: path)
        guard value >= minimum else { throw RouteFileError("expected a whole number from \(minimum)", at: path, line: node.line) }
        return value
    }

    private func flag(_ fields: [String: YAMLNode], _ key: String, at path: String, default fallback: Bool, line: Int) throws -> PlanValue<Bool> {
        guard let node = fields[key] else { return PlanValue(fallback, line: line) }
        return PlanValue(try R.boolean(node, at: path.isEmpty ? key : "\(path).\(key)"), line: node.line)
    }

    private func choice<Choice: RawRepresentable & CaseIterable>(_ node: YAMLNode, at path: String, of: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let text = try R.text(node, at: path)
        guard let value = Choice(rawValue: text) else {
            throw RouteFileError("expected one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))", at: path, line: node.line)
        }
        return value
    }
}
