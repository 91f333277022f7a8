internal import NIOCore

/// Cuts the bytes of a connection into lines, however TCP split them into segments.
///
/// The cap is on the line without its line ending, the same for a complete line and for one
/// still coming: a CR that waits for its LF in the next segment does not count against it, so
/// a line exactly at the cap is accepted whichever way it was split.
struct LineFramer {
    /// The longest line accepted, without CRLF.
    let maximumLineLength: Int
    /// Received and not yet taken as lines.
    private(set) var pending: ByteBuffer?

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Why no line could be taken.
    enum Failure: Error, Hashable {
        case lineTooLong(limit: Int)
    }

    /// Adds received bytes.
    mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        if pending == nil {
            pending = bytes
        } else {
            pending!.writeBuffer(&bytes)
        }
    }

    /// The next complete line without its line ending (LF or CRLF), nil when none is complete
    /// yet. Throws when the line (complete or not) is already longer than the cap.
    mutating func nextLine() throws(Failure) -> [UInt8]? {
        guard var buffer = pending else { return nil }
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            let waitingCR = buffer.readableBytesView.last == UInt8(ascii: "\r") ? 1 : 0
            if buffer.readableBytes - waitingCR > maximumLineLength {
                throw .lineTooLong(limit: maximumLineLength)
            }
            return nil
        }
        var line = buffer.readBytes(length: newline - buffer.readerIndex + 1)!
        line.removeLast()
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        pending = buffer.readableBytes > 0 ? buffer : nil
        guard line.count <= maximumLineLength else { throw .lineTooLong(limit: maximumLineLength) }
        return line
    }

    /// Whatever was received and not yet taken, which is then forgotten.
    mutating func takeRest() -> ByteBuffer? {
        defer { pending = nil }
        return pending.flatMap { $0.readableBytes > 0 ? $0 : nil }
    }
}
