import Foundation
import Testing
@testable import SMTPProbe

@Suite("Route options: the verdict under them, and what relaxing costs")
struct RouteOptionsTests {
    private let catalog = FindingCatalog(language: .en)
    private let leaf = CertificateReference(position: 0, subject: "CN=mx.example.com")

    /// The findings as a route with `options` judges them (the console's defaults unless given).
    private func findings(_ problems: [any CheckProblem], under options: RouteOptions = RouteOptions()) -> [Finding] {
        problems.map { catalog.finding(for: $0, routeHost: "mx.example.com", address: "192.0.2.1", options: options) }
    }

    private var mismatch: CertificateProblem { .hostnameMismatch(routeHost: "mx.example.com", names: ["other.example.com"]) }

    @Test func theConsoleDefaultsHaveEveryTLSOptionOn() {
        let options = RouteOptions()
        #expect(!options.mxLookup)
        #expect(RouteOption.allCases.allSatisfy(options.isOn))
        #expect(findings([mismatch], under: options).map(\.severity) == [.fail])
    }

    @Test func hostnameValidationOffTurnsAMismatchIntoAVisibleWarning() {
        let judged = findings([mismatch], under: RouteOptions(validateHostname: false))
        #expect(judged.map(\.code) == [.certHostnameMismatch])
        #expect(judged.map(\.severity) == [.warn])
        #expect(judged.first?.waivedBy == [.validateHostname])
        // The remedies stay those of the probe.
        #expect(judged.first?.remedies.first?.kind == "use_certificate_hostname")
    }

    @Test func hostnameValidationOffDoesNotExcuseAnUntrustedChain() {
        let judged = findings([mismatch, CertificateProblem.selfSigned(leaf)], under: RouteOptions(validateHostname: false))
        #expect(judged.map(\.severity) == [.warn, .fail])
    }

    @Test func caSignedOffAcceptsASelfSignedCertificate() {
        let judged = findings([CertificateProblem.selfSigned(leaf)], under: RouteOptions(requireCASigned: false))
        #expect(judged.map(\.severity) == [.warn])
        #expect(judged.first?.waivedBy == [.requireCASigned])
        // The console's test passes under these options, so it does not say "could not verify".
        #expect(findings([CertificateProblem.selfSigned(leaf)]).first?.consoleMessage == "could not verify certificate")
        #expect(judged.first?.consoleMessage == nil)
        // Nor does it tell the admin to turn off what is off already.
        #expect(findings([CertificateProblem.selfSigned(leaf)]).first?.remedies.last?.kind == "relax_route_option")
        #expect(!(judged.first?.remedies.contains { $0.kind == "relax_route_option" } ?? true))
    }

    @Test func aWeakKeyIsWaivedOnlyWithoutRequiredTLS() {
        let weakKey = CertificateProblem.weakKey(leaf, key: "RSA 1024")
        let weak = findings([weakKey])
        #expect(findings([weakKey], under: RouteOptions(requireCASigned: false, validateHostname: false)).map(\.severity) == [.fail])
        #expect(findings([weakKey], under: RouteOptions(requireTLS: false)).first?.waivedBy == [.requireTLS])
        let sets = Relaxation.smallestSets(for: weak, options: RouteOptions(), language: .en)
        #expect(sets.map(\.turnOff) == [[.requireTLS]])
    }

    @Test func tlsNotRequiredPassesAServerWithoutSTARTTLSWithAWarning() {
        let judged = findings([ConversationProblem.starttlsNotOffered(extensions: ["PIPELINING"])], under: RouteOptions(requireTLS: false))
        #expect(judged.map(\.severity) == [.warn])
        #expect(judged.first?.waivedBy == [.requireTLS])
    }

    @Test func tlsNotRequiredWaivesEveryCertificateCheckButNotAnUnreachableServer() {
        let judged = findings([
            mismatch, CertificateProblem.selfSigned(leaf), CertificateProblem.weakKey(leaf, key: "RSA 1024"),
            ConversationProblem.connectRefused(address: "192.0.2.1", port: 25),
        ], under: RouteOptions(requireTLS: false))
        #expect(judged.map(\.severity) == [.warn, .warn, .warn, .fail])
    }

    @Test func theSmallestSetsForAMismatchAreHostnameValidationOrTLS() {
        let sets = Relaxation.smallestSets(for: findings([mismatch]), options: RouteOptions(), language: .en)
        #expect(sets.map(\.turnOff) == [[.validateHostname], [.requireTLS]])
        #expect(sets[0].costs == ["Without hostname validation, any server with any CA-signed certificate can receive this mail."])
    }

    @Test func aSelfSignedMismatchNeedsBothCertificateOptionsOrNoTLS() {
        let sets = Relaxation.smallestSets(for: findings([mismatch, CertificateProblem.selfSigned(leaf)]), options: RouteOptions(),
                                           language: .en)
        // Keeping TLS comes first, though it takes two options.
        #expect(sets.map(\.turnOff) == [[.requireCASigned, .validateHostname], [.requireTLS]])
    }

    @Test func optionsAlreadyOffAreNotOfferedAgain() {
        let options = RouteOptions(validateHostname: false)
        let judged = findings([mismatch, CertificateProblem.selfSigned(leaf)], under: options)
        let sets = Relaxation.smallestSets(for: judged, options: options, language: .en)
        #expect(sets.map(\.turnOff) == [[.requireCASigned], [.requireTLS]])
    }

    @Test func noOptionHelpsAServerThatCannotBeReached() {
        let sets = Relaxation.smallestSets(for: findings([mismatch, ConversationProblem.connectRefused(address: "192.0.2.1", port: 25)]),
                                           options: RouteOptions(), language: .en)
        #expect(sets.isEmpty)
    }

    @Test func nothingToRelaxWhenNothingFails() {
        let sets = Relaxation.smallestSets(for: findings([ConversationProblem.starttlsInjection(bytes: 3, preview: "abc")]),
                                           options: RouteOptions(), language: .en)
        #expect(sets.isEmpty)
    }

    @Test func everyRelaxableCodeNamesTheOptionItsRemedyNames() {
        let problems: [any CheckProblem] = [
            mismatch, CertificateProblem.selfSigned(leaf), ConversationProblem.starttlsNotOffered(extensions: []),
            CertificateProblem.incompleteChain(leaf, issuer: "CN=I"),
            CertificateProblem.noSAN(routeHost: "a", commonNames: [], commonNameWouldMatch: false),
        ]
        for problem in problems {
            let finding = catalog.finding(for: problem, routeHost: "h", address: nil)
            #expect(finding.remedies.last?.routeOptions == problem.relaxableBy)
            #expect(!problem.relaxableBy.isEmpty)
        }
    }
}
