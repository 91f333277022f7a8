internal import NIOCore

#if canImport(Glibc)
import Glibc

/// Acknowledges every segment at once (Linux `TCP_QUICKACK`), so that a server with Nagle's
/// algorithm on never waits for our delayed ACK before it answers.
///
/// Why: right after the TLS 1.3 handshake Postfix (like most servers) sends its session
/// tickets, then answers our EHLO. The tickets carry no reply, so Linux delays its ACK for up
/// to 40 ms, and the server's Nagle holds the EHLO reply until that ACK comes: about one probe
/// in four stalled for ~40 ms there. `TCP_QUICKACK` is not sticky (the kernel drops back to
/// delayed ACKs on its own), so it is set again on each read; setting it also sends an ACK
/// that is pending. It sits first in the pipeline so that it sees the ciphertext too.
final class QuickAckHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Only a hint: a socket that refuses it just keeps delayed ACKs.
        try? context.channel.syncOptions?.setOption(.tcpOption(.init(rawValue: CInt(TCP_QUICKACK))), value: 1)
        context.fireChannelRead(data)
    }
}
#else
/// Delayed-ACK tuning is Linux-only; elsewhere this passes data through untouched.
final class QuickAckHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
}
#endif
