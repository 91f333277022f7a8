/// The English words of the SPF checks: each problem's message and detail, and each remedy.
extension SPFProblem {
    var enMessage: String {
        switch self {
        case .missing(let domain, nil, _): "\(domain) publishes no SPF record"
        case .missing(let domain, let includer?, _): "\(domain), which the SPF record of \(includer) names, publishes no SPF record"
        case .multipleRecords(let domain, let records): "\(domain) publishes \(records.count) SPF records; receivers accept only one"
        case .syntaxError(let domain, let term, _): "The SPF record of \(domain) has a term receivers cannot read: \(term)"
        case .tooManyLookups(let domain, let count, _, let loop, let lowerBound):
            loop == nil
                ? "The SPF record of \(domain) needs \(lowerBound ? "more than " : "")\(count) DNS lookups; receivers allow 10"
                : "The SPF record of \(domain) includes itself in a loop; receivers give up after 10 DNS lookups"
        case .tooManyVoidLookups(let domain, let names): "The SPF record of \(domain) names \(names.count) names that do not resolve; receivers allow 2"
        case .permissiveAll(let domain, _, let term):
            term.hasPrefix("?") ? "The SPF record of \(domain) ends in \(term): it says nothing about other senders"
                : "The SPF record of \(domain) lets any server on the internet send as it (\(term))"
        case .ptrMechanism(let domain, let term): "The SPF record of \(domain) uses the ptr mechanism (\(term))"
        case .noGoogleInclude(let domain, _): "The SPF record of \(domain) does not authorise Google's servers (include:_spf.google.com)"
        case .lookupFailed(let name, _): "The DNS lookup of \(name), which the SPF policy needs, failed"
        }
    }

    var enDetail: String? {
        switch self {
        case .missing(_, nil, _):
            "Without SPF, receivers cannot tell the domain's servers from forgers; since February 2024 Gmail requires sender authentication (SPF or DKIM) for mail to personal Gmail accounts."
        case .missing(_, let includer?, _):
            "An include or redirect of a domain without an SPF record is a permanent error (RFC 7208 §5.2, §6.1): every receiver then treats the SPF of \(includer) as broken."
        case .multipleRecords(_, let records):
            "RFC 7208 §4.5: with more than one record starting \"v=spf1\", the result is a permanent error. Records: " + records.map { "\"\($0)\"" }.joined(separator: "; ")
        case .syntaxError(_, let term, let reason):
            "\(term): \(Self.enReason(reason)). One unreadable term makes the whole record a permanent error (RFC 7208 §4.6)."
        case .tooManyLookups(_, _, let spends, let loop, _):
            (loop.map { "The chain \($0.joined(separator: " → ")) comes back to a domain already on it. " } ?? "")
                + "Each include, a, mx, ptr, exists and redirect costs one, across every included record (RFC 7208 §4.6.4); past 10 the result is a permanent error. Spent by: "
                + spends.map { "\($0.path.joined(separator: " → ")) \($0.lookups)" }.joined(separator: ", ")
        case .tooManyVoidLookups(_, let names):
            "Lookups that answered no such name or no records (RFC 7208 §4.6.4): \(names.joined(separator: ", ")). Past 2 the result is a permanent error."
        case .permissiveAll(_, _, let term):
            term.hasPrefix("?") ? "\"?all\" is neutral: mail from any other server neither passes nor fails, so SPF protects nothing."
                : "\"\(term)\" passes mail from every address, forgers' included; in an included record it lets everyone through the include."
        case .ptrMechanism:
            "RFC 7208 §5.5 says not to use ptr: it costs a reverse lookup and lookups of its names for every message, and many receivers skip it."
        case .noGoogleInclude:
            "Mail sent through Google Workspace comes from Google's servers; without include:_spf.google.com (directly or in an included record) its SPF fails."
        case .lookupFailed(_, let reason):
            "The resolver said: \(MailPolicyWords.failure(.en, reason)). While it lasts, receivers get a temporary error (temperror) for the SPF of every message."
        }
    }

    static func enReason(_ reason: SPFSyntaxReason) -> String {
        switch reason {
        case .unknownMechanism: "neither a mechanism nor a name=value modifier"
        case .missingValue: "the mechanism needs a value"
        case .invalidDomain: "not a domain name (or a malformed %{…} macro)"
        case .invalidAddress: "not an address, or a prefix length out of range"
        case .repeatedModifier: "this modifier may appear only once"
        }
    }
}

extension SPFRemedy {
    var enText: String {
        switch self {
        case .publish(let domain, let record):
            "Publish this as the only SPF record of \(domain), listing every server that sends its mail: \(MailPolicyWords.zoneLine(name: domain, record: record))"
        case .merge(let domain, let record):
            "Replace the SPF records of \(domain) with one record holding them all: \(MailPolicyWords.zoneLine(name: domain, record: record))"
        case .fixInclude(let domain, let includer):
            "Remove the include of \(domain) from the SPF record of \(includer), or ask whoever runs \(domain) for the name to include."
        case .fixTerm(let domain, let term):
            "Correct or remove \"\(term)\" in the SPF record of \(domain) (if the record is not yours, tell its owner)."
        case .breakLoop(let domain, let target):
            "Remove the include or redirect of \(target) from the SPF record of \(domain)."
        case .reduceLookups(let domain):
            "Bring the SPF record of \(domain) to 10 lookups or fewer: remove includes of services that no longer send, and replace a, mx and your own includes by the ip4:/ip6: ranges they stand for."
        case .removeVoidTerms(let domain, let names):
            "Remove the terms naming \(names.joined(separator: ", ")) from the SPF record of \(domain), or publish the records they ask for."
        case .replacePTR(let domain, let term):
            "Replace \"\(term)\" in the SPF record of \(domain) by the ip4:/ip6: ranges or a: names of the servers it stands for."
        case .checkNameServers(let name):
            "Check that the name servers of \(name) answer; if \(name) is a provider's, ask the provider."
        }
    }
}
