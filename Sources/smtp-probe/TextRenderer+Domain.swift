import SMTPProbe

/// The human report of one mail domain: what its DNS publishes, one line per MX host with its
/// TLS test, the findings of the domain and of each host, and a verdict.
extension TextRenderer {
    func render(_ report: DomainReport) -> String {
        let words = DomainWords(language: language)
        var out = style.bold("smtp-probe: " + words.title(report.domain)) + "\n"
        var context: [String] = []
        if let provider = report.provider { context.append("\(words.provider) \(words.name(provider))") }
        if let dnssec = report.records.dnssec { context.append("DNSSEC \(dnssec)") }
        if report.expectGoogle { context.append(words.expectGoogle) }
        if !context.isEmpty { out += "  " + style.dim(context.joined(separator: " · ")) + "\n" }

        out += "\n"
        let none = words.none
        // A record whose lookup failed is not "none": its family's lookup_failed finding says
        // so below, and the line must not contradict it.
        func absent(_ failed: FindingCode) -> String {
            report.findings.contains { $0.code == failed } ? words.lookupFailed : none
        }
        let records = report.records
        out += step(nil, "MX", report.mx.isEmpty ? none : report.mx.map { "\($0.preference) \($0.exchange)" }.joined(separator: ", "))
        out += step(nil, "SPF", records.spf.map { "\($0)  (\(words.lookups(records.spfLookups ?? 0)))" } ?? absent(.spfLookupFailed))
        for key in records.dkim { out += step(nil, "DKIM \(key.selector)", key.record.map(shortened) ?? none) }
        out += step(nil, "DMARC", records.dmarc ?? absent(.dmarcLookupFailed))
        var mtaSTS = records.mtaSTS ?? absent(.mtaSTSLookupFailed)
        if let mode = records.mtaSTSMode { mtaSTS += "  (mode: \(mode); mx: \((records.mtaSTSMX ?? []).joined(separator: ", ")))" }
        out += step(nil, "MTA-STS", mtaSTS)
        out += step(nil, "TLS-RPT", records.tlsRPT ?? absent(.tlsRptLookupFailed))
        for host in report.mx {
            if let tlsa = host.tlsa, !tlsa.records.isEmpty {
                out += step(nil, "TLSA", "\(tlsa.name) (\(tlsa.dnssec)): \(tlsa.records.map(shortened).joined(separator: "; "))")
            }
        }
        out += renderFindings(report.findings)

        for host in report.mx {
            guard let probe = host.probe else { continue }
            out += "\n" + style.bold(words.mxHost(host.exchange)) + "\n"
            if probe.addresses.isEmpty {
                out += step(false, host.exchange, probe.findings.first?.message ?? none)
            }
            for address in probe.addresses {
                let failed = address.findings.contains { $0.severity == .fail }
                var summary = address.tls.map { "STARTTLS · \($0.version)" } ?? words.noTLS
                if let leaf = address.certificates.first { summary += " · \(shortName(leaf.subject))" }
                out += step(!failed, address.address, summary)
            }
            out += renderFindings(probe.findings)
        }
        out += "\n" + domainVerdictLine(report.verdict, words: words) + "\n"
        return out
    }

    private func domainVerdictLine(_ verdict: Verdict, words: DomainWords) -> String {
        switch verdict {
        case .pass: style.green(style.bold(words.verdictPass))
        case .warn: style.yellow(style.bold(words.verdictWarn))
        case .fail: style.red(style.bold(words.verdictFail))
        }
    }

    /// Long keys (DKIM's `p=`, TLSA data) cut to what a reader compares at a glance.
    private func shortened(_ text: String) -> String {
        text.count > 96 ? String(text.prefix(93)) + "…" : text
    }
}

/// The domain report's own words, in each language.
struct DomainWords {
    let language: Language

    func title(_ domain: String) -> String { language.pick(en: "mail domain \(domain)", ja: "メールドメイン \(domain)") }
    var provider: String { language.pick(en: "MX provider:", ja: "MX の提供元:") }
    var expectGoogle: String { language.pick(en: "mail expected at Google", ja: "Google で受信する想定") }
    var none: String { language.pick(en: "(none)", ja: "(なし)") }
    var lookupFailed: String { language.pick(en: "(lookup failed)", ja: "(検索失敗)") }
    var noTLS: String { language.pick(en: "no TLS", ja: "TLS なし") }
    func lookups(_ count: Int) -> String { language.pick(en: "\(count) DNS lookup\(count == 1 ? "" : "s")", ja: "DNS 参照 \(count) 回") }
    func mxHost(_ host: String) -> String { language.pick(en: "MX host \(host)", ja: "MX ホスト \(host)") }

    func name(_ provider: MXProvider) -> String {
        switch provider {
        case .google: "Google"
        case .microsoft: "Microsoft 365"
        case .mixed: language.pick(en: "several", ja: "複数")
        case .other: language.pick(en: "other", ja: "その他")
        }
    }

    var verdictPass: String {
        language.pick(en: "PASS: the domain's DNS and every MX host's TLS test pass.",
                      ja: "合格: ドメインの DNS とすべての MX ホストの TLS テストに問題はありません。")
    }
    var verdictWarn: String {
        language.pick(en: "WARN: mail is delivered, but see the warnings above.",
                      ja: "警告: メールは届きますが、上の警告を確認してください。")
    }
    var verdictFail: String {
        language.pick(en: "FAIL: see the failures above: mail to this domain, or its protection, is at risk.",
                      ja: "不合格: 上の失敗を確認してください。このドメイン宛てのメール、またはその保護に問題があります。")
    }
}
