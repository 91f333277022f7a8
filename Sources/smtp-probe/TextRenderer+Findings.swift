#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

extension TextRenderer {
    /// The report of `smtp-probe cert`.
    func render(_ report: CertificateFileReport) -> String {
        var out = style.bold("smtp-probe cert: \(report.file)") + "\n"
        var context: [String] = []
        if let host = report.hostname { context.append("\(strings.routeHost) \(host)") }
        context.append("\(strings.trust) \(report.trustStore == "system" ? strings.systemStore : report.trustStore)")
        context.append("\(strings.validatedAt) \(FindingDates.format(report.validationTime))")
        out += "  " + style.dim(context.joined(separator: " · ")) + "\n\n"
        if let verification = report.verification {
            let root = verification.builtChain.last.map(shortName) ?? "?"
            out += step(verification.chainTrusted, strings.chain,
                        verification.chainTrusted ? strings.chainTrusted(root) : strings.chainUntrusted)
            if let matches = verification.hostnameMatches, let host = report.hostname {
                out += step(matches, strings.hostname,
                            matches ? strings.hostnameMatches(host, verification.matchedName ?? "") : strings.hostnameFails(host))
            }
        }
        if let keyMatches = report.keyMatches {
            out += step(keyMatches, strings.key, keyMatches ? strings.keyMatches : strings.keyDoesNotMatch)
        }
        out += renderCertificates(report.certificates)
        out += renderFindings(report.findings)
        out += "\n" + verdictLine(report.verdict, findings: report.findings) + "\n"
        return out
    }

    func renderCertificates(_ certificates: [CertificateReport]) -> String {
        guard !certificates.isEmpty else { return "" }
        var out = "\n  " + style.bold(strings.certificatesAsSent) + "\n"
        for certificate in certificates {
            out += "   #\(certificate.position) \(certificate.subject)\n"
            out += "      \(strings.issuer)  \(certificate.issuer)\n"
            let names = certificate.dnsNames + certificate.ipAddresses
            out += "      \(strings.names)  \(certificate.hasSubjectAltName ? names.joined(separator: ", ") : strings.noSAN)\n"
            let from = certificate.notBefore.map(day) ?? "?"
            let until = certificate.notAfter.map(day) ?? "?"
            out += "      \(strings.valid)  \(from) → \(until) · \(certificate.key.label) · \(certificate.signatureAlgorithm)\n"
            out += "      sha256  " + style.dim(certificate.sha256) + "\n"
        }
        return out
    }

    func renderFindings(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var out = "\n  " + style.bold(strings.findings) + "\n"
        for finding in findings {
            let tag = switch finding.severity {
            case .fail: style.red(style.bold("FAIL"))
            case .warn: style.yellow(style.bold("WARN"))
            case .info: style.dim("INFO")
            }
            out += "  \(tag)  \(finding.message)  " + style.dim("[\(finding.code)]") + "\n"
            if let waivedBy = finding.waivedBy {
                let inClear = waivedBy == [.requireTLS] && finding.code.area != .cert
                out += "        " + style.yellow(routeStrings.waived(optionNames(waivedBy))
                                          + (inClear ? " " + routeStrings.inClear : "")) + "\n"
            }
            if let console = finding.consoleMessage {
                out += "        \(strings.consoleSays): \"\(console)\"\n"
            }
            if let detail = finding.detail {
                out += wrap(detail, indent: "        ")
            }
            if !finding.remedies.isEmpty {
                out += "        \(strings.whatToDo):\n"
                for (index, remedy) in finding.remedies.enumerated() {
                    out += wrap(remedy.text, indent: "          ", first: "\(index + 1). ")
                }
            }
        }
        return out
    }

    private func day(_ date: Date) -> String {
        String(FindingDates.format(date).prefix(10))
    }
}
