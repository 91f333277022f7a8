import Testing
@testable import SMTPProbe

/// SPF records evaluated as a receiver would, against a real DNS server (unbound on loopback)
/// serving the zones of ``SPFTestZones``: each planted problem gives its code and severity.
@Suite("SPF checks against a real DNS server", .timeLimit(.minutes(1)))
struct SPFTests {
    private func evaluate(_ label: String) async throws -> SPFEvaluation {
        let port = try await UnboundServer.shared.port()
        let resolver = try DNSResolver(server: DNSServer(parsing: "127.0.0.1:\(port)"))
        return await SPFEvaluator(lookups: SPFLookups(resolver: resolver, timeout: 5)).evaluate(domain: SPFTestZones.name(label))
    }

    private func problems(_ label: String, google: Bool = true) async throws -> [SPFProblem] {
        SPFCheck.problems(of: try await evaluate(label), sendsThroughGoogle: google)
    }

    @Test func aRecordThatIncludesGoogleAndEndsInFailPasses() async throws {
        #expect(try await problems("good").isEmpty)
        #expect(try await evaluate("good").lookups == 2)
    }

    @Test func aRecordSplitIntoSeveralStringsIsReadAsOne() async throws {
        #expect(try await problems("split").isEmpty)
    }

    @Test func noSPFRecordIsMissingNotAnError() async throws {
        for label in ["nospf", "absent"] {
            let found = try await problems(label)
            #expect(found.map(\.code) == [.spfMissing])
            #expect(found.first?.severity == .fail)
            #expect(found.first?.remedies.first?.enText.contains("include:_spf.google.com") == true)
        }
    }

    @Test func twoSPFRecordsAreAPermanentErrorAndTheRemedyMergesThem() async throws {
        let found = try await problems("multiple")
        #expect(found.map(\.code) == [.spfMultipleRecords])
        let remedy = try #require(found.first?.remedies.first)
        #expect(remedy.kind == "merge_spf_records")
        #expect(remedy.enText.contains("multiple.spf.test.example. 3600 IN TXT \"v=spf1 include:_spf.google.com ip4:192.0.2.1 ~all\""))
    }

    @Test func anUnreadableTermIsNamed() async throws {
        let found = try await problems("syntax")
        #expect(found.map(\.code) == [.spfSyntaxError])
        #expect(found.first?.message(.en).hasSuffix("ip4:192.0.2.300") == true)
    }

    @Test func twelveLookupsAcrossIncludesAreTooManyWithTheChainThatSpendsThem() async throws {
        let found = try await problems("many", google: false)
        #expect(found.map(\.code) == [.spfTooManyLookups])
        #expect(found.first?.message(.en).contains("needs 12 DNS lookups") == true)
        let detail = try #require(found.first?.detail(.en))
        #expect(detail.contains("many.spf.test.example → l1.spf.test.example → l4.spf.test.example 4"))
        #expect(try await problems("ten", google: false).isEmpty)
    }

    @Test func threeVoidLookupsAreTooMany() async throws {
        let found = try await problems("void", google: false)
        #expect(found.map(\.code) == [.spfTooManyVoidLookups])
        #expect(found.first?.detail(.en)?.contains("gone3.spf.test.example") == true)
    }

    @Test func plusAllFailsNeutralAllWarnsButOnlyAsTheLastWord() async throws {
        let plus = try await problems("plusall", google: false)
        #expect(plus.map(\.code) == [.spfPermissiveAll])
        #expect(plus.first?.severity == .fail)
        #expect(plus.first?.remedies.first?.enText.contains("\"v=spf1 ~all\"") == true)
        let neutral = try await problems("neutral")
        #expect(neutral.map(\.code) == [.spfPermissiveAll])
        #expect(neutral.first?.severity == .warn)
        #expect(try await problems("incneutral").isEmpty)
        let included = try await problems("incplus", google: false)
        #expect(included.map(\.code) == [.spfPermissiveAll])
        #expect(included.first?.message(.en).contains("plusall.spf.test.example") == true)
    }

    @Test func ptrIsAWarning() async throws {
        let found = try await problems("ptr")
        #expect(found.map(\.code) == [.spfPTRMechanism])
        #expect(found.first?.severity == .warn)
    }

    @Test func includeLoopsEndAndAreReportedAsTheLimitReceiversHit() async throws {
        for label in ["loop", "self"] {
            let found = try await problems(label, google: false)
            #expect(found.map(\.code) == [.spfTooManyLookups])
            #expect(found.first?.remedies.first?.kind == "break_spf_loop")
        }
    }

    @Test func googleIsFoundThroughRedirectsAndNestedIncludes() async throws {
        #expect(try await problems("redirect").isEmpty)
        #expect(try await problems("nested").isEmpty)
        let found = try await problems("nogoogle")
        #expect(found.map(\.code) == [.spfNoGoogleInclude])
        #expect(found.first?.remedies.first?.enText.contains(
            "\"v=spf1 include:l3.spf.test.example include:_spf.google.com -all\"") == true)
        #expect(try await problems("nogoogle", google: false).isEmpty)
    }

    @Test func anIncludedDomainWithoutSPFIsMissingThere() async throws {
        let found = try await problems("incmissing", google: false)
        #expect(found.map(\.code) == [.spfMissing])
        #expect(found.first?.remedies.first?.kind == "fix_spf_include")
    }

    @Test func aFailedLookupIsReportedAsSuchNeverAsMissing() async throws {
        let found = try await problems("refused", google: false)
        #expect(found.map(\.code) == [.spfLookupFailed])
        #expect(found.first?.message(.en).contains("spf.refused.example") == true)
        // unbound answers REFUSED; libunbound, forwarding to it, reports SERVFAIL.
        #expect(found.first?.detail(.en)?.hasPrefix("The resolver said: the DNS server answered") == true)
    }

    @Test func everyProblemHasWordsAndRemediesInBothLanguages() async throws {
        for zone in SPFTestZones.zones {
            for problem in SPFCheck.problems(of: try await evaluate(String(zone.name.prefix { $0 != "." })), sendsThroughGoogle: true) {
                for language in [Language.en, .ja] {
                    #expect(!problem.message(language).isEmpty)
                    #expect(problem.detail(language)?.isEmpty == false)
                    #expect(problem.remedies.allSatisfy { !$0.text(language, routeHost: "").isEmpty })
                }
            }
        }
    }
}
