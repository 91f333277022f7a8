/// A public key's algorithm and size.
public struct PublicKeyInfo: Codable, Hashable, Sendable {
    public enum Algorithm: String, Codable, Sendable {
        case rsa = "RSA", ec = "EC", eddsa = "EdDSA", dsa = "DSA", unknown
    }

    public var algorithm: Algorithm
    public var bits: Int
    /// The curve of an EC key, e.g. `prime256v1`.
    public var curve: String?

    /// e.g. `RSA 2048` or `EC 256 (prime256v1)`.
    public var label: String {
        var text = "\(algorithm.rawValue) \(bits)"
        if let curve { text += " (\(curve))" }
        return text
    }
}
