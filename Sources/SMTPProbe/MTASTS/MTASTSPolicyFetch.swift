/// The fetch of a domain's MTA-STS policy by the rules of RFC 8461 §3.3: from
/// `https://mta-sts.DOMAIN/.well-known/mta-sts.txt`, status 200 only, no redirect followed,
/// `Content-Type: text/plain` (parameters such as a charset allowed), at most 64 KiB.
struct MTASTSPolicyFetch: Sendable {
    /// The HTTPS facts: address, TLS, certificate checks, response.
    var https: HTTPSFetch
    /// The policy text's bytes, when the fetch met every rule.
    var body: [UInt8]?
    /// Which rule the fetch did not meet; nil when ``body`` is there.
    var failure: Failure?

    /// Why no policy could be had.
    enum Failure: Hashable, Sendable {
        /// The HTTPS fetch itself did not complete.
        case https(HTTPSFetchFailure)
        /// A redirect (3xx), which senders must not follow, to `location` if it named one.
        case redirect(status: Int, location: String?)
        /// A status other than 200 and not a redirect.
        case status(Int, reason: String)
        /// A media type other than `text/plain`, or none.
        case contentType(String?)
    }

    /// The largest policy senders read (RFC 8461 §3.3 lets them stop at 64 KiB).
    static let maximumBodyBytes = 65_536

    /// The well-known URL's host for `domain`.
    static func host(of domain: String) -> String { "mta-sts." + HostName.wireForm(domain) }

    /// The request for `domain`'s policy, with the probe's trust, timeout and DNS.
    static func request(domain: String, trust: TrustStore, options: MTASTSFetchOptions,
                        resolver: DNSResolver?) -> HTTPSRequest {
        HTTPSRequest(host: host(of: domain), path: "/.well-known/mta-sts.txt",
                     connectHost: options.connectHost, connectPort: options.connectPort,
                     timeout: options.timeout, maximumBodyBytes: maximumBodyBytes, trust: trust,
                     validationTime: options.validationTime, resolver: resolver)
    }

    /// Applies RFC 8461's rules to what an HTTPS fetch got. The status decides before
    /// anything else: a redirect or an error page is named as such even when its body was
    /// too long to read.
    init(https: HTTPSFetch) {
        self.https = https
        if let response = https.response {
            if (300...399).contains(response.status) {
                failure = .redirect(status: response.status, location: response.value(of: "Location"))
                return
            }
            if response.status != 200 {
                failure = .status(response.status, reason: response.reason)
                return
            }
            let type = response.value(of: "Content-Type")
            if type.map(Self.mediaType) != "text/plain" {
                failure = .contentType(type)
                return
            }
        }
        if let failed = https.failure {
            failure = .https(failed)
        } else {
            body = https.response?.body ?? []
        }
    }

    /// The media type of a Content-Type value: before any parameter, lower case.
    static func mediaType(_ value: String) -> String {
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(Substring(type).trimmingWSP).lowercased()
    }
}
