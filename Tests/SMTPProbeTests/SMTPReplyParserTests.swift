import Testing
@testable import SMTPProbe

@Suite("SMTP reply parser")
struct SMTPReplyParserTests {
    private func feed(_ lines: [String]) throws(SMTPReplyParser.Failure) -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        for line in lines {
            if let reply = try parser.consume(line: Array(line.utf8)) { replies.append(reply) }
        }
        return replies
    }

    @Test func singleLineReply() throws {
        let replies = try feed(["220 mx.example.com ESMTP"])
        #expect(replies == [SMTPReply(code: 220, lines: ["mx.example.com ESMTP"])])
    }

    @Test func multiLineReplyIsOneReply() throws {
        let replies = try feed(["250-mx.example.com", "250-PIPELINING", "250-STARTTLS", "250 8BITMIME"])
        #expect(replies.count == 1)
        #expect(replies[0].lines == ["mx.example.com", "PIPELINING", "STARTTLS", "8BITMIME"])
        #expect(replies[0].ehloExtensions == ["PIPELINING", "STARTTLS", "8BITMIME"])
    }

    @Test func ehloKeywordsAreUpperCasedWithParameters() throws {
        let replies = try feed(["250-mx", "250-size 1000", "250 starttls"])
        #expect(replies[0].ehloExtensions == ["SIZE 1000", "STARTTLS"])
    }

    @Test func theHighestCodeTheGrammarAllowsIsAccepted() throws {
        #expect(try feed(["559 x"]).map(\.code) == [559])
    }

    @Test func bareCodeLineEndsReply() throws {
        #expect(try feed(["250"]) == [SMTPReply(code: 250, lines: [""])])
    }

    @Test func codeChangeInsideReplyIsRefused() {
        #expect(throws: SMTPReplyParser.Failure.inconsistentCode(expected: 250, got: 251)) {
            try feed(["250-one", "251 two"])
        }
    }

    // RFC 5321 4.2: the first digit is 2-5 and the second 0-5.
    @Test(arguments: ["hello", "22 short", "2200 no separator", "999 out of range", "abc def", "250_x",
                      "199 too low", "600 too high", "260 second digit", "599x", "2a0 letter"])
    func nonSMTPLinesAreRefused(line: String) {
        #expect(throws: SMTPReplyParser.Failure.self) { try feed([line]) }
    }

    @Test func overlongLineIsRefused() {
        let line = "220 " + String(repeating: "x", count: SMTPReplyParser.maximumLineLength)
        #expect(throws: SMTPReplyParser.Failure.lineTooLong(limit: SMTPReplyParser.maximumLineLength)) {
            try feed([line])
        }
    }

    @Test func endlessMultiLineReplyIsRefused() {
        let lines = Array(repeating: "250-x", count: SMTPReplyParser.maximumLines + 1)
        #expect(throws: SMTPReplyParser.Failure.tooManyLines(limit: SMTPReplyParser.maximumLines)) {
            try feed(lines)
        }
    }

    @Test func controlCharactersInRepliesAreKeptVisibleNeverRaw() throws {
        // ESC [ 2 J clears a terminal; U+009B is the one-character C1 form of ESC [.
        let replies = try feed(["220 mx \u{1B}[2J ready", "250 ok \u{9B}31m"])
        #expect(replies.map(\.lines) == [["mx \\x1B[2J ready"], ["ok \\x9B31m"]])
        // A backslash is escaped as well, so that a server cannot fake an escape.
        #expect(try feed(["220 mx \\x1B"]).first?.lines == ["mx \\x5Cx1B"])
        // EHLO keywords are upper-cased, their escapes are not.
        #expect(try feed(["250-mx", "250 8bitmime\u{7}"]).first?.ehloExtensions == ["8BITMIME\\x07"])
    }

    /// Bidi overrides, zero-width characters and line separators reorder or hide what a
    /// reply says; they are shown as `\u{XXXX}`, in the reply lines and the previews alike.
    @Test func invisibleFormatCharactersInRepliesAreShownEscaped() throws {
        let replies = try feed(["220 mx \u{202E}PTMSE\u{2028}x\u{200B}y\u{FEFF}\u{2066}z\u{AD}"])
        #expect(replies.map(\.lines) == [["mx \\u{202E}PTMSE\\u{2028}x\\u{200B}y\\u{FEFF}\\u{2066}z\\u{00AD}"]])
        #expect(SMTPReplyParser.printable("HTTP/1.1 \u{200F}\u{2029}") == "HTTP/1.1 \\u{200F}\\u{2029}")
        // EHLO keywords are upper-cased, their escapes are not.
        #expect(try feed(["250-mx", "250 8bitmime\u{202E}"]).first?.ehloExtensions == ["8BITMIME\\u{202E}"])
        // Visible non-ASCII text stays as it is.
        #expect(try feed(["220 メールサーバー ready"]).first?.lines == ["メールサーバー ready"])
    }

    @Test func printableEscapesControlCharacters() {
        #expect(SMTPReplyParser.printable("a\u{1B}[31mb\u{0}") == "a\\x1B[31mb\\x00")
        // Two digits always: CR then "A" must not read as the byte 0xDA.
        #expect(SMTPReplyParser.printable("250 x\r\nA\t") == "250 x\\x0D\\x0AA\\x09")
    }

    /// RFC 5321 §4.3.2: a reply code the command cannot have means the conversation is out of
    /// step (a greeting answering EHLO, an EHLO reply answering QUIT).
    @Test func eachCommandAcceptsOnlyItsOwnReplyCodes() {
        #expect(SMTPPhase.ehlo.accepts(250) && SMTPPhase.ehlo.accepts(450) && SMTPPhase.ehlo.accepts(502))
        #expect(!SMTPPhase.ehlo.accepts(220) && !SMTPPhase.ehloAfterTLS.accepts(220) && !SMTPPhase.helo.accepts(354))
        #expect(SMTPPhase.starttls.accepts(220) && SMTPPhase.starttls.accepts(454) && !SMTPPhase.starttls.accepts(250))
        #expect(SMTPPhase.quit.accepts(221) && !SMTPPhase.quit.accepts(250))
    }
}
