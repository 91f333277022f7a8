/// What a domain's DMARC lookup found (RFC 7489 §6.6.3), and for each report domain outside
/// the domain whether it authorises the reports (§7.1). The organisational-domain fallback
/// (a subdomain without its own record inheriting its parent's) is not followed: finding the
/// organisational domain needs the Public Suffix List, which smtp-probe does not carry.
struct DMARCEvaluation: Sendable {
    enum Outcome: Sendable {
        case record(DMARCRecord)
        case none
        case multiple([String])
        case invalid(text: String, error: DMARCSyntaxError)
        case failed(DNSFailureReason)
    }

    var domain: String
    var outcome: Outcome
    /// Report domains outside `domain` and what their `DOMAIN._report._dmarc.OTHER` lookup found.
    var authorisations: [DMARCAuthorisation]
}

/// Whether a report domain has published `DOMAIN._report._dmarc.OTHER` (§7.1).
struct DMARCAuthorisation: Hashable, Sendable {
    enum State: Hashable, Sendable {
        case authorised, notAuthorised, failed(DNSFailureReason)
    }

    var reportDomain: String
    var name: String
    var state: State
}

struct DMARCEvaluator: Sendable {
    /// The TXT records of a name, from whichever resolver.
    var txt: @Sendable (String) async -> TXTLookup

    func evaluate(domain: String) async -> DMARCEvaluation {
        let domain = SPFDomainSpec.normalise(domain)
        let outcome: DMARCEvaluation.Outcome
        switch await txt("_dmarc." + domain) {
        case .nodata, .nxdomain: outcome = .none
        case .failure(let reason): outcome = .failed(reason)
        case .records(let texts):
            let records = texts.filter(DMARCRecord.isDMARC).sorted()
            if records.isEmpty {
                outcome = .none
            } else if records.count > 1 {
                outcome = .multiple(records)
            } else {
                switch DMARCRecord.parse(records[0]) {
                case .success(let record): outcome = .record(record)
                case .failure(let error): outcome = .invalid(text: records[0], error: error)
                }
            }
        }
        var authorisations: [DMARCAuthorisation] = []
        if case .record(let record) = outcome {
            var seen: Set<String> = []
            for other in record.reportDomains where !Self.sameOrganisation(domain, other) && seen.insert(other).inserted {
                let name = "\(domain)._report._dmarc.\(other)"
                let state: DMARCAuthorisation.State = switch await txt(name) {
                case .records(let texts): texts.contains { $0.hasPrefix("v=DMARC1") } ? .authorised : .notAuthorised
                case .nodata, .nxdomain: .notAuthorised
                case .failure(let reason): .failed(reason)
                }
                authorisations.append(DMARCAuthorisation(reportDomain: other, name: name, state: state))
            }
        }
        return DMARCEvaluation(domain: domain, outcome: outcome, authorisations: authorisations)
    }

    /// Without the Public Suffix List, one domain is taken as within the other's organisation
    /// only when it is the same or a subdomain of it: `reports.example.com` for `example.com`.
    static func sameOrganisation(_ a: String, _ b: String) -> Bool {
        a == b || a.hasSuffix("." + b) || b.hasSuffix("." + a)
    }
}
