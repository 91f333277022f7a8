/// An error that stops smtp-probe from running a check at all: bad input, a file that cannot be
/// read, OpenSSL refusing its configuration. Problems found on a server are not errors; they are
/// ``Finding``s in a report.
///
/// Compare errors by ``code``; the ``reason`` is for people and may change.
public struct SMTPProbeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier for a kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidTarget = "invalid_target"
            case invalidEHLOName = "invalid_ehlo_name"
            case genericEHLOName = "generic_ehlo_name"
            case invalidOption = "invalid_option"
            case unreadableFile = "unreadable_file"
            case unwritableFile = "unwritable_file"
            case invalidCertificate = "invalid_certificate"
            case invalidTrustStore = "invalid_trust_store"
            case tlsSetupFailed = "tls_setup_failed"
            case invalidRouteFile = "invalid_route_file"
            case invalidPlan = "invalid_plan"
            case dnsSetupFailed = "dns_setup_failed"
            case localResourceLimit = "local_resource_limit"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The host or port on the command line cannot be used.
        public static let invalidTarget = Code(.invalidTarget)
        /// The EHLO name is not a domain name or an address literal.
        public static let invalidEHLOName = Code(.invalidEHLOName)
        /// The EHLO name is one that many servers treat as anonymous (`localhost`, ...).
        public static let genericEHLOName = Code(.genericEHLOName)
        /// An option's value cannot be used.
        public static let invalidOption = Code(.invalidOption)
        /// A file cannot be read.
        public static let unreadableFile = Code(.unreadableFile)
        /// An output file cannot be written.
        public static let unwritableFile = Code(.unwritableFile)
        /// A file does not hold the certificates it should.
        public static let invalidCertificate = Code(.invalidCertificate)
        /// The trust anchors cannot be loaded.
        public static let invalidTrustStore = Code(.invalidTrustStore)
        /// OpenSSL refused the TLS configuration.
        public static let tlsSetupFailed = Code(.tlsSetupFailed)
        /// A route file is not YAML, or not shaped like a route file.
        public static let invalidRouteFile = Code(.invalidRouteFile)
        /// A migration plan is not YAML, or not shaped like a plan (`smtp-probe checklist`).
        public static let invalidPlan = Code(.invalidPlan)
        /// The DNS resolver could not be set up (a bad `--dns-server`).
        public static let dnsSetupFailed = Code(.dnsSetupFailed)
        /// This machine ran out of something the probe needs (file descriptors): a local
        /// limit, never the server's fault, so the run stops rather than report on servers.
        public static let localResourceLimit = Code(.localResourceLimit)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What went wrong, in words, with the specifics.
    public let reason: String
    /// OpenSSL's error queue at the time, when OpenSSL was involved.
    public let openSSLErrors: [OpenSSLErrorEntry]

    public init(_ code: Code, _ reason: String, openSSLErrors: [OpenSSLErrorEntry] = []) {
        self.code = code
        self.reason = reason
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        if openSSLErrors.isEmpty { return reason }
        return reason + " (" + openSSLErrors.map(\.description).joined(separator: "; ") + ")"
    }

    public static func == (lhs: SMTPProbeError, rhs: SMTPProbeError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
