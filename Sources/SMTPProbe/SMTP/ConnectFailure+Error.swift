#if canImport(Glibc)
import Glibc
#endif
internal import NIOCore

extension ConnectFailure {
    /// The failure a SwiftNIO connect error stands for: a refusal, a timeout, a reset, or
    /// anything else in the system's words (`strerror`).
    init(connectError error: any Error) {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            self = .timeout
        } else if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED: self = .refused
            case ETIMEDOUT: self = .timeout
            case ECONNRESET, ECONNABORTED, EPIPE: self = .reset(String(cString: strerror(ioError.errnoCode)))
            default: self = .unreachable(String(cString: strerror(ioError.errnoCode)))
            }
        } else {
            // Never a Swift type's own description: that is no words for a user.
            self = .unreachable("the connection could not be made")
        }
    }
}
