/// A DMARC record (RFC 7489 §6.3), read as a tag list: a fact of DNS, judged by Checks/DMARC.
struct DMARCRecord: Hashable, Sendable {
    enum Policy: String, Hashable, Sendable {
        case none, quarantine, reject
    }

    var text: String
    var policy: Policy
    /// The `rua` and `ruf` URIs, as written.
    var reportURIs: [String]
    /// No `p=` tag: receivers apply the record as `p=none` because its `rua` is valid (§6.6.3).
    var policyImplied = false

    /// Whether a TXT record at `_dmarc` is a DMARC record: it starts `v=DMARC1`, then `;` or
    /// its end (§6.6.3); anything else there is ignored by receivers.
    static func isDMARC(_ text: String) -> Bool {
        guard text.hasPrefix("v=DMARC1") else { return false }
        let rest = text.dropFirst(8).drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty || rest.first == ";"
    }

    /// Parses a record ``isDMARC(_:)`` accepted; the error names the tag at fault.
    static func parse(_ text: String) -> Result<DMARCRecord, DMARCSyntaxError> {
        var tags: [String: String] = [:]
        for part in text.split(separator: ";").dropFirst() {
            let trimmed = part.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return .failure(DMARCSyntaxError(tag: trimmed, reason: .notATag)) }
            let name = trimmed[..<equals].trimmingWhitespace().lowercased()
            guard tags[name] == nil else { return .failure(DMARCSyntaxError(tag: trimmed, reason: .repeated)) }
            tags[name] = trimmed[trimmed.index(after: equals)...].trimmingWhitespace()
        }
        func invalid(_ name: String) -> Result<DMARCRecord, DMARCSyntaxError> {
            .failure(DMARCSyntaxError(tag: "\(name)=\(tags[name] ?? "")", reason: .invalidValue))
        }
        let missingPolicy = Result<DMARCRecord, DMARCSyntaxError>.failure(DMARCSyntaxError(tag: "p=", reason: .missingPolicy))
        // §6.6.3 step 6: without `p`, a record whose `rua` is valid is applied as `p=none`;
        // without a valid `rua`, receivers apply no DMARC at all (the record is unreadable).
        let policyImplied = tags["p"] == nil
        if policyImplied, tags["rua"] == nil { return missingPolicy }
        guard let policy = policyImplied ? Policy.none : Policy(rawValue: tags["p"]!.lowercased()) else { return invalid("p") }
        if let sp = tags["sp"], Policy(rawValue: sp.lowercased()) == nil { return invalid("sp") }
        for name in ["adkim", "aspf"] where tags[name].map({ !["r", "s"].contains($0.lowercased()) }) ?? false {
            return invalid(name)
        }
        if let pct = tags["pct"], !(pct.allSatisfy(\.isASCII) && Int(pct).map { (0...100).contains($0) } == true) { return invalid("pct") }
        var uris: [String] = []
        for name in ["rua", "ruf"] {
            guard let value = tags[name] else { continue }
            let list = value.split(separator: ",").map { $0.trimmingWhitespace() }
            // A URI, optionally with "!size" (§6.4); receivers send reports only by mailto.
            guard !list.isEmpty, list.allSatisfy({ $0.contains(":") && !$0.hasPrefix(":") }) else {
                return name == "rua" && policyImplied ? missingPolicy : invalid(name)
            }
            uris += list
        }
        return .success(DMARCRecord(text: text, policy: policy, reportURIs: uris, policyImplied: policyImplied))
    }

    /// The domains of the `mailto:` report addresses, lower case, in the order written.
    var reportDomains: [String] {
        reportURIs.compactMap { uri -> String? in
            guard uri.lowercased().hasPrefix("mailto:") else { return nil }
            let address = uri.dropFirst(7).prefix { $0 != "!" && $0 != "?" }
            guard let at = address.lastIndex(of: "@") else { return nil }
            let domain = address[address.index(after: at)...].lowercased()
            return domain.isEmpty ? nil : domain
        }
    }
}

/// Why a DMARC record cannot be read.
struct DMARCSyntaxError: Error, Hashable, Sendable {
    var tag: String
    var reason: DMARCSyntaxReason
}

enum DMARCSyntaxReason: Hashable, Sendable {
    case notATag, repeated, missingPolicy, invalidValue
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 7489's WSP).
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

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
