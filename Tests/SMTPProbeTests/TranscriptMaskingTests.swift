import Testing
@testable import SMTPProbe

/// What SMTP masks in a transcript whatever its conversation marked: AUTH's initial response
/// and every answer to a 334 challenge (AUTH LOGIN's user name and password, in base64).
struct TranscriptMaskingTests {
    @Test func authKeepsOnlyItsMechanism() {
        #expect(SMTPConversation.transcriptText(of: "AUTH PLAIN AHVzZXIAcGFzcw==", secret: false, lastReceived: nil)
                == "AUTH PLAIN ********")
        #expect(SMTPConversation.transcriptText(of: "auth login dXNlcg==", secret: false, lastReceived: nil)
                == "AUTH login ********")
        #expect(SMTPConversation.transcriptText(of: "AUTH LOGIN", secret: false, lastReceived: nil) == "AUTH LOGIN")
    }

    @Test func answersToAChallengeAreMaskedWhole() {
        let challenge = Array("334 UGFzc3dvcmQ6".utf8)
        #expect(SMTPConversation.transcriptText(of: "cGFzcw==", secret: false, lastReceived: challenge) == "********")
        #expect(SMTPConversation.transcriptText(of: "EHLO a.example", secret: false, lastReceived: Array("250 ok".utf8))
                == "EHLO a.example")
    }

    @Test func aSecretLineKeepsItsFirstWord() {
        #expect(LineTranscript.masked("PASS hunter2", secret: true) == "PASS ********")
        #expect(LineTranscript.masked("hunter2", secret: true) == "********")
        #expect(LineTranscript.masked("a1 LOGIN user pass", secret: true) == "a1 ********")
        #expect(LineTranscript.masked("USER alice", secret: false) == "USER alice")
    }
}
