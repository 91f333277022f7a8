#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import NIOCore
internal import NIOPosix
internal import NIOConcurrencyHelpers

/// The outcome of looking up a host's addresses.
enum Resolution: Sendable {
    case addresses([SocketAddress])
    case failed(DNSFailure)
}

/// Looks up every A and AAAA address of a host, on a thread pool so that the event loops never
/// block.
enum HostResolver {
    /// Resolves `host`, giving up after `timeout` seconds; through `resolver` when one is
    /// given (`--dns-server`), else with the system's `getaddrinfo`, which also reads /etc/hosts.
    /// Throws ``SMTPProbeError/Code/localResourceLimit`` when libunbound had no descriptors.
    static func resolve(host: String, port: Int, timeout: Double, resolver: DNSResolver? = nil) async throws -> Resolution {
        if let address = IPAddress(host), let socketAddress = try? SocketAddress(ipAddress: address.description, port: port) {
            return .addresses([socketAddress])
        }
        if let resolver {
            return try await resolver.addresses(of: host, port: port, timeout: timeout).resolution
        }
        return await BlockingLookup.run(
            timeout: timeout,
            onTimeout: .failed(.temporary(host: host, reason: .noAnswer(seconds: timeout))),
            onError: { .failed(.temporary(host: host, reason: .resolver("\($0)"))) },
            { lookUp(host: host, port: port) })
    }

    private static func lookUp(host: String, port: Int) -> Resolution {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        switch status {
        case 0:
            break
        case EAI_NONAME:
            return .failed(.nxdomain(host: host))
        case glibcEAINoData, glibcEAIAddrFamily:
            return .failed(.noAddress(host: host))
        default:
            return .failed(.temporary(host: host, reason: .resolver(String(cString: gai_strerror(status)))))
        }
        var seen = Set<String>()
        var addresses: [SocketAddress] = []
        var cursor = list
        while let entry = cursor {
            if let sockaddr = entry.pointee.ai_addr,
               let address = try? SocketAddress(sockaddr: sockaddr, family: entry.pointee.ai_family),
               seen.insert(address.ipAddress ?? "").inserted {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        return addresses.isEmpty ? .failed(.noAddress(host: host)) : .addresses(addresses)
    }
}

// glibc's netdb.h defines these only under _GNU_SOURCE, which Swift's Glibc module does not set.
private let glibcEAINoData: Int32 = -5
private let glibcEAIAddrFamily: Int32 = -9

private extension SocketAddress {
    /// `family` is the entry's `ai_family`, not the `sockaddr`'s own `sa_family`: the C
    /// modules of Glibc and SwiftNIO both declare `sockaddr`, and which one the compiler takes
    /// as its home varies between builds, which MemberImportVisibility then reports as an error.
    init(sockaddr: UnsafeMutablePointer<sockaddr>, family: Int32) throws {
        switch family {
        case AF_INET:
            self = sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: "") }
        case AF_INET6:
            self = sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: "") }
        default:
            throw SMTPProbeError(.invalidTarget, "unsupported address family")
        }
    }
}
