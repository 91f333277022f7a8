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

    /// The options, among those that are off, that let a failure of this kind pass; nil when
    /// these options still fail it.
    ///
    /// Without required TLS the console checks neither the chain nor the name, and mail that
    /// cannot be sent over TLS goes in clear: every TLS and certificate failure is waived.
    /// Otherwise a failure is waived when every option it depends on is off.
    public func waiver(for code: FindingCode) -> [RouteOption]? {
        let relaxing = RouteOption.relaxing(code)
        if !requireTLS, !relaxing.isEmpty {
            return [.requireTLS]
        }
        guard !relaxing.isEmpty, relaxing.allSatisfy({ !isOn($0) }) else { return nil }
        return relaxing
    }

    /// The findings as a route with these options judges them: a failure these options waive
    /// stays in the report, as a warning that names the options that waived it.
    public func judge(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            var judged = finding
            // Turning off an option that is off already is no remedy.
            judged.remedies.removeAll { remedy in
                remedy.kind == "relax_route_option" && (remedy.routeOptions ?? []).allSatisfy { !isOn($0) }
            }
            guard finding.severity == .fail, let waiver = waiver(for: finding.code) else { return judged }
            judged.severity = .warn
            judged.waivedBy = waiver
            // The console's test passes under these options: it does not say "could not verify",
            // and needs no option turned off.
            judged.consoleMessage = nil
            judged.remedies.removeAll { $0.kind == "relax_route_option" }
            return judged
        }
    }
}

extension RouteOption {
    /// The options that, turned off, let the console's test pass despite a failure of this
    /// kind. Empty when no route option changes it (the server cannot be reached, say).
    public static func relaxing(_ code: FindingCode) -> [RouteOption] {
        switch code {
        // A weak key fails whatever is asked of the CA and the name; only a route that does
        // not require TLS at all accepts any certificate.
        case .starttlsNotOffered, .starttlsRejected, .tlsHandshakeFailed, .tlsProtocolTooOld, .smtpNoESMTP,
             .certWeakKey:
            [.requireTLS]
        case .certExpired, .certNotYetValid, .certSelfSigned, .certUntrustedRoot, .certIncompleteChain,
             .certInvalidChain, .certWeakSignature:
            [.requireCASigned]
        case .certHostnameMismatch, .certNoSAN:
            [.validateHostname]
        default:
            []
        }
    }
}

extension RouteOption {
    /// The option's name as the admin console shows it, in `language`.
    public func consoleName(_ language: Language) -> String {
        FindingCatalog(language: language).texts.routeOptionName(self)
    }
}
