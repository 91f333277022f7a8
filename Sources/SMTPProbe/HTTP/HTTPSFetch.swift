/// What one HTTPS GET found: facts only (how far it got, what the server sent, what the
/// certificate checks said), for the checks above to judge.
struct HTTPSFetch: Sendable {
    /// The URL asked for.
    var url: String
    /// The address connected to, once a connection was made.
    var address: String?
    /// What the TLS handshake agreed on, once it completed.
    var tls: TLSSessionInfo?
    /// The chain check of the certificate the server sent.
    var verification: ChainVerification?
    /// The name check of that certificate against the URL's host.
    var hostname: HostnameMatcher.Outcome?
    /// The response as far as it was read: its head, and its body unless ``failure`` says
    /// reading stopped.
    var response: HTTPResponseFacts?
    /// Why the fetch did not complete; nil when a whole response was read.
    var failure: HTTPSFetchFailure?
}

/// A response's status line, headers and body.
struct HTTPResponseFacts: Hashable, Sendable {
    var status: Int
    var reason: String
    /// In the order sent; names as sent.
    var headers: [HTTPField]
    var body: [UInt8] = []

    /// The first value of the header `name` (compared without regard to case).
    func value(of name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }
}

/// One header line.
struct HTTPField: Hashable, Sendable {
    var name: String
    var value: String
}

/// Where an HTTPS fetch stopped.
enum HTTPSFetchFailure: Hashable, Sendable {
    /// The host has no address, or the lookup failed.
    case dns(DNSFailure)
    /// No address took the connection; the last one tried and why.
    case connect(address: String, ConnectFailure)
    /// The TLS handshake failed, in OpenSSL's words (empty: the server closed the connection).
    case tlsHandshake([OpenSSLErrorEntry])
    /// The server sent no certificate; the request was not sent.
    case noCertificate
    /// The chain does not lead to a trust anchor; the request was not sent.
    case certificateNotTrusted([VerificationIssue])
    /// The chain is longer than OpenSSL follows; the request was not sent.
    case certificateChainTooLong(ChainLengthExcess)
    /// The certificate does not name the host (the names it has); the request was not sent.
    case certificateNameMismatch(presented: [String])
    /// A phase did not end within the timeout.
    case timedOut(HTTPSPhase, seconds: Double)
    /// The connection broke off, in the system's words.
    case connectionLost(String)
    /// What came back is not an HTTP/1.1 response that could be read to its end.
    case malformedResponse(HTTPMalformation)
    /// The body is longer than the limit; reading stopped there.
    case bodyTooLarge(limit: Int)
}

/// The phases of a fetch, each with its own deadline.
enum HTTPSPhase: String, Hashable, Sendable {
    case connect, handshake, response
}

/// Why a response could not be read.
enum HTTPMalformation: Hashable, Sendable {
    /// The connection closed before the response ended.
    case closedEarly
    /// The status line and headers are longer than the HTTP codec accepts.
    case headersTooLong
    /// A chunk of a chunked body has a size that cannot be read.
    case badChunk
    /// The bytes are not HTTP/1.1 at all.
    case notHTTP
}
