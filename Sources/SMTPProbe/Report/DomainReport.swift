/// The check of one mail domain (`smtp-probe domain`): what its DNS publishes for mail (MX,
/// SPF, DKIM, DMARC, MTA-STS, TLS-RPT, DNSSEC and DANE), the probe of each MX host, and the
/// checks that need both. The unit of the domain command's JSON output.
public struct DomainReport: Codable, Sendable {
    public var schemaVersion = ProbeReport.currentSchemaVersion
    public var tool = "smtp-probe \(SMTPProbeVersion.current)"
    /// `domain`: tells this object from a probe or route report in a stream of JSON Lines.
    public var kind = "domain"
    /// The domain as checked: lower case A-labels, no final dot.
    public var domain: String
    /// The worst of the domain's findings and of its MX hosts' probes.
    public var verdict: Verdict
    /// Whether mail was expected to reach Google Workspace (`--expect-google`).
    public var expectGoogle: Bool
    /// Who the MX set points to; nil when the domain has no MX host.
    public var provider: MXProvider?
    /// The MX records in preference order, each with its TLSA records and its probe.
    public var mx: [DomainMXHost]
    /// The policy records found, as published.
    public var records: DomainRecords
    /// About the domain: its DNS records, and the cross-checks of its MX hosts' certificates
    /// against TLSA records and the MTA-STS policy (`dane.tlsa_ok` is a fact, severity info).
    /// Each MX probe's own findings are in `mx[].probe`.
    public var findings: [Finding]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", tool, kind, domain, verdict, expectGoogle = "expect_google"
        case provider, mx, records, findings
    }

    init(domain: String, expectGoogle: Bool, provider: MXProvider?, mx: [DomainMXHost], records: DomainRecords,
         findings: [Finding]) {
        self.domain = domain
        self.expectGoogle = expectGoogle
        self.provider = provider
        self.mx = mx
        self.records = records
        self.findings = findings
        verdict = Verdict(findings: findings).worse(mx.compactMap { $0.probe?.verdict }.max())
    }

    /// Every finding of the report: the domain's, then each MX probe's.
    public var allFindings: [Finding] { findings + mx.flatMap { $0.probe?.findings ?? [] } }
}

/// One MX record of a domain, with what was learned of its host.
public struct DomainMXHost: Codable, Sendable {
    public var preference: Int
    /// The host name as published (lower case, no final dot), or the address an MX wrongly names.
    public var exchange: String
    /// The TLSA records at `_25._tcp.EXCHANGE`, when the host was looked up for them.
    public var tlsa: DomainTLSA?
    /// The probe of the host on port 25, each address under the MX name; nil when it was not
    /// probed (an address literal, a host beyond the limit of probed hosts).
    public var probe: ProbeReport?

    public init(preference: Int, exchange: String, tlsa: DomainTLSA? = nil, probe: ProbeReport? = nil) {
        self.preference = preference
        self.exchange = exchange
        self.tlsa = tlsa
        self.probe = probe
    }
}

/// The TLSA records of one MX host.
public struct DomainTLSA: Codable, Sendable, Hashable {
    /// The name asked, `_25._tcp.HOST`.
    public var name: String
    /// The answer's DNSSEC state: `secure`, `insecure` or `bogus`.
    public var dnssec: String
    /// Each record as a zone file writes it, `3 1 1 8cb0…`; empty when there are none.
    public var records: [String]
}

/// The policy records of a domain as published: nil where there is none (or none could be read).
public struct DomainRecords: Codable, Sendable, Hashable {
    /// The DNSSEC state of the domain's MX answer: `secure`, `insecure` or `bogus`.
    public var dnssec: String?
    /// The SPF record at the domain.
    public var spf: String?
    /// DNS-querying SPF terms counted across includes (RFC 7208 §4.6.4 allows 10).
    public var spfLookups: Int?
    /// The DMARC record at `_dmarc.DOMAIN`.
    public var dmarc: String?
    /// The DKIM selectors looked up, each with its key record when one was found.
    public var dkim: [DomainDKIMKey]
    /// The MTA-STS record at `_mta-sts.DOMAIN`.
    public var mtaSTS: String?
    /// The MTA-STS policy's mode and `mx:` patterns, when one was fetched and parsed.
    public var mtaSTSMode: String?
    public var mtaSTSMX: [String]?
    /// The TLS-RPT record at `_smtp._tls.DOMAIN`.
    public var tlsRPT: String?

    enum CodingKeys: String, CodingKey {
        case dnssec, spf, spfLookups = "spf_lookups", dmarc, dkim, mtaSTS = "mta_sts", mtaSTSMode = "mta_sts_mode"
        case mtaSTSMX = "mta_sts_mx", tlsRPT = "tls_rpt"
    }

    public init() { dkim = [] }
}

/// One DKIM selector of a domain.
public struct DomainDKIMKey: Codable, Sendable, Hashable {
    public var selector: String
    /// The key record at `SELECTOR._domainkey.DOMAIN`, when one was found.
    public var record: String?
}
