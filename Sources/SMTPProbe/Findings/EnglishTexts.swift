#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Findings and remedies in English, written as one mail admin would explain them to another.
struct EnglishTexts: FindingTexts {
    let consoleCouldNotVerify = "could not verify certificate"

    func phaseName(_ phase: SMTPPhase) -> String {
        switch phase {
        case .connect: "connecting"
        case .greeting: "the greeting"
        case .ehlo: "EHLO"
        case .helo: "HELO"
        case .starttls: "STARTTLS"
        case .handshake: "the TLS handshake"
        case .ehloAfterTLS: "EHLO after TLS"
        case .quit: "QUIT"
        }
    }

    func routeOptionName(_ option: RouteOption) -> String {
        switch option {
        case .requireTLS: "Require secure transport (TLS)"
        case .requireCASigned: "Require CA signed certificate"
        case .validateHostname: "Validate certificate hostname"
        }
    }

    private func which(_ reference: CertificateReference) -> String {
        switch reference.position {
        case 0?: "The server's own certificate (\(reference.subject))"
        case let position?: "Certificate #\(position) of the chain the server sent (\(reference.subject))"
        case nil: "The CA certificate \(reference.subject) from the trust store"
        }
    }

    /// ``which(_:)`` inside a sentence.
    private func inline(_ reference: CertificateReference) -> String {
        let phrase = which(reference)
        return phrase.prefix(1).lowercased() + phrase.dropFirst()
    }

    func message(for issue: Problem) -> String {
        switch issue {
        case .dnsNXDomain(let host): "\(host) does not exist in DNS (NXDOMAIN)"
        case .dnsNoAddress(let host): "\(host) exists in DNS but has no A or AAAA record"
        case .dnsTemporaryFailure(let host, _): "DNS lookup of \(host) failed temporarily"
        case .connectRefused(let address, let port): "Connection to \(address) port \(port) refused"
        case .connectTimeout(let address, let port, let seconds):
            "No answer from \(address) port \(port) within \(Self.seconds(seconds))"
        case .connectUnreachable(let address, let port, _): "\(address) port \(port) is unreachable"
        case .greetingRejected(let reply): "The server refuses this client: \(reply.code) \(reply.lines.first ?? "")"
        case .ehloRejected(let reply): "The server refuses EHLO and HELO: \(reply.code) \(reply.lines.first ?? "")"
        case .unavailable(let reply, _): "The server is temporarily unavailable: \(reply.code) \(reply.lines.first ?? "")"
        case .timeout(let phase, let seconds): "The server stopped answering during \(phaseName(phase)) (\(Self.seconds(seconds)))"
        case .protocolError(let phase, _): "The server broke the SMTP protocol during \(phaseName(phase))"
        case .connectionClosed(let phase, _): "The server closed the connection during \(phaseName(phase))"
        case .noESMTP: "The server does not speak ESMTP, so it cannot offer STARTTLS"
        case .starttlsNotOffered: "The server does not offer STARTTLS"
        case .starttlsRejected(let reply): "The server refused STARTTLS: \(reply.code) \(reply.lines.first ?? "")"
        case .starttlsInjection(let bytes, _): "\(bytes) bytes arrived after \"220 ready to start TLS\", before the handshake"
        case .handshakeFailed: "The TLS handshake failed"
        case .clientCertificateRequired: "The server requires a client certificate"
        case .plaintextInsteadOfTLS: "The server answered in plain text, not TLS"
        case .protocolUnsupported: "The server offers no TLS version this client can use (older than TLS 1.0)"
        case .protocolTooOld(let version): "The server speaks only \(version), which is obsolete"
        case .ehloAfterTLSFailed(let reply): "The server refused EHLO after TLS: \(reply.code) \(reply.lines.first ?? "")"
        case .starttlsOfferedAfterTLS: "The server still offers STARTTLS after TLS has started"
        case .expired(let ref, let date): "\(which(ref)) expired on \(FindingCatalog.format(date))"
        case .notYetValid(let ref, let date): "\(which(ref)) is not valid until \(FindingCatalog.format(date))"
        case .expiringSoon(let ref, let date, let days): "\(which(ref)) expires in \(days) days, on \(FindingCatalog.format(date))"
        case .expiringCritical(let ref, let date, let days): "\(which(ref)) expires in \(days) days, on \(FindingCatalog.format(date)): renew it now"
        case .selfSigned: "The server's certificate is self-signed"
        case .untrustedRoot(_, let issuer): "The chain leads to a CA that is not trusted: \(issuer)"
        case .incompleteChain(_, let issuer): "The chain is incomplete: the issuer \(issuer) was not sent"
        case .invalidChain(let ref, let reason):
            ref.map { "The certificate chain is invalid at \(inline($0)): \(reason)" } ?? "The certificate chain is invalid: \(reason)"
        case .hostnameMismatch(let host, _): "The certificate does not name \(host)"
        case .noSAN: "The certificate has no subjectAltName: it names no host at all"
        case .weakKey(let ref, let key): "\(which(ref)) has a weak key (\(key))"
        case .weakSignature(let ref, let algorithm): "\(which(ref)) is signed with a weak algorithm (\(algorithm))"
        case .chainOrder: "The certificates in the file are not in the order a server must send them"
        case .keyMismatch(let file): "The private key in \(file) does not belong to this certificate"
        case .routePortNotAllowed(let port, _): "Port \(port) cannot be used in a Google Workspace route"
        case .dnsNullMX(let domain): "\(domain) publishes a null MX: it accepts no mail"
        case .dnsNoMX(let domain): "\(domain) has no MX records; mail goes to the domain's own address"
        case .dnsMXIsCNAME(let exchange, let canonical): "The MX host \(exchange) is an alias (CNAME) of \(canonical)"
        case .dnsNullMXNotAlone(let domain, let hosts):
            "\(domain) publishes a null MX (\"0 .\") beside \(hosts.count) other MX \(hosts.count == 1 ? "host" : "hosts")"
        case .dnsUnusableAddress(let host, let address): "DNS gives \(host) the address \(address), which no mail server can have"
        case .dnsMXHostsNotProbed(let domain, let probed, let leftOut):
            "\(domain) has \(probed + leftOut.count) MX hosts: the first \(probed) were probed, \(leftOut.count) were not"
        case .routeNameMissing(let position): "Route #\(position) has no name"
        case .routeNoHosts(let route): "Route \"\(route)\" names no host"
        case .routeLoadsNot100(let table, let total, let missing, let outOfRange):
            outOfRange ? "A \(table.rawValue) host's load is outside 0 – 100 %"
                : missing > 0 ? "\(missing) of the \(table.rawValue) hosts \(missing == 1 ? "has" : "have") no load"
                : "The \(table.rawValue) hosts' loads add up to \(total) %, not 100 %"
        case .routeInvalidHost(let entry, _): "\"\(entry)\" is not a host a route can use"
        case .deadlineExceeded(let seconds): "The run's overall deadline (\(Self.seconds(seconds))) passed before this target's probe ended"
        }
    }

    func detail(for issue: Problem) -> String? {
        switch issue {
        case .dnsNXDomain:
            "The name is not in DNS at all. Check its spelling in the route, and that the zone is published."
        case .dnsNoAddress:
            "A route's host must resolve to an address. An MX record alone is not enough unless the route uses MX lookup."
        case .dnsTemporaryFailure(_, let reason):
            "The resolver said: \(dnsFailure(reason)). Gmail will retry such a failure, but a persistent one means the zone's name servers are not answering."
        case .connectRefused:
            "Something answered at that address, but nothing listens on the port: the mail server is down, listens elsewhere, or a firewall rejects the connection."
        case .connectTimeout:
            "Packets to the port go unanswered: usually a firewall dropping them, or the wrong address."
        case .connectUnreachable(_, _, let reason):
            "The network said: \(reason)."
        case .greetingRejected(let reply), .ehloRejected(let reply):
            "The server's words: \(reply.description.replacing("\n", with: " / ")). Gmail's servers would be refused the same way if their addresses are not allowed."
        case .unavailable(let reply, let phase):
            reply.code == 421
                ? "The server answered 421 during \(phaseName(phase)): it is overloaded, shutting down, or limiting connections from this address."
                : "The server answered \(reply.code) to \(phaseName(phase)), a temporary refusal: it may be greylisting, rate-limiting this address, or short of resources."
        case .timeout(let phase, _):
            phase == .handshake
                ? "The server accepted STARTTLS but did not complete the handshake. A firewall or appliance inspecting SMTP often does this."
                : "Each step has a deadline; the server did not finish its reply to \(phaseName(phase)) in time."
        case .protocolError(_, let fault):
            "It sent \(protocolFault(fault)). A sending server would give up here too."
        case .connectionClosed(_, let detail):
            detail.map { "The connection ended with: \($0)." } ?? "The connection ended without a reply."
        case .noESMTP(let reply):
            "EHLO was answered with \(reply.code) and HELO was accepted: this is a plain SMTP server (RFC 821), and STARTTLS needs ESMTP."
        case .starttlsNotOffered(let extensions):
            "The EHLO reply lists: \(extensions.isEmpty ? "nothing" : extensions.joined(separator: ", ")). Without STARTTLS the route cannot use TLS. If STARTTLS is configured, a firewall or appliance may be removing it from the reply."
        case .starttlsRejected(let reply):
            "The server advertises STARTTLS but answered \(reply.description.replacing("\n", with: " / ")). Usually its certificate or key cannot be loaded."
        case .starttlsInjection(_, let preview):
            "The bytes were: \"\(preview)\". They were discarded, as a correct client must. Nothing may come between that 220 and the handshake: plaintext there comes from a broken server or SMTP proxy, or from someone on the path injecting replies that a vulnerable client would take as sent inside TLS (STARTTLS response injection)."
        case .handshakeFailed(let reasons):
            "OpenSSL said: \(reasons.isEmpty ? "the connection closed during the handshake" : reasons.joined(separator: "; "))."
        case .clientCertificateRequired(let reasons):
            "It asked for a client certificate and ended the handshake when none came (OpenSSL: \(reasons.joined(separator: "; "))). smtp-probe sends none; a server that makes one mandatory refuses every sender without a certificate it knows. Mail servers usually only ask for one (Postfix: smtpd_tls_ask_ccert) and require it (smtpd_tls_req_ccert) only where known clients connect."
        case .plaintextInsteadOfTLS(let preview, let afterSTARTTLS):
            afterSTARTTLS
                ? "After its 220 reply to STARTTLS, it answered the TLS handshake in plain text: \"\(preview)\". A firewall or SMTP proxy that does not understand STARTTLS often does this; so does a server whose TLS is not set up."
                : "Where the TLS handshake should begin, it sent: \"\(preview)\". A server that greets in plain text on this port expects STARTTLS (--tls starttls); TLS from the first byte is for port 465."
        case .protocolUnsupported(let reasons):
            "The server proposed SSL 3.0 or older, or refused every version from TLS 1.0 to TLS 1.3 (OpenSSL: \(reasons.joined(separator: "; ")))."
        case .protocolTooOld:
            "TLS 1.0 and 1.1 are deprecated (RFC 8996); current TLS libraries refuse them at their default settings, so mail to this server may be refused or sent in clear."
        case .starttlsOfferedAfterTLS:
            "Its EHLO reply inside TLS lists STARTTLS again, which RFC 3207 §4.2 forbids. Careful senders ignore it and deliver; a sender that takes the offer fails on a second STARTTLS."
        case .ehloAfterTLSFailed:
            "After TLS the client must start over with EHLO; a server that refuses it cannot take mail over TLS."
        case .expired, .notYetValid:
            "A certificate outside its validity period is not trusted, whoever issued it."
        case .expiringSoon:
            "Renew it before then, or the route's test and mail delivery will start failing on that day."
        case .expiringCritical:
            "The console's test still passes, but the expiry is within the critical limit set for this check. On that day the route's test and mail delivery start failing."
        case .selfSigned:
            "Nobody vouches for a self-signed certificate; with \"Require CA signed certificate\" on, Gmail will not deliver to it."
        case .untrustedRoot(let ref, let issuer):
            (ref.subject == issuer
                ? "The chain ends at \(inline(ref)), a root CA that this trust store does not trust."
                : "The chain ends at \(inline(ref)), issued by \(issuer), a CA that this trust store does not trust.")
                + " This is typical of a private or internal CA, which Google does not trust either."
        case .incompleteChain(_, let issuer):
            "The server sent its own certificate but not the intermediate CA certificate that links it to a trusted root (\(issuer)). Clients do not fetch missing intermediates. If \(issuer) is a private CA, the certificate cannot be trusted at all."
        case .invalidChain(let ref, _):
            ref.map { "OpenSSL could not validate the chain at \(inline($0)) for this reason." }
                ?? "OpenSSL could not validate the chain for this reason."
        case .hostnameMismatch(let host, let names):
            names.isEmpty
                ? "The route host is \(host); the certificate names no host name that could match."
                : "The route host is \(host); the certificate names: \(names.joined(separator: ", "))."
                    + (names.contains { $0.hasPrefix("*.") } ? " A wildcard stands for exactly one label." : "")
        case .noSAN(let host, let commonNames, let cnWouldMatch):
            "Host names belong in the subjectAltName extension; the subject CN (\(commonNames.joined(separator: ", "))) is not used for matching (RFC 9525)." + (cnWouldMatch ? " Older clients that fall back to the CN would accept it for \(host); Gmail's check does not." : "")
        case .weakKey:
            "Keys under 2048 bits (RSA) or 224 bits (EC) are refused by current TLS libraries."
        case .weakSignature:
            "SHA-1 and MD5 signatures can be forged and are refused by current TLS libraries."
        case .chainOrder(let fault):
            "In this file \(chainOrder(fault)). The server's own certificate comes first, then the certificate that issued it, and so on."
        case .dnsNullMX:
            "Its only MX record is \"0 .\" (RFC 7505). Mail routed to it with MX lookup bounces at once."
        case .dnsNoMX:
            "Senders, Gmail included, then deliver to its A/AAAA address (RFC 5321 §5.1). That works, but an MX record says where mail goes on purpose."
        case .dnsMXIsCNAME:
            "RFC 5321 §5.1 and RFC 2181 §10.3 require an MX to name a host's own name, not an alias; some senders refuse such an MX. The certificate is checked against the MX name, as Gmail checks it."
        case .dnsNullMXNotAlone(_, let hosts):
            "RFC 7505 §3: a domain with a null MX must have no other MX record. A sender that follows it sees no null MX here, finds no address for \".\" and goes on to \(hosts.joined(separator: ", ")), which are probed; a sender that takes \"0 .\" to mean \"no mail\" bounces the mail instead."
        case .dnsUnusableAddress(_, let address):
            "\(address) is in 0.0.0.0/8 or is \"::\": not an address on the network. A connection to it reaches the machine that makes it, so smtp-probe does not connect; Gmail cannot deliver there either."
        case .dnsMXHostsNotProbed(_, let probed, let leftOut):
            "At most \(probed) MX hosts are probed for one domain, in preference order, as senders also try only a few. Not probed: \(leftOut.joined(separator: ", "))."
        case .routeNameMissing:
            "The console refuses to save a route without a name."
        case .routeNoHosts:
            "A route needs at least one host, by name or address."
        case .routeLoadsNot100(let table, _, _, _):
            "The console requires a load for each \(table.rawValue) host, each from 0 to 100 %, adding up to exactly 100 (a table of one host may leave it out)."
        case .routeInvalidHost(_, let reason):
            invalidHost(reason)
        case .routePortNotAllowed(let port, _):
            port == 465
                ? "Port 465 speaks TLS from the first byte (implicit TLS). The SMTP relay service accepts it from your servers, but a route's host must take STARTTLS on port 25, 587 or 1024-65535."
                : "A route's port must be 25, 587 or in the range 1024-65535."
        case .keyMismatch:
            "A server configured with this pair fails to start TLS, and then offers no STARTTLS or refuses it."
        case .deadlineExceeded:
            "Nothing is known about this target from this run: it was still waiting its turn, or still talking to a slow or stalling server. The other targets' results are not affected."
        }
    }

    func text(for remedy: RemedyKind, routeHost: String) -> String {
        switch remedy {
        case .removeNullMXOrOthers(let domain):
            "Decide whether \(domain) takes mail. If it does, remove its \"0 .\" MX record; if it does not, remove its other MX records and leave \"0 .\" alone."
        case .fixAddressRecord(let host, let address):
            "Remove the record that gives \(host) the address \(address), or replace it with the mail server's real address."
        case .checkDNS(let host):
            "Check the DNS records of \(host): the route needs a name with an A or AAAA record (or turn on MX lookup if the entry is a mail domain)."
        case .checkListening(let port):
            "Make sure the mail server is running and listening on port \(port) on this address, and that no firewall rejects connections to it."
        case .checkFirewall(let port):
            "Allow inbound TCP port \(port) from Google's mail servers in every firewall on the way, and check that the route points at the right address."
        case .allowGoogleSenders:
            "Allow connections from Google Workspace's mail servers on this server (client access rules, allow lists, greylisting exceptions)."
        case .retryLater:
            "Try again later; if it persists, raise the server's connection limits or find out why it is overloaded."
        case .checkResponsiveness(let phase):
            phase == .handshake
                ? "Check for a firewall or appliance that inspects SMTP or TLS between Gmail and the server, and turn that inspection off."
                : "Check the server's load and logs, and any appliance in front of it that may hold connections open."
        case .fixSMTPServer:
            "Look at the server's logs and configuration for this conversation; an SMTP proxy or appliance in front of it is a common cause."
        case .enableSTARTTLS:
            "Turn on STARTTLS on the server with a certificate for \(routeHost) (Postfix: smtpd_tls_security_level = may, smtpd_tls_chain_files = key and full chain), and make sure no appliance strips STARTTLS."
        case .fixSTARTTLS:
            "Check the server's TLS settings and logs: the certificate and key files must exist, be readable, and belong together."
        case .fixInjection:
            "Find what sends data after the 220 reply to STARTTLS: an SMTP proxy, firewall or appliance in front of the server (turn off its SMTP inspection, or update it), or the server itself (update it). If neither does, something on the network path is tampering with the connection."
        case .removeSTARTTLSAfterTLS:
            "Make the server leave STARTTLS out of its EHLO reply once TLS is active. Postfix does so by itself, so with Postfix look for an SMTP proxy or appliance in front of it that rewrites the EHLO reply."
        case .fixTLSConfiguration:
            "Check the server's TLS configuration: certificate and key, protocol versions and ciphers. `openssl s_client -starttls smtp -connect HOST:PORT` on the server's network shows the same failure."
        case .enableModernTLS:
            "Enable TLS 1.2 and TLS 1.3 on the server (Postfix: smtpd_tls_protocols = >=TLSv1.2), upgrading its OpenSSL if necessary."
        case .useCertificateHostname(let names):
            "If the server has several host names, point the route at one that is on its certificate: \(names.joined(separator: ", "))."
        case .serveFullChain(let issuer):
            "Configure the server to send the intermediate certificate(s) after its own, up to but not including the root (here: \(issuer)). Postfix: put the key, the server certificate and the intermediates in the file named by smtpd_tls_chain_files. No new certificate is needed."
        case .renewCertificate(let expired):
            expired
                ? "Renew the certificate with a trusted CA, with \(routeHost) on it, and install it now: the old one has lapsed."
                : "Renew the certificate with a trusted CA, with \(routeHost) on it, and install it before the old one lapses."
        case .checkClock:
            "Check the server's certificate dates and the clock of whoever issued it; if the certificate was issued for a future date, install the current one."
        case .installTrustedCertificate:
            "If you can reach the server, install a new certificate from a trusted public CA with \(routeHost) in its subjectAltName, and serve it with its intermediates."
        case .strongerKey:
            "Issue a new certificate with an RSA key of at least 2048 bits or an ECDSA P-256 key, and install it."
        case .strongerSignature:
            "Have the certificate reissued with a SHA-256 signature, and install it with its current intermediates."
        case .reorderChain:
            "Reorder the file: the server's certificate first, then each intermediate, each followed by the one that issued it."
        case .removeNullMX(let domain):
            "If \(domain) should receive mail, replace its null MX with MX records naming its mail servers; otherwise remove the route or turn off MX lookup and name the mail server itself."
        case .publishMX(let domain):
            "Publish an MX record for \(domain) that names its mail server, or turn off MX lookup and name the mail server in the route."
        case .pointMXAtCanonicalName(let exchange, let canonical):
            "Point the MX record at \(canonical) itself instead of the alias \(exchange), and make sure the certificate names the host the MX names."
        case .nameRoute:
            "Give the route a name."
        case .fixLoads(let table):
            "Give every \(table.rawValue) host a load so that together they add up to 100."
        case .fixRouteHost:
            "Name each host by a DNS name (recommended) or an IP address, optionally with :port."
        case .useRoutePort:
            "For a route, point it at the server's STARTTLS port: 25, 587, or one in 1024-65535."
        case .matchKey:
            "Install the key that was generated with this certificate's request, or have the certificate reissued for this key."
        case .allowMoreTime:
            "Probe this target on its own to see which step stalls, or give the run more time (--deadline) or more targets at once (--concurrency)."
        case .askRelayProvider:
            "If this route goes to a third-party relay or filtering service, send this report to that provider and ask them to act on it."
        case .relaxRouteOptions(let options):
            "Last resort: turn off \(options.map { "\"\(routeOptionName($0))\"" }.joined(separator: " and ")) in the route's settings. Keeping \(options.count == 1 ? "it" : "them") on is strongly recommended: " + options.map(cost).joined(separator: " ") + " A route saved while its test fails is accepted, but mail to it bounces."
        }
    }

    func cost(_ option: RouteOption) -> String {
        switch option {
        case .requireTLS: "without TLS the mail travels in clear text and can be read or altered on the way."
        case .requireCASigned: "without a CA-signed certificate, anyone able to intercept the connection can pose as the server."
        case .validateHostname: "without hostname validation, any server with any CA-signed certificate can receive this mail."
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : cFormat("%.1f s", value)
    }
}
