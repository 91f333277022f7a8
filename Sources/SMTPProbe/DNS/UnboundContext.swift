internal import CSMTPProbeUnbound
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One answer from the resolver, copied out of libunbound's result.
struct DNSAnswer: Sendable {
    /// The DNS response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...).
    var rcode: Int32
    var nxdomain: Bool
    /// The RDATA of each record of the asked type, uncompressed, as on the wire.
    var records: [[UInt8]]
    /// The name the answer is for after following CNAMEs; nil when no alias was followed.
    var canonicalName: String?
}

/// A failure of the resolver itself, not an answer from DNS (a timeout, no server reachable).
struct DNSLookupError: Error, Sendable {
    var reason: String
}

/// A libunbound resolver context (`ub_ctx_create`), freed with `ub_ctx_delete`; libunbound
/// itself is opened on first use (see CSMTPProbeUnbound.h).
///
/// libunbound's functions are thread-safe, so one context serves every lookup of a run; a
/// blocking `ub_resolve` is called from a thread pool, never from an event loop.
final class UnboundContext: @unchecked Sendable {
    private let context: OpaquePointer

    /// A resolver that asks `server` (forwarding every query to it), or the servers of
    /// /etc/resolv.conf when `server` is nil.
    init(server: DNSServer?) throws {
        guard CSMTPProbe_ub_load() == 0 else {
            throw DNSLookupError(reason: CSMTPProbe_ub_load_error().map { String(cString: $0) } ?? "libunbound cannot be loaded")
        }
        guard let context = CSMTPProbe_ub_ctx_create() else { throw DNSLookupError(reason: "ub_ctx_create failed") }
        self.context = context
        // A test or split-horizon server on loopback is a legitimate choice here.
        _ = CSMTPProbe_ub_ctx_set_option(context, "do-not-query-localhost:", "no")
        if let server {
            let status = CSMTPProbe_ub_ctx_set_fwd(context, "\(server.address)@\(server.port)")
            guard status == 0 else {
                throw DNSLookupError(reason: "cannot use DNS server \(server): \(String(cString: CSMTPProbe_ub_strerror(status)))")
            }
        } else {
            // Without a resolv.conf libunbound resolves from the root servers itself.
            _ = CSMTPProbe_ub_ctx_resolvconf(context, nil)
        }
    }

    deinit { CSMTPProbe_ub_ctx_delete(context) }

    /// `ub_resolve` for one name and record type, blocking until libunbound answers.
    func resolve(_ name: String, type: Int32) throws -> DNSAnswer {
        var result: UnsafeMutablePointer<ub_result>?
        let status = CSMTPProbe_ub_resolve(context, name, type, 1 /* IN */, &result)
        guard status == 0, let result else {
            throw DNSLookupError(reason: String(cString: CSMTPProbe_ub_strerror(status)))
        }
        defer { CSMTPProbe_ub_resolve_free(result) }
        let answer = result.pointee
        var records: [[UInt8]] = []
        if answer.havedata != 0, let data = answer.data, let lengths = answer.len {
            var index = 0
            while let record = data[index] {
                let length = Int(lengths[index])
                records.append(record.withMemoryRebound(to: UInt8.self, capacity: length) {
                    Array(UnsafeBufferPointer(start: $0, count: length))
                })
                index += 1
            }
        }
        var canonical: String?
        if let canonname = answer.canonname, let qname = answer.qname {
            let alias = String(cString: canonname), asked = String(cString: qname)
            if HostName(alias) != HostName(asked) { canonical = HostName(alias).normalised }
        }
        return DNSAnswer(rcode: answer.rcode, nxdomain: answer.nxdomain != 0, records: records,
                         canonicalName: canonical)
    }
}

/// A DNS server to ask instead of the system's: `--dns-server ADDR[:PORT]`.
public struct DNSServer: Hashable, Sendable, CustomStringConvertible {
    public var address: String
    public var port: Int

    /// Parses `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53` or `[2001:db8::53]:5353`; the
    /// server must be an IP address, since there is no resolver yet to look a name up with.
    public init(parsing text: String) throws {
        let target = try ProbeTarget(parsing: text, defaultPort: 53)
        guard target.hostIsAddress else {
            throw SMTPProbeError(.invalidOption, "--dns-server must be an IP address, optionally with :port (got \"\(text.echoedInError)\")")
        }
        address = target.host
        port = target.port
    }

    public var description: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }
}

/// DNS names in wire format, as libunbound hands them over.
enum DNSName {
    /// Reads an uncompressed wire-format name from `bytes` at `offset` (RDATA as libunbound
    /// hands it over); nil when it is malformed or runs past the end.
    static func read(_ bytes: [UInt8], at offset: Int) -> String? {
        var labels: [String] = []
        var index = offset
        var total = 0
        while index < bytes.count {
            let length = Int(bytes[index])
            index += 1
            if length == 0 { return labels.isEmpty ? "." : labels.joined(separator: ".") }
            // Compression pointers (top bits set) have no place in uncompressed RDATA.
            guard length < 64, index + length <= bytes.count else { return nil }
            total += length + 1
            guard total <= 255 else { return nil }
            labels.append(presentation(bytes[index..<index + length]))
            index += length
        }
        return nil
    }

    /// A label in DNS's presentation format (RFC 1035 5.1), lower-cased: every byte but a
    /// letter, digit, "-" or "_" as `\DDD`. A name from DNS then reads as itself, unambiguous
    /// (`mx\046test` is one label, not the two of `mx.test`), never with a control character
    /// for a terminal to obey, and libunbound looks up the very same name from it.
    private static func presentation(_ label: ArraySlice<UInt8>) -> String {
        var text = ""
        for byte in label {
            let lower = (0x41...0x5A).contains(byte) ? byte + 32 : byte
            // The bytes a host name is made of (the set hostname matching accepts), but a dot:
            // inside a label it must be told from the dots between labels.
            if lower != UInt8(ascii: "."), HostName.isHostNameByte(lower) {
                text.unicodeScalars.append(Unicode.Scalar(lower))
            } else {
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }
}
