import Testing
@testable import SMTPProbe

/// DKIM key records looked up on a real DNS server (unbound on loopback) under
/// dkim.test.example, with real RSA keys (made with `openssl genpkey`, public halves only),
/// their sizes read by OpenSSL.
@Suite("DKIM checks against a real DNS server", .timeLimit(.minutes(1)))
struct DKIMTests {
    static func name(_ label: String) -> String { "\(label).dkim.test.example" }

    static let key2048 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwSjH1JFx2re3h0pHG9rptoMJbKXBlDi5mjYV32dPmrlNJ5T2Qn6TbBB0Y10mQ27/STldXzCOPYxxeOTjnNrBguSuA/JnwG6YkUQuc+eXs0z/tAinVOe8YoWD2asWIL8jIfZ+Pv+M8YXG2bx+Gp7JsjsvLAq7UTz+qb7tJG3iDbdLJU2vUvjgdIOqnQVUzWs53Czujppsp5z5kTQZOfGMaT96hu2dYd7S003d90sB2K2InEvzeINQY8FN0T2u56BqBlir92O84kv59Su2kDrE8SE2h8UCttesBdvLwAoYoALU63uY5skkcsfUCh64NH4g341bb/WOKCIiNOwI6lzS4wIDAQAB"
    static let key1024 = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5erWCTY9vN7gJ8NC3kbNSww+0U/zORRejfL8h8UUHnOdlJp6ilsS6j4lzmWVB5bL8fheidAIVTVTiB9gZ0Jo0EqeOEo4K6CQjhZpn+wS9ccveE/UMx7BnRmWuqZK1ye7Exb2/X4kNxf+c8lYA8lC1uPm+uncdtgd0uVKhDrmy+QIDAQAB"
    static let key512 = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKs6vb2vx0dm3/6uLWw03d507zyEc8iTbKF/+7LplckUSKFi8HTTIy1WCytHARfC1O+Xyo51eD0jWXEWn1XAq7ECAwEAAQ=="

    private static func txt(_ owner: String, _ record: String) -> String {
        // Strings of at most 255 bytes, as a zone file must split a 2048-bit key.
        var chunks: [String] = []
        var rest = Substring(record)
        while !rest.isEmpty {
            chunks.append("\"" + rest.prefix(200) + "\"")
            rest = rest.dropFirst(200)
        }
        return "\(owner). TXT " + chunks.joined(separator: " ")
    }

    static let records: [String] = [
        txt("google._domainkey.good.dkim.test.example", "v=DKIM1; k=rsa; p=\(key2048)"),
        txt("s1._domainkey.good.dkim.test.example", "v=DKIM1; p=\(key2048)"),
        txt("google._domainkey.weak.dkim.test.example", "v=DKIM1; k=rsa; p=\(key1024)"),
        txt("google._domainkey.tiny.dkim.test.example", "v=DKIM1; k=rsa; p=\(key512)"),
        txt("google._domainkey.revoked.dkim.test.example", "v=DKIM1; k=rsa; p="),
        txt("google._domainkey.syntax.dkim.test.example", "v=DKIM1; k=rsa; p=bm90IGEga2V5"),
        txt("google._domainkey.version.dkim.test.example", "k=rsa; v=DKIM1; p=\(key2048)"),
    ]

    private func problems(_ label: String, selector: String = DKIMProblem.googleSelector) async throws -> [DKIMProblem] {
        let port = try await UnboundServer.shared.port()
        let resolver = try DNSResolver(server: DNSServer(parsing: "127.0.0.1:\(port)"))
        let evaluation = await DKIMEvaluation.evaluate(domain: Self.name(label), selector: selector) {
            await resolver.txt(of: $0, timeout: 5)
        }
        return DKIMProblem.problems(of: evaluation)
    }

    @Test func a2048BitKeyPassesForGoogleAndOtherSelectors() async throws {
        #expect(try await problems("good").isEmpty)
        #expect(try await problems("good", selector: "s1").isEmpty)
        #expect(try await problems("good", selector: "s2").map(\.code) == [.dkimMissing])
    }

    @Test func noKeyIsMissing() async throws {
        let found = try await problems("absent")
        #expect(found.map(\.code) == [.dkimMissing])
        #expect(found.first?.message(.en).contains("google._domainkey.absent.dkim.test.example") == true)
    }

    @Test func keysUnder2048BitsWarnAndUnder1024Fail() async throws {
        let weak = try await problems("weak")
        #expect(weak.map(\.code) == [.dkimWeakKey])
        #expect(weak.first?.severity == .warn)
        #expect(weak.first?.message(.en).hasSuffix("a 1024-bit RSA key") == true)
        let tiny = try await problems("tiny")
        #expect(tiny.map(\.code) == [.dkimWeakKey])
        #expect(tiny.first?.severity == .fail)
        #expect(tiny.first?.remedies.first?.kind == "rotate_dkim_key")
    }

    @Test func anEmptyKeyIsRevoked() async throws {
        #expect(try await problems("revoked").map(\.code) == [.dkimRevoked])
    }

    @Test func aKeyThatIsNoKeyAndAMisplacedVersionAreSyntaxErrors() async throws {
        #expect(try await problems("syntax").map(\.code) == [.dkimSyntaxError])
        let version = try await problems("version")
        #expect(version.map(\.code) == [.dkimSyntaxError])
        #expect(version.first?.message(.en).hasSuffix("at v=DKIM1") == true)
    }

    @Test func everyProblemHasWordsInBothLanguages() async throws {
        for label in ["absent", "weak", "tiny", "revoked", "syntax"] {
            for problem in try await problems(label) {
                for language in [Language.en, .ja] {
                    #expect(!problem.message(language).isEmpty && problem.detail(language)?.isEmpty == false)
                    #expect(problem.remedies.allSatisfy { !$0.text(language, routeHost: "").isEmpty })
                }
            }
        }
    }
}
