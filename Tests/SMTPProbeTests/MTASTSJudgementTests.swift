import Foundation
import Testing
@testable import SMTPProbe

/// The MTA-STS checks' judgement of facts, without a server: which problems, how severe, and
/// what they say in English and Japanese.
@Suite("MTA-STS judgement")
struct MTASTSJudgementTests {
    static let changeTime = Date(timeIntervalSince1970: 1_796_256_000)
    static let record = MTASTSRecordSelection.record(MTASTSRecord(id: "1", extensions: [:]))

    /// A fetch that got `policy`, served as a sender wants it.
    private func fetched(_ policy: String) -> MTASTSPolicyFetch {
        let response = HTTPResponseFacts(status: 200, reason: "OK", headers: [HTTPField(name: "Content-Type", value: "text/plain; charset=utf-8")],
                                         body: Array(policy.utf8))
        return MTASTSPolicyFetch(https: HTTPSFetch(url: "https://mta-sts.example.com/.well-known/mta-sts.txt", response: response))
    }

    private func judge(record: MTASTSRecordSelection = record, _ fetch: MTASTSPolicyFetch, mx: [String]) -> [MTASTSProblem] {
        MTASTSCheck.judge(domain: "example.com", record: record, fetch: fetch, mxHosts: mx, changeTime: Self.changeTime)
            .1.compactMap { $0.base as? MTASTSProblem }
    }

    private func finding(_ problem: MTASTSProblem, _ language: Language = .en) -> Finding {
        FindingCatalog(language: language).finding(for: problem, routeHost: "", address: nil)
    }

    @Test func aContentTypeWithParametersIsTextPlain() {
        #expect(fetched("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 86400\n").body != nil)
        #expect(MTASTSPolicyFetch.mediaType(" Text/Plain ; charset=us-ascii") == "text/plain")
    }

    @Test func uncoveredMXHostsFailOnlyUnderEnforce() {
        let policy = "version: STSv1\nmode: MODE\nmx: *.example.com\nmax_age: 86400\n"
        let mx = ["mx1.example.com", "mx.other.example.net", "a.b.example.com"]
        let enforce = judge(fetched(policy.replacingOccurrences(of: "MODE", with: "enforce")), mx: mx)
        #expect(enforce.map(\.code) == [.mtaSTSMXNotCovered, .mtaSTSMXNotCovered])
        #expect(enforce.map(\.severity) == [.fail, .fail])
        let testing = judge(fetched(policy.replacingOccurrences(of: "MODE", with: "testing")), mx: mx)
        #expect(testing.map(\.code) == [.mtaSTSTestingMode, .mtaSTSMXNotCovered, .mtaSTSMXNotCovered])
        #expect(testing.map(\.severity) == [.info, .warn, .warn])
        #expect(judge(fetched(policy.replacingOccurrences(of: "MODE", with: "none")), mx: mx).isEmpty)
    }

    @Test func theSuggestedPolicyAddsTheUncoveredHostsAndANewID() throws {
        let problems = judge(fetched("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 86400\n"),
                             mx: ["mx1.example.com", "MX2.example.com."])
        let problem = try #require(problems.first)
        let remedy = try #require(finding(problem).remedies.first)
        #expect(remedy.kind == "add_mta_sts_mx_pattern")
        #expect(remedy.text == "Add the line \"mx: mx2.example.com\" to the policy, so that it reads: \"version: STSv1\", \"mode: enforce\", \"mx: mx1.example.com\", \"mx: mx2.example.com\", \"max_age: 86400\"; then change the record's id: _mta-sts.example.com. 3600 IN TXT \"v=STSv1; id=20261203000000;\"")
        let ja = try #require(finding(problem, .ja).remedies.first)
        #expect(ja.text.hasPrefix("ポリシーに「mx: mx2.example.com」の行を加え"))
    }

    @Test func anUnusableRecordIsReportedAndThePolicyStillJudged() {
        let problems = judge(record: .several(texts: ["v=STSv1; id=1;", "v=STSv1; id=2;"]),
                             fetched("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400\n"), mx: ["mx.example.com"])
        #expect(problems.map(\.code) == [.mtaSTSRecordInvalid, .mtaSTSTestingMode])
        let remedies = finding(problems[0]).remedies
        #expect(remedies.map(\.kind) == ["keep_one_mta_sts_record"])
        #expect(remedies[0].text.hasSuffix("_mta-sts.example.com. 3600 IN TXT \"v=STSv1; id=20261203000000;\""))
    }

    @Test func whatAServerSaysIsShownEscaped() {
        let redirect = HTTPResponseFacts(status: 302, reason: "Found", headers: [HTTPField(name: "Location", value: "https://x.example/\u{1B}[2J")])
        let fetch = MTASTSPolicyFetch(https: HTTPSFetch(url: "https://mta-sts.example.com/.well-known/mta-sts.txt", response: redirect))
        let problems = judge(fetch, mx: [])
        #expect(problems.map(\.code) == [.mtaSTSPolicyUnreachable])
        let detail = finding(problems[0]).detail ?? ""
        #expect(detail.contains("https://x.example/\\x1B[2J"))
        #expect(!detail.contains("\u{1B}"))
        let invalid = judge(fetched("version: STSv1\nmode: \u{9B}31m\nmx: a.example\nmax_age: 1\n"), mx: [])
        #expect(finding(invalid[0]).detail?.contains("mode is \"\\x9B31m\"") == true)
    }

    @Test func everyProblemHasWordsAndRemediesInBothLanguages() {
        let problems: [MTASTSProblem] = [
            .recordInvalid(domain: "example.com", reason: .noneClaimsVersion(texts: ["x"]), suggestedID: "1"),
            .recordInvalid(domain: "example.com", reason: .invalid(text: "v=STSv1;", .missingID), suggestedID: "1"),
            .policyUnreachable(domain: "example.com", url: "u", reason: .https(.timedOut(.response, seconds: 10))),
            .policyUnreachable(domain: "example.com", url: "u", reason: .https(.dns(.nxdomain(host: "mta-sts.example.com")))),
            .policyInvalid(domain: "example.com", faults: [.notText], suggested: SuggestedPolicy(mode: .testing, mxPatterns: ["mx.example.com"], maxAge: 604_800, id: "1")),
            .testingMode(domain: "example.com", suggested: SuggestedPolicy(mode: .enforce, mxPatterns: ["mx.example.com"], maxAge: 86400, id: "1")),
            .mxCertificateInvalid(domain: "example.com", mxHost: "mx.example.com", codes: ["cert.expired"], mode: .enforce),
            .mxCertificateInvalid(domain: "example.com", mxHost: "mx.example.com", codes: ["cert.expired"], mode: .testing),
            .lookupFailed(name: "_mta-sts.example.com", reason: .serverAnswered("SERVFAIL")),
        ]
        for problem in problems {
            for language in [Language.en, .ja] {
                let finding = finding(problem, language)
                #expect(!finding.message.isEmpty && !(finding.detail ?? "").isEmpty)
                #expect(!finding.remedies.isEmpty && finding.remedies.allSatisfy { !$0.text.isEmpty })
            }
            #expect(finding(problem, .ja).message != finding(problem, .en).message)
        }
        #expect(finding(problems[2]).detail?.hasPrefix("u: no complete response within 10 s") == true)
        #expect(finding(problems[3]).remedies.first?.kind == "publish_mta_sts_host")
        #expect(finding(problems[6]).severity == .fail && finding(problems[7]).severity == .warn)
        #expect(finding(problems[6]).message != finding(problems[7]).message)
        #expect(finding(problems[8]).severity == .warn && finding(problems[8]).remedies.map(\.kind) == ["check_name_servers"])
        #expect(finding(problems[8]).detail?.hasPrefix("The resolver said: the DNS server answered SERVFAIL.") == true)
    }
}
