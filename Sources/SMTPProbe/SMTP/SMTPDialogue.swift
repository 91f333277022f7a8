internal import NIOCore

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
