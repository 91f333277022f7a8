/// Why a TCP connection could not be made.
enum ConnectFailure: Hashable, Sendable {
    case refused
    case timeout
    case unreachable(String)
    /// The server accepted the connection and reset it at once, before the connect had been
    /// reported: the same as closing it while the greeting is awaited.
    case reset(String)
}
