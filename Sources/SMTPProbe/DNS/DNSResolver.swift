#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// An MX record: where mail for a domain goes, lower preference first.
public struct MXRecord: Codable, Hashable, Sendable {
    public var preference: Int
    /// The mail server's name, lower case, without the trailing dot; `.` for a null MX.
    public var exchange: String

    /// Parses MX RDATA: a 16-bit preference, then the exchange's name.
    init?(rdata: [UInt8]) {
        guard rdata.count >= 3, let exchange = DNSName.read(rdata, at: 2) else { return nil }
        preference = Int(rdata[0]) << 8 | Int(rdata[1])
        self.exchange = exchange
    }

    init(preference: Int, exchange: String) {
        self.preference = preference
        self.exchange = exchange
    }
}

extension MXRecord {
    /// The null MX of RFC 7505: the exchange is the root, `.`.
    var isNull: Bool { exchange == "." }
}

/// What an MX lookup found.
enum MXLookup: Sendable {
    /// The domain's MX records, in preference order (equal preferences by name).
    case records([MXRecord])
    /// RFC 7505: the domain's only MX records are `0 .`; it says it accepts no mail. A null
    /// MX beside other records is no null MX (RFC 7505 §3 defines it as the only one): those
    /// come as `records`, with the `0 .` among them.
    case nullMX
    /// The domain exists but has no MX records: mail goes to its own address (RFC 5321 §5.1).
    case noMX
    case failed(DNSFailure)
}

/// The addresses of a host, and the name it is an alias of, if it is one.
struct AddressLookup: Sendable {
    var resolution: Resolution
    var canonicalName: String?
}

/// Looks up MX records, and addresses when a DNS server is named, through libunbound.
final class DNSResolver: Sendable {
    let server: DNSServer?
    private let context: UnboundContext

    init(server: DNSServer?) throws {
        self.server = server
        do {
            context = try UnboundContext(server: server)
        } catch let error as DNSLookupError {
            throw SMTPProbeError(.dnsSetupFailed, error.reason)
        }
    }

    private static let typeA: Int32 = 1, typeMX: Int32 = 15, typeAAAA: Int32 = 28

    /// The A and AAAA addresses of `host`.
    func addresses(of host: String, port: Int, timeout: Double) async -> AddressLookup {
        let context = self.context
        return await BlockingLookup.run(
            timeout: timeout,
            onTimeout: AddressLookup(resolution: .failed(.temporary(host: host, reason: .noAnswer(seconds: timeout)))),
            onError: { AddressLookup(resolution: .failed(.temporary(host: host, reason: .resolver("\($0)")))) }
        ) {
            do {
                let v4 = try context.resolve(host, type: Self.typeA)
                let v6 = try context.resolve(host, type: Self.typeAAAA)
                let alias = v4.canonicalName ?? v6.canonicalName
                if v4.nxdomain || v6.nxdomain { return AddressLookup(resolution: .failed(.nxdomain(host: host))) }
                let addresses = v4.records.compactMap(Self.ipv4) + v6.records.compactMap(Self.ipv6)
                let sockets = addresses.compactMap { try? SocketAddress(ipAddress: $0, port: port) }
                // One family failing (a SERVFAIL for AAAA, say) does not hide the other's
                // addresses, as getaddrinfo would not either.
                if sockets.isEmpty, let failure = Self.serverFailure(v4, host: host) ?? Self.serverFailure(v6, host: host) {
                    return AddressLookup(resolution: .failed(failure), canonicalName: alias)
                }
                return AddressLookup(resolution: sockets.isEmpty ? .failed(.noAddress(host: host)) : .addresses(sockets),
                                     canonicalName: alias)
            } catch let error as DNSLookupError {
                return AddressLookup(resolution: .failed(.temporary(host: host, reason: .resolver(error.reason))))
            } catch {
                return AddressLookup(resolution: .failed(.temporary(host: host, reason: .resolver("\(error)"))))
            }
        }
    }

    /// The MX records of `domain`.
    func mx(of domain: String, timeout: Double) async -> MXLookup {
        let context = self.context
        return await BlockingLookup.run(
            timeout: timeout,
            onTimeout: .failed(.temporary(host: domain, reason: .noAnswer(seconds: timeout))),
            onError: { .failed(.temporary(host: domain, reason: .resolver("\($0)"))) }
        ) {
            do {
                let answer = try context.resolve(domain, type: Self.typeMX)
                if answer.nxdomain { return .failed(.nxdomain(host: domain)) }
                if let failure = Self.serverFailure(answer, host: domain) { return .failed(failure) }
                let records = answer.records.compactMap(MXRecord.init(rdata:))
                if records.isEmpty { return answer.records.isEmpty ? .noMX : .failed(.temporary(host: domain, reason: .malformedMX)) }
                if records.allSatisfy(\.isNull) { return .nullMX }
                return .records(records.sorted { ($0.preference, $0.exchange) < ($1.preference, $1.exchange) })
            } catch let error as DNSLookupError {
                return .failed(.temporary(host: domain, reason: .resolver(error.reason)))
            } catch {
                return .failed(.temporary(host: domain, reason: .resolver("\(error)")))
            }
        }
    }

    /// SERVFAIL, REFUSED and the like: the server could not answer, which may pass.
    private static func serverFailure(_ answer: DNSAnswer, host: String) -> DNSFailure? {
        guard answer.rcode != 0, !answer.nxdomain else { return nil }
        let names: [Int32: String] = [1: "FORMERR", 2: "SERVFAIL", 4: "NOTIMP", 5: "REFUSED"]
        return .temporary(host: host, reason: .serverAnswered(names[answer.rcode] ?? "rcode \(answer.rcode)"))
    }

    private static func ipv4(_ rdata: [UInt8]) -> String? {
        rdata.count == 4 ? rdata.map(String.init).joined(separator: ".") : nil
    }

    private static func ipv6(_ rdata: [UInt8]) -> String? {
        guard rdata.count == 16 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = rdata.withUnsafeBytes { bytes in inet_ntop(AF_INET6, bytes.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        return ok ? String(cString: buffer) : nil
    }
}

/// Why a name could not be looked up: a fact of DNS, which the DNS checks judge.
enum DNSFailure: Hashable, Sendable {
    /// The name does not exist (NXDOMAIN).
    case nxdomain(host: String)
    /// The name exists but has no address of the kind asked for.
    case noAddress(host: String)
    /// The lookup failed for now: a server error, no answer, or the resolver's own failure.
    case temporary(host: String, reason: DNSFailureReason)
}

/// Why a DNS lookup failed for now. The words of the system or of
/// libunbound stay as they came; what smtp-probe itself observed is said in the report's language.
enum DNSFailureReason: Hashable, Sendable {
    /// No answer within this many seconds.
    case noAnswer(seconds: Double)
    /// The server answered with this error code: SERVFAIL, REFUSED, ...
    case serverAnswered(String)
    /// MX records whose data could not be read.
    case malformedMX
    /// The resolver's own words.
    case resolver(String)
}
