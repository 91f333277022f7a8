/// Who receives a domain's mail, read from its MX host names: the fact `provider` of a domain
/// report, and what `--expect-google` holds the MX set against.
///
/// Only names decide, never addresses: a provider's MX hosts are names it publishes and keeps.
public enum MXProvider: String, Codable, Sendable, CaseIterable {
    /// Google Workspace (`smtp.google.com`, or the older `aspmx.l.google.com` set).
    case google
    /// Microsoft 365 (`*.mail.protection.outlook.com`).
    case microsoft
    /// Several providers, or a provider beside hosts of the domain's own.
    case mixed
    /// None this tool knows: the domain's own servers or another service.
    case other

    /// Google's single MX host, which Workspace has asked for since 2023.
    static let googleSingleHost = "smtp.google.com"
    /// Google's older set of five MX hosts.
    static let googleFiveHosts = ["aspmx.l.google.com", "alt1.aspmx.l.google.com", "alt2.aspmx.l.google.com",
                                  "alt3.aspmx.l.google.com", "alt4.aspmx.l.google.com"]

    /// The provider of one MX host name (lower case, no final dot), or nil for none known.
    static func of(host: String) -> MXProvider? {
        let name = host.lowercased()
        if name == "google.com" || name.hasSuffix(".google.com") || name.hasSuffix(".googlemail.com") { return .google }
        if name.hasSuffix(".mail.protection.outlook.com") { return .microsoft }
        return nil
    }

    /// The provider of a whole MX set: the one every host belongs to, `mixed` when they differ
    /// or some belong to none, `other` when none belongs to a known one; nil for no hosts.
    static func of(hosts: [String]) -> MXProvider? {
        guard !hosts.isEmpty else { return nil }
        let providers = Set(hosts.map { of(host: $0) })
        if providers.count == 1, let only = providers.first { return only ?? .other }
        return .mixed
    }

    /// The Google hosts of `hosts` that belong to the single-host set and to the older one.
    static func googleSets(in hosts: [String]) -> (single: [String], five: [String]) {
        let names = hosts.map { $0.lowercased() }
        return (names.filter { $0 == googleSingleHost },
                names.filter { googleFiveHosts.contains($0) || $0.hasSuffix(".googlemail.com") })
    }
}
