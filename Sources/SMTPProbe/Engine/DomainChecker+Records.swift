#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one domain's check found before it is put into words.
struct DomainFindings: Sendable {
    var problems: [Problem] = []
    var provider: MXProvider?
    var hosts: [DomainMXHost] = []
    var records = DomainRecords()
}

extension DomainChecker {
    /// The DNS checks of `domain`, the probes of its MX hosts and the cross-checks, in the
    /// order a report lists them: MX, DNSSEC, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, DANE.
    func checkRecords(domain: String, expectGoogle: Bool, selectors: [String]) async throws -> DomainFindings {
        let resolver = validating
        let txt: @Sendable (String) async -> TXTLookup = { await resolver.txtLookup($0) }
        // Every record at once: the MX hosts' probes start as soon as the MX answer is in.
        async let spfEvaluation = SPFEvaluator(lookups: SPFLookups(validating: resolver)).evaluate(domain: domain)
        async let dmarcEvaluation = DMARCEvaluator(txt: txt).evaluate(domain: domain)
        async let tlsRPTLookup = TLSRPTLookup.evaluate(domain: domain, txt: txt)
        async let mtaSTSTexts = txt("_mta-sts." + domain)
        async let dkimEvaluations = withTaskGroup(of: (Int, DKIMEvaluation).self) { group in
            for (index, selector) in selectors.enumerated() {
                group.addTask { (index, await DKIMEvaluation.evaluate(domain: domain, selector: selector, txt: txt)) }
            }
            var all: [(Int, DKIMEvaluation)] = []
            for await evaluation in group { all.append(evaluation) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var found = try await checkMX(domain: domain, expectGoogle: expectGoogle)
        // A domain that does not exist, or whose answers do not validate, has nothing else to
        // read: every other record would only fail the same way.
        if found.problems.contains(where: { $0.code == .dnsNXDomain || $0.code == .dnssecBogus }) { return found }

        let spf = await spfEvaluation
        found.problems += SPFCheck.problems(of: spf, sendsThroughGoogle: expectGoogle).map(Problem.init)
        found.records.spf = spf.root.node?.record.text
        found.records.spfLookups = spf.root.node == nil ? nil : spf.lookups
        for evaluation in await dkimEvaluations {
            found.problems += DKIMProblem.problems(of: evaluation).map(Problem.init)
            var text: String?
            if case .record(let record) = evaluation.outcome { text = record.text }
            found.records.dkim.append(DomainDKIMKey(selector: evaluation.selector, record: text))
        }
        let dmarc = await dmarcEvaluation
        found.problems += DMARCCheck.problems(of: dmarc).map(Problem.init)
        if case .record(let record) = dmarc.outcome { found.records.dmarc = record.text }

        let mtaSTS = try await checkMTASTS(domain: domain, texts: await mtaSTSTexts,
                                           mxHosts: found.hosts.map(\.exchange), into: &found)
        let daneProblems = found.problems.filter { $0.code.area.rawValue == "dane" }
        let tlsaPublished = found.hosts.contains { !($0.tlsa?.records.isEmpty ?? true) }
        let tlsRPT = await tlsRPTLookup
        found.problems += TLSRPTProblem.problems(of: tlsRPT, domain: domain, requiresTLS: mtaSTS || tlsaPublished)
            .map(Problem.init)
        if case .record(let record) = tlsRPT { found.records.tlsRPT = record.text }
        // The DANE findings of the MX hosts come last, after what the domain publishes.
        found.problems = found.problems.filter { $0.code.area.rawValue != "dane" } + daneProblems
        return found
    }

    /// The MTA-STS check, once the MX hosts are known: whether the domain publishes a record
    /// (then the policy is fetched over the run's TLS stack, trust store and resolver), or
    /// whether its lookup failed. True when a record is published.
    private func checkMTASTS(domain: String, texts: TXTLookup, mxHosts: [String],
                             into found: inout DomainFindings) async throws -> Bool {
        // A lookup without an answer is not "no record": said, and MTA-STS counted as unknown
        // (not published) for TLS-RPT, which then asks for a record only if DANE does.
        if case .failure(let reason) = texts {
            found.problems.append(Problem(MTASTSProblem.lookupFailed(name: "_mta-sts." + domain, reason: reason)))
            return false
        }
        guard case .records(let recordTexts) = texts,
              MTASTSRecordSelection(recordTexts: recordTexts) != .notPublished else { return false }
        found.records.mtaSTS = recordTexts.filter { $0.hasPrefix("v=STSv1") }.first ?? recordTexts.first
        var fetchOptions = MTASTSFetchOptions()
        fetchOptions.timeout = options.probe.timeout
        fetchOptions.trust = options.probe.trust
        fetchOptions.validationTime = options.probe.validationTime
        fetchOptions.dnsServer = options.probe.dnsServer
        if let connectTo = options.mtaSTSConnectTo {
            let destination = try ProbeTarget(parsing: connectTo, defaultPort: 443)
            fetchOptions.connectHost = destination.host
            fetchOptions.connectPort = destination.port
        }
        let outcome = try await MTASTSCheck.run(domain: domain, recordTexts: recordTexts, mxHosts: mxHosts,
                                                options: fetchOptions, trust: store, resolver: addressResolver,
                                                changeTime: options.probe.validationTime ?? Date())
        found.problems += outcome.problems
        if let policy = outcome.policy {
            found.records.mtaSTSMode = policy.mode.rawValue
            found.records.mtaSTSMX = policy.mxPatterns.map(\.description)
            // An MX host the policy covers must also pass the certificate checks a sender
            // applying it makes (RFC 8461 §4.2): its probe's certificate failures say so.
            guard policy.mode != .none else { return true }
            for host in found.hosts where !policy.patterns(matching: HostName.wireForm(host.exchange)).isEmpty {
                let codes = Set((host.probe?.findings ?? []).filter { $0.code.area == .cert && $0.severity == .fail }.map(\.code.rawValue))
                guard !codes.isEmpty else { continue }
                found.problems.append(Problem(MTASTSProblem.mxCertificateInvalid(domain: domain, mxHost: host.exchange,
                                                                                  codes: codes.sorted(), mode: policy.mode)))
            }
        }
        return true
    }
}
