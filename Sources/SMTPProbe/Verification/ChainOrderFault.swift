/// Why the certificates of a file are out of order, for `cert.chain_order`.
enum ChainOrderFault: Hashable, Sendable {
    /// The server's own certificate is at this position (from 0, as reports number
    /// certificates), not first.
    case leafAt(Int)
    /// The certificate at `position + 1` did not issue the one at `position` (from 0).
    case notIssuer(position: Int)
}
