/// What a TXT lookup found: a fact of DNS, which the mail-policy checks (SPF, DMARC, DKIM,
/// TLS-RPT) read records from.
enum TXTLookup: Hashable, Sendable {
    /// Each TXT record of the name, its character-strings joined without separators as
    /// RFC 7208 §3.3 (and RFC 6376 §3.6.2.2, RFC 7489 §6.1) say they are read.
    case records([String])
    /// The name exists but has no TXT record (NOERROR with an empty answer).
    case nodata
    /// The name does not exist (NXDOMAIN).
    case nxdomain
    /// No answer could be had: SERVFAIL, REFUSED, a timeout, the resolver's own failure.
    case failure(DNSFailureReason)

    /// RFC 7208 §4.6.4's "void lookup": an answer that says there is nothing.
    var isVoid: Bool {
        switch self {
        case .nodata, .nxdomain: true
        case .records, .failure: false
        }
    }
}

extension DNSResolver {
    private static let typeTXT: Int32 = 16

    /// The TXT records of `name`.
    func txt(of name: String, timeout: Double) async -> TXTLookup {
        let context = context
        return await BlockingLookup.run(
            timeout: timeout,
            onTimeout: .failure(.noAnswer(seconds: timeout)),
            onError: { .failure(.resolver("\($0)")) }
        ) {
            do {
                let answer = try context.resolve(name, type: Self.typeTXT)
                if answer.nxdomain { return .nxdomain }
                if let failure = Self.serverFailure(answer, host: name), case .temporary(_, let reason) = failure {
                    return .failure(reason)
                }
                if answer.records.isEmpty { return .nodata }
                let texts = answer.records.map(Self.joinedCharacterStrings)
                // libunbound checks a record's length but not the strings inside it. Said in
                // the resolver's words so that DNSFailureReason, shared with the route checks,
                // keeps its cases.
                if texts.contains(nil) { return .failure(.resolver("a TXT record of \(name) is malformed")) }
                return .records(texts.compactMap { $0 })
            } catch let error as DNSLookupError {
                return .failure(.resolver(error.reason))
            } catch {
                return .failure(.resolver("\(error)"))
            }
        }
    }

    /// TXT RDATA is one or more character-strings, each a length byte and that many bytes;
    /// a record is read as their concatenation. Nil when a length runs past the end.
    static func joinedCharacterStrings(_ rdata: [UInt8]) -> String? {
        var bytes: [UInt8] = []
        var index = 0
        while index < rdata.count {
            let length = Int(rdata[index])
            index += 1
            guard index + length <= rdata.count else { return nil }
            bytes += rdata[index..<index + length]
            index += length
        }
        // Policy records are ASCII; any other byte reads as U+FFFD, which no parser accepts.
        return String(decoding: bytes, as: UTF8.self)
    }
}
