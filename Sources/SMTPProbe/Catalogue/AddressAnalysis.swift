#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything learned about one address, before judgement.
struct AddressFacts: Sendable {
    var routeHost: String
    var address: String
    var port: Int
    var timeoutSeconds: Double
    var connectFailure: ConnectFailure?
    var dialogue: DialogueResult?
    /// The POP3 or IMAP conversation, when one of those was probed instead of SMTP.
    var mailbox: MailboxResult?
    /// The protocol spoken: it decides how serious AUTH in clear is.
    var mailProtocol: MailProtocol = .smtp
    var verification: ChainVerification?
    var hostname: HostnameMatcher.Outcome?
    var validationTime: Date
    var expiryWarningDays: Int
    /// Within this many days the expiry is a failure rather than a warning; nil: never.
    var expiryCriticalDays: Int? = nil
}

/// Chooses the problems that the facts of one address show, one per distinct problem, in the
/// order the conversation met them: the conversation's, then the certificate's, then what
/// ended the conversation early.
enum FindingAnalyzer {
    static func issues(for facts: AddressFacts) -> [Problem] {
        if let failure = facts.connectFailure {
            return [Problem(ConversationAnalyzer.problem(connecting: failure, address: facts.address, port: facts.port,
                                                         timeoutSeconds: facts.timeoutSeconds))]
        }
        if let mailbox = facts.mailbox { return issues(of: mailbox, facts: facts) }
        guard let dialogue = facts.dialogue else { return [] }
        var issues = ConversationAnalyzer.problems(of: dialogue).map(Problem.init)
        if let tls = dialogue.tls {
            issues += ConversationAnalyzer.problems(of: tls).map(Problem.init)
            issues += CertificateAnalyzer.problems(chain: tls.peerChain, facts: facts.certificateFacts).map(Problem.init)
        }
        issues += ConversationAnalyzer.problemsAfterTLS(of: dialogue.session).map(Problem.init)
        issues += AuthAnalyzer.problems(of: dialogue.session, submission: facts.mailProtocol == .submission,
                                        tlsEstablished: dialogue.tls != nil).map(Problem.init)
        issues += AuthAnalyzer.problems(of: dialogue.session.login, mailProtocol: facts.mailProtocol).map(Problem.init)
        if let failure = dialogue.failure {
            issues.append(Problem(ConversationAnalyzer.problem(for: failure, in: dialogue, timeoutSeconds: facts.timeoutSeconds)))
        }
        return issues
    }
}

extension FindingAnalyzer {
    /// The same order for POP3 and IMAP: the conversation up to TLS, TLS and the certificate,
    /// what came inside TLS, then what ended the conversation early.
    static func issues(of mailbox: MailboxResult, facts: AddressFacts) -> [Problem] {
        var issues = MailboxAnalyzer.problemsBeforeTLS(of: mailbox.session)
        if let tls = mailbox.tls {
            issues += ConversationAnalyzer.problems(of: tls).map(Problem.init)
            issues += CertificateAnalyzer.problems(chain: tls.peerChain, facts: facts.certificateFacts).map(Problem.init)
        }
        issues += MailboxAnalyzer.problemsAfterTLS(of: mailbox.session)
        issues += AuthAnalyzer.problems(of: mailbox.session.login, mailProtocol: mailbox.session.mailProtocol)
            .map(Problem.init)
        if let failure = mailbox.failure {
            issues.append(MailboxAnalyzer.problem(for: failure, session: mailbox.session, timeoutSeconds: facts.timeoutSeconds))
        }
        return issues
    }
}

extension AddressFacts {
    /// What the certificate checks need of these facts.
    var certificateFacts: CertificateFacts {
        CertificateFacts(routeHost: routeHost, verification: verification, hostname: hostname,
                         validationTime: validationTime, expiryWarningDays: expiryWarningDays,
                         expiryCriticalDays: expiryCriticalDays)
    }
}
