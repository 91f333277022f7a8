internal import CSMTPProbeUnbound
internal import NIOConcurrencyHelpers
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
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
    /// What DNSSEC validation said; always insecure on a context without trust anchors.
    var security: DNSSECState = .insecure
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
    /// The `ub_ctx`, for ``UnboundAsyncLookups``, which drives it in asynchronous mode.
    let context: OpaquePointer
    private let asked = NIOLockedValueBox(0)

    /// A resolver that asks `server` (forwarding every query to it), or the servers of
    /// /etc/resolv.conf when `server` is nil. With `trustAnchorFiles` it validates DNSSEC from
    /// those anchors; without, it validates nothing and every answer is insecure: the probe's
    /// own lookups stay that way, since a split-horizon or test server with unsigned local
    /// data would otherwise turn bogus and stop a probe that needs no DNSSEC.
    ///
    /// With `asynchronousPorts`, the context is for ``UnboundAsyncLookups``: libunbound
    /// resolves in a thread of its own (`ub_ctx_async(ctx, 1)`, not a forked process) with
    /// one cache and one set of in-flight queries for the whole run, using at most that many
    /// UDP sockets at once (`outgoing-range`) so that its descriptors stay within
    /// ``LookupDescriptors/budget``.
    init(server: DNSServer?, trustAnchorFiles: [String] = [], asynchronousPorts: Int? = nil) throws {
        guard CSMTPProbe_ub_load() == 0 else {
            throw DNSLookupError(reason: CSMTPProbe_ub_load_error().map { String(cString: $0) } ?? "libunbound cannot be loaded")
        }
        guard let context = CSMTPProbe_ub_ctx_create() else {
            // Its pipes are the first descriptors a run's DNS takes: a local limit, not DNS.
            if errno == EMFILE || errno == ENFILE { throw SMTPProbeError.outOfDescriptors(errno, before: "starting the DNS resolver") }
            throw DNSLookupError(reason: "ub_ctx_create failed: \(String(cString: strerror(errno)))")
        }
        self.context = context
        if let ports = asynchronousPorts {
            _ = CSMTPProbe_ub_ctx_async(context, 1)
            _ = CSMTPProbe_ub_ctx_set_option(context, "outgoing-range:", "\(max(1, ports))")
            // Few TCP queries (truncated answers only) on loopback or to a forwarder.
            _ = CSMTPProbe_ub_ctx_set_option(context, "outgoing-num-tcp:", "2")
            // Every query of the run may be in flight at once; past this libunbound's worker
            // would drop the oldest ones and answer SERVFAIL (memory only, not descriptors).
            _ = CSMTPProbe_ub_ctx_set_option(context, "num-queries-per-thread:", "8192")
        }
        // A test or split-horizon server on loopback is a legitimate choice here.
        _ = CSMTPProbe_ub_ctx_set_option(context, "do-not-query-localhost:", "no")
        if let server {
            let status = CSMTPProbe_ub_ctx_set_fwd(context, "\(server.address)@\(server.port)")
            guard status == 0 else {
                throw DNSLookupError(reason: "cannot use DNS server \(server): \(String(cString: CSMTPProbe_ub_strerror(status)))")
            }
            // `test.` is a built-in local zone of libunbound (RFC 6761: every name NXDOMAIN);
            // a server named on purpose is asked about it like any other name.
            _ = CSMTPProbe_ub_ctx_set_option(context, "local-zone:", "test. transparent")
        } else {
            // Without a resolv.conf libunbound resolves from the root servers itself.
            _ = CSMTPProbe_ub_ctx_resolvconf(context, nil)
        }
        for file in trustAnchorFiles {
            // libunbound reads the file only at the first query and then fails every query
            // alike: a missing or unreadable file is told here, by name.
            guard access(file, R_OK) == 0 else {
                throw DNSLookupError(reason: "cannot read the trust-anchor file \(file): \(String(cString: strerror(errno)))")
            }
            let status = CSMTPProbe_ub_ctx_add_ta_file(context, file)
            guard status == 0 else {
                throw DNSLookupError(reason: "cannot use the trust-anchor file \(file): \(String(cString: CSMTPProbe_ub_strerror(status)))")
            }
        }
    }

    deinit { CSMTPProbe_ub_ctx_delete(context) }

    /// How many queries this context has been given (`ub_resolve` calls), answered or not.
    var queriesAsked: Int { asked.withLockedValue { $0 } }

    /// `ub_resolve` for one name and record type, blocking until libunbound answers.
    /// Throws ``SMTPProbeError/Code/localResourceLimit`` when too few descriptors are free
    /// for libunbound (see ``LookupDescriptors``), ``DNSLookupError`` when libunbound fails.
    func resolve(_ name: String, type: Int32) throws -> DNSAnswer {
        try LookupDescriptors.withSlot(host: name) { try resolveNow(name, type: type) }
    }

    /// Counts one query handed to libunbound (``queriesAsked``).
    func countQuery() { asked.withLockedValue { $0 += 1 } }

    private func resolveNow(_ name: String, type: Int32) throws -> DNSAnswer {
        var result: UnsafeMutablePointer<ub_result>?
        countQuery()
        let status = CSMTPProbe_ub_resolve(context, name, type, 1 /* IN */, &result)
        guard status == 0, let result else {
            throw DNSLookupError(reason: String(cString: CSMTPProbe_ub_strerror(status)))
        }
        defer { CSMTPProbe_ub_resolve_free(result) }
        return Self.copy(result.pointee)
    }

    /// The answer in `answer`, copied out of libunbound's memory (freed by the caller).
    static func copy(_ answer: ub_result) -> DNSAnswer {
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
        let security: DNSSECState = answer.secure != 0 ? .secure
            : answer.bogus != 0 ? .bogus(reason: answer.why_bogus.map { String(cString: $0) } ?? "no reason given")
            : .insecure
        return DNSAnswer(rcode: answer.rcode, nxdomain: answer.nxdomain != 0, records: records,
                         canonicalName: canonical, security: security)
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
