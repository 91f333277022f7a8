#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// The human report: for each address, the steps of the test as a checklist, the
/// certificates as sent, then each finding with what to do, and a verdict.
struct TextRenderer {
    let language: Language
    let style: TerminalStyle
    var strings: RenderStrings { .forLanguage(language) }

    /// `nested`: a host inside a route report, whose route says what the verdict means and
    /// which options would help, once for all its hosts.
    func render(_ report: ProbeReport, nested: Bool = false) -> String {
        var out = ""
        let target = report.target
        let mailProtocol = target.mailProtocol ?? .smtp
        out += style.bold("smtp-probe: " + strings.title(target.host, target.port)
                          + (mailProtocol == .smtp ? "" : " (\(mailProtocol.displayName))")) + "\n"
        let ehloName = target.ehloName ?? report.smtp?.ehloName
            ?? language.pick(en: "(the connection's address literal)", ja: "(接続元アドレスのリテラル)")
        var context = ["\(strings.trust) \(target.trustStore == "system" ? strings.systemStore : target.trustStore)"]
        if mailProtocol.isSMTP { context.insert("\(strings.ehlo) \(ehloName)", at: 0) }
        if let connectTo = target.connectTo { context.insert("\(strings.connectingTo) \(connectTo)", at: 0) }
        if let domains = target.mxOf { context.insert("\(strings.mxOf) \(domains.joined(separator: ", "))", at: 0) }
        out += "  " + style.dim(context.joined(separator: " · ")) + "\n"
        if !nested, report.routeOptions != RouteOptions() {
            out += "  " + style.dim("\(routeStrings.options): " + describe(report.routeOptions)) + "\n"
        }

        let targetFindings = report.findings.filter { $0.address == nil }
        if let dns = targetFindings.first(where: { $0.code.area == .dns }) {
            out += "\n" + step(false, strings.dnsFailed, dns.message)
        }
        if !targetFindings.isEmpty { out += renderFindings(targetFindings) }
        for address in report.addresses {
            out += "\n" + style.bold(address.address) + "\n"
            out += renderSteps(address, routeHost: target.host)
            out += renderCertificates(address.certificates)
            out += renderFindings(address.findings)
            out += renderTranscript(address.transcript)
        }
        if nested { return out }
        // Only where the console's own test fails: --crit-days is the operator's threshold.
        // Route options are the route test's: a POP3, IMAP or submission server has none.
        if mailProtocol == .smtp,
           report.findings.contains(where: { $0.severity == .fail && $0.code != .certExpiringCritical }) {
            out += renderRelaxations(report.relaxations)
        }
        out += "\n" + (mailProtocol == .smtp ? verdictLine(report.verdict, findings: report.findings)
                                              : protocolVerdictLine(report.verdict, mailProtocol)) + "\n"
        return out
    }

    /// The last line. A failure that is only the monitoring's own threshold, or only a refusal
    /// of this client (which may let Google's servers in), does not claim that the console's
    /// test fails.
    func verdictLine(_ verdict: Verdict, findings: [Finding]) -> String {
        let failures = Set(findings.filter { $0.severity == .fail }.map(\.code))
        return switch verdict {
        case .pass: style.green(style.bold(strings.verdictPass))
        case .warn: style.yellow(style.bold(strings.verdictWarn))
        case .fail where failures == [.certExpiringCritical]: style.red(style.bold(strings.verdictFailThreshold))
        case .fail where failures == [.smtpGreetingRejected]: style.red(style.bold(strings.verdictFailRefused))
        case .fail: style.red(style.bold(strings.verdictFail))
        }
    }

    func step(_ ok: Bool?, _ label: String, _ text: String, timing: Double? = nil) -> String {
        let mark = switch ok {
        case true?: style.green("✔")
        case false?: style.red("✘")
        case nil: style.dim("·")
        }
        let padded = label + String(repeating: " ", count: max(1, 14 - displayWidth(label)))
        let time = timing.map { style.dim("  \(format($0)) ms") } ?? ""
        return "  \(mark) \(padded) \(ok == nil ? style.dim(text) : text)\(time)\n"
    }

    private func format(_ ms: Double) -> String { cFormat("%.1f", ms) }

    func has(_ address: AddressReport, _ area: FindingArea) -> Bool {
        address.findings.contains { $0.code.area == area && $0.severity == .fail }
    }

    private func renderSteps(_ address: AddressReport, routeHost: String) -> String {
        var out = ""
        let t = address.timingsMS
        if let connectFailure = address.findings.first(where: { $0.code.area == .connect }) {
            return step(false, strings.connected, connectFailure.message)
        }
        out += step(true, strings.connected, address.address, timing: t["connect"])
        if let mailbox = address.pop3 ?? address.imap {
            return out + renderMailboxSteps(address, session: mailbox, routeHost: routeHost)
        }
        guard let smtp = address.smtp else { return out }
        if smtp.tlsMode == .implicit {
            return out + renderImplicitTLSSteps(address, smtp: smtp, routeHost: routeHost)
        }
        guard let greeting = smtp.greeting else {
            return out + step(false, strings.greeting, address.findings.first?.message ?? strings.notReached)
        }
        out += step(greeting.code == 220, strings.greeting, oneLine(greeting), timing: t["greeting"])
        guard greeting.code == 220 else { return out }
        if let ehlo = smtp.ehloReply {
            let text = ehlo.isPositive
                ? (smtp.starttlsOffered ? strings.starttlsOffered : strings.starttlsMissing) + " (" + smtp.extensionsBeforeTLS.joined(separator: ", ") + ")"
                : oneLine(ehlo)
            out += step(ehlo.isPositive && smtp.starttlsOffered, strings.ehloStep, "\(smtp.ehloName): " + text, timing: t["ehlo"])
        } else {
            return out + step(false, strings.ehloStep, address.findings.first?.message ?? strings.notReached)
        }
        guard smtp.starttlsOffered else { return out }
        if let reply = smtp.starttlsReply {
            out += step(reply.code == 220 && !has(address, .starttls), strings.starttls, oneLine(reply), timing: t["starttls"])
        } else {
            return out + step(false, strings.starttls, address.findings.first?.message ?? strings.notReached)
        }
        guard let tls = address.tls else {
            if smtp.starttlsReply?.code == 220 {
                let failure = address.findings.first { [.tls, .smtp].contains($0.code.area) }
                out += step(false, strings.tls, failure?.message ?? strings.notReached)
            }
            return out
        }
        out += renderTLSSteps(address, tls: tls, routeHost: routeHost)
        if let ehlo = smtp.ehloAfterTLSReply {
            out += step(ehlo.isPositive, strings.ehloAfterTLS,
                        ehlo.isPositive ? strings.extensions(smtp.extensionsAfterTLS?.count ?? 0) : oneLine(ehlo),
                        timing: t["ehlo_after_tls"])
        }
        return out
    }

    private func oneLine(_ reply: SMTPReply) -> String {
        "\(reply.code) \(reply.lines.first ?? "")" + (reply.lines.count > 1 ? " (+\(reply.lines.count - 1))" : "")
    }

    /// The handshake and the two certificate checks, the same for STARTTLS and implicit TLS.
    func renderTLSSteps(_ address: AddressReport, tls: TLSReport, routeHost: String) -> String {
        var out = ""
        let t = address.timingsMS
        let tlsText = [tls.version, tls.cipher, tls.group].compactMap { $0 }.joined(separator: " · ")
        out += step(!has(address, .tls), strings.tls, tlsText, timing: t["handshake"])
        if let verification = address.verification {
            let root = verification.builtChain.last.map(shortName) ?? "?"
            out += step(verification.chainTrusted, strings.chain,
                        verification.chainTrusted ? strings.chainTrusted(root) : strings.chainUntrusted)
            out += step(verification.hostnameMatches == true, strings.hostname,
                        verification.hostnameMatches == true
                            ? strings.hostnameMatches(routeHost, verification.matchedName ?? "")
                            : strings.hostnameFails(routeHost))
        }
        return out
    }

    /// Port 465: TLS first, then the greeting and EHLO inside it.
    private func renderImplicitTLSSteps(_ address: AddressReport, smtp: SMTPSession, routeHost: String) -> String {
        guard let tls = address.tls else {
            let failure = address.findings.first { [.tls, .smtp].contains($0.code.area) }
            return step(false, strings.tls, failure?.message ?? strings.notReached)
        }
        var out = renderTLSSteps(address, tls: tls, routeHost: routeHost)
        guard let greeting = smtp.greeting else {
            return out + step(false, strings.greeting, address.findings.first?.message ?? strings.notReached)
        }
        out += step(greeting.code == 220, strings.greeting, oneLine(greeting), timing: address.timingsMS["greeting"])
        if let ehlo = smtp.ehloAfterTLSReply {
            out += step(ehlo.isPositive, strings.ehloStep,
                        "\(smtp.ehloName): " + (ehlo.isPositive ? strings.extensions(smtp.extensionsAfterTLS?.count ?? 0) : oneLine(ehlo)),
                        timing: address.timingsMS["ehlo_after_tls"])
        }
        return out
    }

    /// Columns a string takes on a terminal: East Asian wide characters take two.
    func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in width + (Self.isWide(scalar) ? 2 : 1) }
    }

    /// `CN=Test Root CA,O=...` → `Test Root CA`.
    func shortName(_ subject: String) -> String {
        for part in subject.split(separator: ",") where part.hasPrefix("CN=") {
            return String(part.dropFirst(3))
        }
        return subject
    }
}
