#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The MTA-STS check of one mail domain, as a sender would make it: read the `_mta-sts`
/// record, fetch the policy over HTTPS, parse it, and hold the MX hosts against its `mx:`
/// patterns. The DNS answers come from the caller (the `_mta-sts` TXT records and the MX
/// hosts); the policy host is looked up and fetched here.
enum MTASTSCheck {
    /// What the check learned, and what it judged.
    struct Outcome: Sendable {
        var record: MTASTSRecordSelection
        /// Nil when the domain publishes no `_mta-sts` record: then nothing is fetched.
        var fetch: MTASTSPolicyFetch?
        /// The policy, when one was fetched and parses.
        var policy: MTASTSPolicy?
        var problems: [Problem]
    }

    /// Checks `domain` given the TXT records at `_mta-sts.DOMAIN` (each one's strings joined)
    /// and the names of its MX hosts. `changeTime` dates the new record id a remedy suggests.
    /// - Throws: only for what is wrong on this machine (a trust file that cannot be read,
    ///   OpenSSL that cannot set up TLS), never for what the domain publishes.
    static func run(domain: String, recordTexts: [String], mxHosts: [String], options: MTASTSFetchOptions,
                    changeTime: Date = Date()) async throws -> Outcome {
        guard MTASTSRecordSelection(recordTexts: recordTexts) != .notPublished else {
            return Outcome(record: .notPublished, problems: [])
        }
        return try await run(domain: domain, recordTexts: recordTexts, mxHosts: mxHosts, options: options,
                             trust: TrustStore(options.trust), resolver: options.dnsServer.map { try DNSResolver(server: $0) },
                             changeTime: changeTime)
    }

    /// As ``run(domain:recordTexts:mxHosts:options:changeTime:)``, with the run's trust store
    /// and resolver (`nil`: the system's), so that a run over many domains makes them once.
    static func run(domain: String, recordTexts: [String], mxHosts: [String], options: MTASTSFetchOptions,
                    trust: TrustStore, resolver: DNSResolver?, changeTime: Date = Date()) async throws -> Outcome {
        let record = MTASTSRecordSelection(recordTexts: recordTexts)
        guard record != .notPublished else { return Outcome(record: record, problems: []) }
        let request = MTASTSPolicyFetch.request(domain: domain, trust: trust, options: options, resolver: resolver)
        let https = try await HTTPSFetcher.fetch(request, context: SSLContext.sharedClient.get())
        let fetch = MTASTSPolicyFetch(https: https)
        let (policy, problems) = judge(domain: domain, record: record, fetch: fetch, mxHosts: mxHosts, changeTime: changeTime)
        return Outcome(record: record, fetch: fetch, policy: policy, problems: problems)
    }

    /// The problems in what was found: a pure judgement, so that each rule can be tested
    /// without a server. A record senders cannot use is reported, and the policy is still
    /// fetched and judged, so that an admin learns everything to fix at once.
    static func judge(domain: String, record: MTASTSRecordSelection, fetch: MTASTSPolicyFetch,
                      mxHosts: [String], changeTime: Date) -> (MTASTSPolicy?, [Problem]) {
        let domain = HostName.wireForm(domain)
        let id = newID(at: changeTime)
        var problems: [MTASTSProblem] = []
        switch record {
        case .notPublished, .record: break
        case .noneClaimsVersion(let texts):
            problems.append(.recordInvalid(domain: domain, reason: .noneClaimsVersion(texts: texts.map { $0.shown }), suggestedID: id))
        case .several(let texts):
            problems.append(.recordInvalid(domain: domain, reason: .several(texts: texts.map { $0.shown }), suggestedID: id))
        case .invalid(let text, let fault):
            problems.append(.recordInvalid(domain: domain, reason: .invalid(text: text.shown, fault.shown), suggestedID: id))
        }
        guard let body = fetch.body else {
            if let failure = fetch.failure {
                problems.append(.policyUnreachable(domain: domain, url: fetch.https.url, reason: failure.shown))
            }
            return (nil, problems.map(Problem.init))
        }
        let hosts = mxHosts.map(HostName.wireForm)
        switch MTASTSPolicy.parse(body) {
        case .invalid(let faults):
            let suggested = SuggestedPolicy(mode: .testing, mxPatterns: hosts, maxAge: 604_800, id: id)
            problems.append(.policyInvalid(domain: domain, faults: faults.map { $0.shown }, suggested: suggested))
            return (nil, problems.map(Problem.init))
        case .valid(let policy):
            let patterns = policy.mxPatterns.map(\.description)
            let uncovered = hosts.filter { policy.patterns(matching: $0).isEmpty }
            if policy.mode == .testing {
                let suggested = SuggestedPolicy(mode: .enforce, mxPatterns: patterns + uncovered, maxAge: policy.maxAge, id: id)
                problems.append(.testingMode(domain: domain, suggested: suggested))
            }
            // Under mode "none" senders apply nothing, so no MX host can be left out.
            if policy.mode != .none {
                let suggested = SuggestedPolicy(mode: policy.mode, mxPatterns: patterns + uncovered, maxAge: policy.maxAge, id: id)
                for host in uncovered {
                    problems.append(.mxNotCovered(domain: domain, mxHost: host, patterns: patterns, mode: policy.mode, suggested: suggested))
                }
            }
            return (policy, problems.map(Problem.init))
        }
    }

    /// A record id from the moment of the change, `YYYYMMDDhhmmss` in UTC: letters and
    /// digits only, as RFC 8461 requires, and larger than any earlier one of the same form.
    static func newID(at time: Date) -> String {
        var seconds = time_t(time.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)" + two(parts.tm_mon + 1) + two(parts.tm_mday)
            + two(parts.tm_hour) + two(parts.tm_min) + two(parts.tm_sec)
    }
}
