import Foundation
import Testing
@testable import SMTPProbe

@Suite("Route options: the verdict under them, and what relaxing costs")
struct RouteOptionsTests {
    private let catalog = FindingCatalog(language: .en)
    private let leaf = CertificateReference(position: 0, subject: "CN=mx.example.com")

    private func findings(_ problems: [Problem]) -> [Finding] {
        problems.map { catalog.finding(for: $0, routeHost: "mx.example.com", address: "192.0.2.1") }
    }

    private var mismatch: Problem { .hostnameMismatch(routeHost: "mx.example.com", names: ["other.example.com"]) }

    @Test func theConsoleDefaultsHaveEveryTLSOptionOn() {
        let options = RouteOptions()
        #expect(!options.mxLookup)
        #expect(RouteOption.allCases.allSatisfy(options.isOn))
        #expect(options.judge(findings([mismatch])).map(\.severity) == [.fail])
    }

    @Test func hostnameValidationOffTurnsAMismatchIntoAVisibleWarning() {
        let judged = RouteOptions(validateHostname: false).judge(findings([mismatch]))
        #expect(judged.map(\.code) == [.certHostnameMismatch])
        #expect(judged.map(\.severity) == [.warn])
        #expect(judged.first?.waivedBy == [.validateHostname])
        // The remedies stay those of the probe.
        #expect(judged.first?.remedies.first?.kind == "use_certificate_hostname")
    }

    @Test func hostnameValidationOffDoesNotExcuseAnUntrustedChain() {
        let judged = RouteOptions(validateHostname: false).judge(findings([mismatch, .selfSigned(leaf)]))
        #expect(judged.map(\.severity) == [.warn, .fail])
    }

    @Test func caSignedOffAcceptsASelfSignedCertificate() {
        let judged = RouteOptions(requireCASigned: false).judge(findings([.selfSigned(leaf)]))
        #expect(judged.map(\.severity) == [.warn])
        #expect(judged.first?.waivedBy == [.requireCASigned])
        // The console's test passes under these options, so it does not say "could not verify".
        #expect(findings([.selfSigned(leaf)]).first?.consoleMessage == "could not verify certificate")
        #expect(judged.first?.consoleMessage == nil)
        // Nor does it tell the admin to turn off what is off already.
        #expect(findings([.selfSigned(leaf)]).first?.remedies.last?.kind == "relax_route_option")
        #expect(!(judged.first?.remedies.contains { $0.kind == "relax_route_option" } ?? true))
    }

    @Test func aWeakKeyIsWaivedOnlyWithoutRequiredTLS() {
        let weak = findings([.weakKey(leaf, key: "RSA 1024")])
        #expect(RouteOptions(requireCASigned: false, validateHostname: false).judge(weak).map(\.severity) == [.fail])
        #expect(RouteOptions(requireTLS: false).judge(weak).first?.waivedBy == [.requireTLS])
        let sets = Relaxation.smallestSets(for: weak, options: RouteOptions(), texts: EnglishTexts())
        #expect(sets.map(\.turnOff) == [[.requireTLS]])
    }

    @Test func tlsNotRequiredPassesAServerWithoutSTARTTLSWithAWarning() {
        let judged = RouteOptions(requireTLS: false).judge(findings([.starttlsNotOffered(extensions: ["PIPELINING"])]))
        #expect(judged.map(\.severity) == [.warn])
        #expect(judged.first?.waivedBy == [.requireTLS])
    }

    @Test func tlsNotRequiredWaivesEveryCertificateCheckButNotAnUnreachableServer() {
        let judged = RouteOptions(requireTLS: false).judge(findings([
            mismatch, .selfSigned(leaf), .weakKey(leaf, key: "RSA 1024"),
            .connectRefused(address: "192.0.2.1", port: 25),
        ]))
        #expect(judged.map(\.severity) == [.warn, .warn, .warn, .fail])
    }

    @Test func theSmallestSetsForAMismatchAreHostnameValidationOrTLS() {
        let sets = Relaxation.smallestSets(for: findings([mismatch]), options: RouteOptions(), texts: EnglishTexts())
        #expect(sets.map(\.turnOff) == [[.validateHostname], [.requireTLS]])
        #expect(sets[0].costs == ["Without hostname validation, any server with any CA-signed certificate can receive this mail."])
    }

    @Test func aSelfSignedMismatchNeedsBothCertificateOptionsOrNoTLS() {
        let sets = Relaxation.smallestSets(for: findings([mismatch, .selfSigned(leaf)]), options: RouteOptions(),
                                           texts: EnglishTexts())
        // Keeping TLS comes first, though it takes two options.
        #expect(sets.map(\.turnOff) == [[.requireCASigned, .validateHostname], [.requireTLS]])
    }

    @Test func optionsAlreadyOffAreNotOfferedAgain() {
        let options = RouteOptions(validateHostname: false)
        let judged = options.judge(findings([mismatch, .selfSigned(leaf)]))
        let sets = Relaxation.smallestSets(for: judged, options: options, texts: EnglishTexts())
        #expect(sets.map(\.turnOff) == [[.requireCASigned], [.requireTLS]])
    }

    @Test func noOptionHelpsAServerThatCannotBeReached() {
        let sets = Relaxation.smallestSets(for: findings([mismatch, .connectRefused(address: "192.0.2.1", port: 25)]),
                                           options: RouteOptions(), texts: EnglishTexts())
        #expect(sets.isEmpty)
    }

    @Test func nothingToRelaxWhenNothingFails() {
        let sets = Relaxation.smallestSets(for: findings([.starttlsInjection(bytes: 3, preview: "abc")]),
                                           options: RouteOptions(), texts: EnglishTexts())
        #expect(sets.isEmpty)
    }

    @Test func everyRelaxableCodeNamesTheOptionItsRemedyNames() {
        let problems: [Problem] = [mismatch, .selfSigned(leaf), .starttlsNotOffered(extensions: []),
                                   .incompleteChain(leaf, issuer: "CN=I"), .noSAN(routeHost: "a", commonNames: [], commonNameWouldMatch: false)]
        for problem in problems {
            #expect(RemedyKind.plan(for: problem).last == .relaxRouteOptions(RouteOption.relaxing(problem.code)))
        }
    }
}
