/// Why a name could not be looked up: a fact of DNS, which the DNS checks judge.
enum DNSFailure: Hashable, Sendable {
    /// The name does not exist (NXDOMAIN).
    case nxdomain(host: String)
    /// The name exists but has no address of the kind asked for.
    case noAddress(host: String)
    /// The lookup failed for now: a server error, no answer, or the resolver's own failure.
    case temporary(host: String, reason: DNSFailureReason)
}

/// Why a DNS lookup failed for now. The words of the system or of
/// libunbound stay as they came; what smtp-probe itself observed is said in the report's language.
enum DNSFailureReason: Hashable, Sendable {
    /// No answer within this many seconds.
    case noAnswer(seconds: Double)
    /// The server answered with this error code: SERVFAIL, REFUSED, ...
    case serverAnswered(String)
    /// MX records whose data could not be read.
    case malformedMX
    /// Records of another type (TXT, TLSA) whose data could not be read.
    case malformedRecords
    /// The answer's DNSSEC signatures do not validate (libunbound's why_bogus): validating
    /// resolvers answer SERVFAIL for it, so its records count for nothing.
    case validationFailed(String)
    /// The resolver's own words.
    case resolver(String)
}
