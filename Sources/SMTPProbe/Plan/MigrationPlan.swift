/// A migration plan: the setup a domain's mail will have in Google Workspace, written down
/// once in the admin console's own terms (docs/checklist.md). Facts only: what the plan says
/// and on which line; the checks of Checks/*Plan/ judge it.
public struct MigrationPlan: Sendable {
    /// The plan file as named on the command line; locations name it.
    public var file: String
    /// `domain:` or `domains:`, each with its line.
    public var domains: [PlanValue<String>]
    /// Workspace licences: the relay's daily limit is about 130 a licence.
    public var licences: PlanValue<Int>?
    /// Whether the domains' MX will point to Google after the cut-over.
    public var mailToGoogle: PlanValue<Bool>
    public var dkimSelectors: [String]
    /// The inbound routes, inline or from a route file, each with where it is written.
    public var routes: [PlanRoute]
    public var outboundGateway: PlanGateway?
    /// "Allow per-user outbound gateways" (off by default in the console).
    public var perUserOutboundGateway: PlanValue<Bool>
    public var relay: PlanRelay?
    public var fetch: [PlanFetch]

    /// Where a value of the plan is written: the plan itself, or the route file it names.
    public func location(line: Int) -> PlanLocation { PlanLocation(file: file, line: line) }
}

/// A value of the plan with the line (from 1) it is written on.
public struct PlanValue<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }
}

/// A place in a plan file or in the route file it names.
public struct PlanLocation: Codable, Hashable, Sendable {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

/// One route of the plan and where it is written.
public struct PlanRoute: Sendable {
    public var route: Route
    public var location: PlanLocation
}

/// The outbound gateway (smart host), configured as a route.
public struct PlanGateway: Sendable {
    /// `host:port` as written.
    public var host: String
    public var options: RouteOptions
    /// Whether it changes messages (a footer, rewritten headers): DKIM signatures then break.
    public var modifiesMessages: PlanValue<Bool>
    /// Whether the older "Outbound gateway" field is used instead of a route.
    public var legacySetting: PlanValue<Bool>
    public var line: Int

    /// The gateway as the route the console holds it as.
    public var route: Route {
        Route(name: "Outbound gateway", options: options, primary: [RouteHost(entry: host)])
    }
}

/// The SMTP relay service's settings (smtp-relay.gmail.com).
public struct PlanRelay: Sendable {
    public var server: String
    /// "Require TLS encryption".
    public var requireTLS: PlanValue<Bool>
    /// "Require SMTP Authentication".
    public var requireSMTPAuth: PlanValue<Bool>
    public var allowedSenders: PlanValue<RelaySenders>
    /// "Only accept mail from the specified IP addresses": the ranges as written.
    public var allowedRanges: [PlanValue<String>]
    public var devices: [RelayDevice]
    public var line: Int
}

/// "Allowed senders" of the relay service.
public enum RelaySenders: String, Sendable, Hashable, CaseIterable {
    case registeredUsers = "registered_users"
    case domain
    case any
}

/// A device or server that sends through the relay.
public struct RelayDevice: Sendable {
    public var name: String
    /// The name it says in HELO/EHLO.
    public var ehlo: PlanValue<String>?
    /// The public address the relay sees it come from.
    public var address: PlanValue<IPAddress>?
    public var port: PlanValue<Int>
    public var tls: PlanValue<DeviceTLS>
    public var smtpAuth: PlanValue<Bool>
    /// Whether it sends with an empty envelope sender to several recipients at once.
    public var nullSenderMultipleRcpt: PlanValue<Bool>
    public var messagesPerDay: PlanValue<Int>
    public var line: Int
}

/// How a device speaks TLS to the relay.
public enum DeviceTLS: String, Sendable, Hashable, CaseIterable {
    case starttls
    case implicit
    case none
}

/// A mailbox elsewhere that Gmail fetches (POP3) and sends as (SMTP) instead of forwarding.
public struct PlanFetch: Sendable {
    public var address: String
    /// `host:port` of its POP3 server.
    public var pop3: PlanValue<String>
    public var pop3SSL: PlanValue<Bool>
    /// `host:port` of its SMTP server, for "send mail as".
    public var smtp: PlanValue<String>?
    public var smtpTLS: PlanValue<Bool>
    public var forwardingStillOn: PlanValue<Bool>
    public var leaveCopyOnServer: PlanValue<Bool>
    public var providerRestrictsIP: PlanValue<Bool>
    /// The user name the live checks log in as (`login`; the address when not given), only
    /// when the plan says where the password is.
    public var login: PlanValue<String>?
    /// Where the live checks read the password from; nil: no login is tried.
    public var password: PlanValue<PlanPassword>?
    public var line: Int

    /// The user name of the login test: `login`, or else the mailbox's address.
    public var loginUser: String { login?.value ?? address }
}

/// Where a fetched mailbox's password is read from, never the password itself: a plan is
/// pasted into tickets and kept in repositories.
public enum PlanPassword: Sendable, Hashable {
    /// `password_file`: the first line of this file (relative paths from the plan's folder).
    case file(String)
    /// `password_env`: this environment variable of the checklist's process.
    case environment(String)
}
