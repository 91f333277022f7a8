/// The options of a Google Workspace route, as the admin console holds them. The three TLS
/// options are on by default, as the console recommends.
public struct RouteOptions: Codable, Hashable, Sendable {
    /// "Perform MX lookup on host": the entry is a mail domain, delivered to its MX hosts.
    public var mxLookup = false
    /// "Require secure transport (TLS)".
    public var requireTLS = true
    /// "Require CA signed certificate".
    public var requireCASigned = true
    /// "Validate certificate hostname".
    public var validateHostname = true

    public init(mxLookup: Bool = false, requireTLS: Bool = true, requireCASigned: Bool = true,
                validateHostname: Bool = true) {
        self.mxLookup = mxLookup
        self.requireTLS = requireTLS
        self.requireCASigned = requireCASigned
        self.validateHostname = validateHostname
    }

    enum CodingKeys: String, CodingKey {
        case mxLookup = "mx_lookup", requireTLS = "require_tls"
        case requireCASigned = "require_ca_signed_certificate", validateHostname = "validate_certificate_hostname"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mxLookup = try container.decodeIfPresent(Bool.self, forKey: .mxLookup) ?? false
        requireTLS = try container.decodeIfPresent(Bool.self, forKey: .requireTLS) ?? true
        requireCASigned = try container.decodeIfPresent(Bool.self, forKey: .requireCASigned) ?? true
        validateHostname = try container.decodeIfPresent(Bool.self, forKey: .validateHostname) ?? true
    }

    /// Whether a TLS option is on.
    public func isOn(_ option: RouteOption) -> Bool {
        switch option {
        case .requireTLS: requireTLS
        case .requireCASigned: requireCASigned
        case .validateHostname: validateHostname
        }
    }

    /// These options with `turnedOff` switched off.
    public func turningOff(_ turnedOff: some Sequence<RouteOption>) -> RouteOptions {
        var options = self
        for option in turnedOff {
            switch option {
            case .requireTLS: options.requireTLS = false
            case .requireCASigned: options.requireCASigned = false
            case .validateHostname: options.validateHostname = false
            }
        }
        return options
    }

    /// The options, among those that are off, that let a failure pass that these options
    /// would relax (`relaxing`, as its family of checks says); nil when these options still
    /// fail it.
    ///
    /// Without required TLS the console checks neither the chain nor the name, and mail that
    /// cannot be sent over TLS goes in clear: every TLS and certificate failure is waived.
    /// Otherwise a failure is waived when every option it depends on is off.
    public func waiver(relaxing: [RouteOption]) -> [RouteOption]? {
        if !requireTLS, !relaxing.isEmpty {
            return [.requireTLS]
        }
        guard !relaxing.isEmpty, relaxing.allSatisfy({ !isOn($0) }) else { return nil }
        return relaxing
    }
}

/// The TLS options of a Google Workspace route, as the admin console names them.
public enum RouteOption: String, Codable, Hashable, Sendable, CaseIterable {
    /// "Require secure transport (TLS)".
    case requireTLS = "require_tls"
    /// "Require CA signed certificate".
    case requireCASigned = "require_ca_signed_certificate"
    /// "Validate certificate hostname".
    case validateHostname = "validate_certificate_hostname"
}

/// The console's rule for a route's port: 25, 587, or 1024–65535. Port 465 (implicit TLS)
/// serves the SMTP relay service but is refused for routes.
enum RoutePort {
    static func isAllowed(_ port: Int) -> Bool {
        port == 25 || port == 587 || (1024...65535).contains(port)
    }

}
