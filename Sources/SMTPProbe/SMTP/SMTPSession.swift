/// The steps of the conversation, as reports and timings name them.
public enum SMTPPhase: String, Codable, Sendable, CaseIterable {
    case connect, greeting, ehlo, helo, starttls, handshake
    case ehloAfterTLS = "ehlo_after_tls"
    case quit
}

/// How TLS is started.
public enum TLSMode: String, Codable, Sendable, CaseIterable {
    /// EHLO, then STARTTLS (RFC 3207): ports 25 and 587, and every Workspace route.
    case starttls
    /// TLS from the first byte (RFC 8314): port 465, which the SMTP relay accepts but routes do not.
    case implicit

    /// The mode a port implies when none is chosen: implicit for 465, STARTTLS otherwise.
    public static func `default`(forPort port: Int) -> TLSMode { port == 465 ? .implicit : .starttls }
}

/// Everything the conversation with one address established, before any judgement.
public struct SMTPSession: Codable, Hashable, Sendable {
    public var tlsMode: TLSMode = .starttls
    public var greeting: SMTPReply?
    public var ehloName: String
    public var ehloReply: SMTPReply?
    public var heloReply: SMTPReply?
    /// EHLO keywords before STARTTLS.
    public var extensionsBeforeTLS: [String] = []
    public var starttlsOffered = false
    public var starttlsReply: SMTPReply?
    /// Bytes the server sent after its "220 ready to start TLS" reply and before the
    /// handshake: never used, only counted and shown.
    /// At most this many bytes of what came where TLS belongs are kept to show.
    static let previewLimit = OpenSSLHandler.plaintextPreviewLimit

    public var injectedBytes: Int?
    public var injectedPreview: String?
    public var ehloAfterTLSReply: SMTPReply?
    /// EHLO keywords after the handshake; nothing learned before it is trusted.
    public var extensionsAfterTLS: [String]?
    public var quitReply: SMTPReply?

    enum CodingKeys: String, CodingKey {
        case tlsMode = "tls_mode", greeting, ehloName = "ehlo_name", ehloReply = "ehlo_reply", heloReply = "helo_reply"
        case extensionsBeforeTLS = "extensions_before_tls", starttlsOffered = "starttls_offered"
        case starttlsReply = "starttls_reply", injectedBytes = "injected_bytes", injectedPreview = "injected_preview"
        case ehloAfterTLSReply = "ehlo_after_tls_reply", extensionsAfterTLS = "extensions_after_tls"
        case quitReply = "quit_reply"
    }

    public init(ehloName: String) { self.ehloName = ehloName }
}

/// Why a conversation ended early.
enum DialogueFailure: Hashable, Sendable {
    case timeout(SMTPPhase)
    case closed(SMTPPhase)
    case protocolError(SMTPPhase, SMTPReplyParser.Failure)
    /// `plaintext`: what the server sent instead of TLS, made printable.
    case handshakeFailed([OpenSSLErrorEntry], plaintext: String? = nil)
    case handshakeTimeout
    case io(SMTPPhase, String)
}
