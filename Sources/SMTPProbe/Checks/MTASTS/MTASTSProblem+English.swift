/// The English words of the MTA-STS checks: each problem's message and detail, and each remedy.
extension MTASTSProblem {
    var enMessage: String {
        switch self {
        case .recordInvalid(let domain, .several, _):
            "\(domain) publishes more than one MTA-STS record: senders use none of them"
        case .recordInvalid(let domain, _, _):
            "\(domain) has no valid MTA-STS record: senders see no MTA-STS policy"
        case .policyUnreachable(let domain, _, _):
            "The MTA-STS policy of \(domain) cannot be fetched"
        case .policyInvalid(let domain, _, _):
            "The MTA-STS policy of \(domain) is invalid: senders ignore it"
        case .mxNotCovered(let domain, let mxHost, _, let mode, _):
            mode == .enforce
                ? "The MX host \(mxHost) is not in the MTA-STS policy of \(domain): senders that enforce it will not deliver there"
                : "The MX host \(mxHost) is not in the MTA-STS policy of \(domain) (testing mode: reported, still delivered)"
        case .testingMode(let domain, _):
            "The MTA-STS policy of \(domain) is in testing mode: senders report failures but deliver anyway"
        case .mxCertificateInvalid(let domain, let mxHost, _, let mode):
            mode == .enforce
                ? "The MX host \(mxHost) fails certificate verification under the enforced MTA-STS policy of \(domain): senders that apply it will not deliver there"
                : "The MX host \(mxHost) fails certificate verification under the MTA-STS policy of \(domain) (testing mode: reported, still delivered)"
        case .lookupFailed(let name, _):
            "The DNS lookup of \(name) failed: whether the domain uses MTA-STS is unknown"
        }
    }

    var enDetail: String? {
        switch self {
        case .recordInvalid(_, .noneClaimsVersion(let texts), _):
            "The TXT records at _mta-sts (\(texts.map { "\"\($0)\"" }.joined(separator: ", "))) do not begin with \"v=STSv1\"; RFC 8461 §3.1 has senders discard such records."
        case .recordInvalid(_, .several(let texts), _):
            "RFC 8461 §3.1: with more than one record that begins \"v=STSv1\" (\(texts.map { "\"\($0)\"" }.joined(separator: ", "))), senders assume the domain has no MTA-STS."
        case .recordInvalid(_, .invalid(let text, let fault), _):
            "The record \"\(text)\" \(Self.enWords(fault)). Senders then assume the domain has no MTA-STS (RFC 8461 §3.1)."
        case .policyUnreachable(_, let url, let reason):
            "\(url): \(Self.enWords(reason)). Senders without a policy they fetched earlier deliver as if there were none; those with one keep it until its max_age ends."
        case .policyInvalid(_, let faults, _):
            faults.map(Self.enWords).joined(separator: "; ") + ". Senders discard a policy they cannot parse (RFC 8461 §3.2)."
        case .mxNotCovered(_, _, let patterns, _, _):
            "The policy's mx patterns are \(patterns.joined(separator: ", ")); a \"*.\" pattern stands for exactly one label (RFC 8461 §4.1)."
        case .mxCertificateInvalid(_, _, let codes, _):
            "RFC 8461 §4.2: a sender applying the policy requires a certificate for the MX host's name from a CA it trusts; the probe of the host found \(codes.joined(separator: ", ")). Relaxing a route's options in the Admin console does not change what other senders do."
        case .lookupFailed(_, let reason):
            "The resolver said: \(MailPolicyWords.failure(.en, reason)). Senders that get no answer either keep a policy they fetched earlier until its max_age ends, or deliver as if there were none; no MTA-STS check could be made."
        case .testingMode:
            "Mode \"testing\" is meant for the roll-out: with TLS-RPT reports showing no failures, switch to \"enforce\" so that senders refuse connections without valid TLS."
        }
    }

    static func enWords(_ fault: MTASTSRecord.Fault) -> String {
        switch fault {
        case .missingID: "has no id field"
        case .invalidID(let id): "has the id \"\(id)\", which is not 1 to 32 letters and digits"
        case .malformedField(let field): "has \"\(field)\", which is not name=value"
        case .versionNotFirst: "does not begin with v=STSv1"
        }
    }

    static func enWords(_ fault: MTASTSPolicy.Fault) -> String {
        switch fault {
        case .notText: "it is not UTF-8 text"
        case .malformedLine(let number, let text): "line \(number) (\"\(text)\") is not \"key: value\""
        case .missingField(let key): "it has no \(key) field"
        case .repeatedField(let key): "the \(key) field appears more than once"
        case .invalidVersion(let value): "version is \"\(value)\", not STSv1"
        case .invalidMode(let value): "mode is \"\(value)\", not enforce, testing or none"
        case .invalidMaxAge(let value): "max_age is \"\(value)\", not a number of seconds from 0 to 31557600"
        case .invalidMXPattern(let value): "mx \"\(value)\" is not a host name (or \"*.\" and a domain)"
        }
    }
}

extension MTASTSRemedy {
    var enText: String {
        switch self {
        case .publishRecord(let domain, let id):
            "Publish one TXT record at _mta-sts.\(domain) that reads: \(Self.record(domain: domain, id: id))"
        case .keepOneRecord(let domain, let id):
            "Delete every TXT record at _mta-sts.\(domain) but one, and let that one read: \(Self.record(domain: domain, id: id))"
        case .removeRecord(let domain):
            "If \(domain) is not meant to use MTA-STS, delete the TXT record at _mta-sts.\(domain) instead."
        case .publishPolicyHost(let domain):
            "Publish an address for mta-sts.\(domain), the web server that serves the policy, e.g. mta-sts.\(domain). 3600 IN A 192.0.2.80 (or a CNAME to your policy host)."
        case .installCertificate(let domain):
            "Install on mta-sts.\(domain) a certificate from a public CA that names mta-sts.\(domain), with its intermediate certificates: senders check it as strictly as a browser does."
        case .servePolicy(let domain):
            "Serve the policy itself at https://mta-sts.\(domain)/.well-known/mta-sts.txt: status 200, \"Content-Type: text/plain\", no redirect (senders do not follow one)."
        case .shortenPolicy(let domain):
            "Serve at https://mta-sts.\(domain)/.well-known/mta-sts.txt only the policy, under 64 KiB: its version, mode, mx and max_age lines."
        case .publishPolicy(let domain, let policy):
            "Serve at https://mta-sts.\(domain)/.well-known/mta-sts.txt a policy with these lines: \(Self.enLines(policy)); then change the record's id so that senders fetch it again: \(Self.record(domain: domain, id: policy.id))"
        case .addMXPattern(let domain, let mxHost, let policy):
            "Add the line \"mx: \(mxHost)\" to the policy, so that it reads: \(Self.enLines(policy)); then change the record's id: \(Self.record(domain: domain, id: policy.id))"
        case .installMXCertificate(let mxHost):
            "Install on \(mxHost) a certificate for \(mxHost) from a public CA, with its intermediates (the findings of its probe below say what is wrong now)."
        case .checkNameServers(let name):
            "Check that the name servers of \(name) answer, and that its DNSSEC signatures validate."
        case .switchToEnforce(let domain, let policy):
            "When TLS-RPT reports show no failures, set the policy to: \(Self.enLines(policy)); then change the record's id: \(Self.record(domain: domain, id: policy.id))"
        }
    }

    static func enLines(_ policy: SuggestedPolicy) -> String {
        policy.lines.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
