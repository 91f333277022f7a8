import Foundation
import Testing
@testable import SMTPProbe

@Suite("Remedies and their order")
struct RemedyTests {
    private let leaf = CertificateReference(position: 0, subject: "CN=mx.example.com")

    private func remedies(_ issue: some CheckProblem) -> [Remedy] {
        FindingCatalog(language: .en).finding(for: issue, routeHost: "h", address: nil).remedies
    }

    private func kinds(_ issue: some CheckProblem) -> [String] { remedies(issue).map(\.kind) }

    @Test func hostnameMismatchNamesTheUsableNamesFirstAndRelaxesHostnameLast() {
        let issue = CertificateProblem.hostnameMismatch(routeHost: "mx.example.com", names: ["mail.example.com"])
        #expect(kinds(issue) == ["use_certificate_hostname", "install_trusted_certificate", "ask_relay_provider", "relax_route_option"])
        #expect(remedies(issue).last?.routeOptions == [.validateHostname])
        let text = FindingCatalog(language: .en).finding(for: issue, routeHost: "mx.example.com", address: nil)
        #expect(text.remedies[0].text.contains("mail.example.com"))
        #expect(text.consoleMessage == "could not verify certificate")
    }

    @Test func missingIntermediateIsFixedByServingTheChainNotByANewCertificate() {
        let plan = kinds(CertificateProblem.incompleteChain(leaf, issuer: "CN=Intermediate"))
        #expect(plan.first == "serve_full_chain")
        #expect(!plan.contains("install_trusted_certificate"))
        #expect(remedies(CertificateProblem.incompleteChain(leaf, issuer: "x")).last?.routeOptions == [.requireCASigned])
    }

    @Test func noSTARTTLSCanOnlyBeRelaxedByDroppingTLS() {
        #expect(remedies(ConversationProblem.starttlsNotOffered(extensions: [])).last?.routeOptions == [.requireTLS])
    }

    @Test func weakKeyCanOnlyBeRelaxedByDroppingTLS() {
        // Neither the CA nor the name option accepts a weak key; a route that does not require
        // TLS checks no certificate at all, and the remedies say so as the verdict does.
        let plan = remedies(CertificateProblem.weakKey(leaf, key: "RSA 1024"))
        #expect(plan.map(\.kind) == ["stronger_key", "ask_relay_provider", "relax_route_option"])
        #expect(plan.last?.routeOptions == [.requireTLS])
    }

    @Test func onlyCertificateFailuresCarryTheConsoleWording() {
        let catalog = FindingCatalog(language: .ja)
        #expect(catalog.finding(for: CertificateProblem.selfSigned(leaf), routeHost: "h", address: nil).consoleMessage == "証明書を検証できませんでした")
        #expect(catalog.finding(for: ConversationProblem.connectRefused(address: "192.0.2.1", port: 25), routeHost: "h", address: nil).consoleMessage == nil)
        #expect(catalog.finding(for: CertificateProblem.expiringSoon(leaf, notAfter: Date(), days: 3), routeHost: "h", address: nil).consoleMessage == nil)
        // The console's test still passes: the critical limit is the monitoring's.
        let critical = catalog.finding(for: CertificateProblem.expiringCritical(leaf, notAfter: Date(), days: 3), routeHost: "h", address: nil)
        #expect(critical.consoleMessage == nil)
        #expect(critical.severity == .fail)
        #expect(critical.remedies.map(\.kind) == ["renew_certificate", "ask_relay_provider"])
    }

    @Test(arguments: Language.allCases)
    func theDeadlineFindingIsATargetFailureWithOneRemedy(language: Language) {
        let finding = FindingCatalog(language: language).finding(for: BatchProblem.deadlineExceeded(seconds: 2.5), routeHost: "h", address: nil)
        #expect(finding.code == .probeDeadlineExceeded)
        #expect(finding.severity == .fail)
        #expect(finding.message.contains("2.5"))
        #expect(finding.remedies.map(\.kind) == ["allow_more_time"])
    }

    @Test func relaxingNamesTheConsoleOptionAndWarnsInBothLanguages() {
        let issue = CertificateProblem.selfSigned(leaf)
        let en = FindingCatalog(language: .en).finding(for: issue, routeHost: "h", address: nil).remedies.last!
        #expect(en.text.contains("Require CA signed certificate"))
        #expect(en.text.contains("bounces"))
        #expect(en.routeOptions == [.requireCASigned])
        let ja = FindingCatalog(language: .ja).finding(for: issue, routeHost: "h", address: nil).remedies.last!
        #expect(ja.text.contains("CA 署名済み証明書を使用する"))
        #expect(ja.text.contains("バウンス"))
    }

    @Test func verdictIsTheWorstSeverity() {
        let catalog = FindingCatalog(language: .en)
        let warn = catalog.finding(for: CertificateProblem.expiringSoon(leaf, notAfter: Date(), days: 3), routeHost: "h", address: nil)
        let fail = catalog.finding(for: CertificateProblem.selfSigned(leaf), routeHost: "h", address: nil)
        #expect(Verdict(findings: []) == .pass)
        #expect(Verdict(findings: [warn]) == .warn)
        #expect(Verdict(findings: [warn, fail]) == .fail)
    }

    @Test func everyIssueHasTextInEveryLanguage() {
        let issues: [any CheckProblem] = [
            DNSProblem.dnsNXDomain(host: "h"), ConversationProblem.connectTimeout(address: "a", port: 25, seconds: 1.5),
            ConversationProblem.greetingRejected(SMTPReply(code: 554, lines: ["no"])), ConversationProblem.timeout(.handshake, seconds: 2),
            ConversationProblem.protocolError(.ehlo, fault: .reply(.malformedLine("x"))),
            ConversationProblem.starttlsInjection(bytes: 5, preview: "x"),
            ConversationProblem.protocolUnsupported(reasons: ["unsupported protocol"]), ConversationProblem.protocolTooOld(version: "TLS 1.0"),
            CertificateProblem.noSAN(routeHost: "h", commonNames: ["h"], commonNameWouldMatch: true),
            ConversationProblem.starttlsOfferedAfterTLS,
            ConversationProblem.clientCertificateRequired(reasons: ["tlsv13 alert certificate required"]),
            ConversationProblem.protocolError(.ehloAfterTLS, fault: .unexpectedReply(.ehloAfterTLS, "220 again")),
            ConversationProblem.protocolError(.greeting, fault: .unsolicited(before: .ehlo, preview: "250 early")),
        ]
        for language in Language.allCases {
            for issue in issues {
                let finding = FindingCatalog(language: language).finding(for: issue, routeHost: "h", address: nil)
                #expect(!finding.message.isEmpty)
                #expect(!finding.remedies.isEmpty)
                #expect(finding.remedies.allSatisfy { !$0.text.isEmpty })
            }
        }
    }
}
