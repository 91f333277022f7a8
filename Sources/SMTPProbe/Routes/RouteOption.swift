/// The TLS options of a Google Workspace route, as the admin console names them.
public enum RouteOption: String, Codable, Hashable, Sendable, CaseIterable {
    /// "Require secure transport (TLS)".
    case requireTLS = "require_tls"
    /// "Require CA signed certificate".
    case requireCASigned = "require_ca_signed_certificate"
    /// "Validate certificate hostname".
    case validateHostname = "validate_certificate_hostname"
}
