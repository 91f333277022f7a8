internal import NIOCore

/// What one conversation established, handed back when the connection ends.
struct DialogueResult: Sendable {
    var session: SMTPSession
    var tls: TLSSessionInfo?
    var failure: DialogueFailure?
    var durations: [SMTPPhase: TimeAmount] = [:]
}

/// Settings for one conversation.
struct DialogueConfiguration: Sendable {
    /// nil: say the address literal of our end of the connection.
    var ehloName: String?
    /// The SNI name; nil when the route host is an IP address (RFC 6066 forbids IPs in SNI).
    var serverName: String?
    var tlsContext: SSLContext
    var phaseTimeout: TimeAmount
    /// TLS from the first byte (port 465) instead of STARTTLS.
    var implicitTLS = false
    /// How long to wait for the reply to QUIT before simply closing.
    var quitTimeout: TimeAmount = .seconds(2)
}

/// The SMTP client conversation as a channel handler: ``SMTPConversation`` on a
/// ``LineSessionHandler``.
enum SMTPDialogue {
    /// A handler that holds the conversation once the channel is active, and completes
    /// `promise` exactly once, however the conversation ends.
    static func handler(configuration: DialogueConfiguration,
                        promise: EventLoopPromise<DialogueResult>) -> LineSessionHandler<SMTPConversation> {
        let session = LineSessionConfiguration(
            tlsContext: configuration.tlsContext, serverName: configuration.serverName,
            phaseTimeout: configuration.phaseTimeout, closingTimeout: configuration.quitTimeout,
            maximumLineLength: SMTPReplyParser.maximumLineLength)
        return LineSessionHandler(SMTPConversation(configuration: configuration), configuration: session) { result in
            promise.succeed(DialogueResult(session: result.conversation.session, tls: result.tls,
                                           failure: result.failure, durations: result.durations))
        }
    }
}
