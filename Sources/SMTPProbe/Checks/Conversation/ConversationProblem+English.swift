#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The English words of the conversation checks: each problem's message and detail, and each remedy.
extension ConversationProblem {
    var enMessage: String {
        switch self {
        case .connectRefused(let address, let port): "Connection to \(address) port \(port) refused"
        case .connectTimeout(let address, let port, let seconds):
            "No answer from \(address) port \(port) within \(TextFormat.seconds(seconds, .en))"
        case .connectUnreachable(let address, let port, _): "\(address) port \(port) is unreachable"
        case .greetingRejected(let reply): "The server refuses this client: \(reply.code) \(reply.lines.first ?? "")"
        case .ehloRejected(let reply): "The server refuses EHLO and HELO: \(reply.code) \(reply.lines.first ?? "")"
        case .unavailable(let reply, _): "The server is temporarily unavailable: \(reply.code) \(reply.lines.first ?? "")"
        case .timeout(let phase, let seconds): "The server stopped answering during \(phase.name(.en)) (\(TextFormat.seconds(seconds, .en)))"
        case .protocolError(let phase, _): "The server broke the SMTP protocol during \(phase.name(.en))"
        case .connectionClosed(let phase, _): "The server closed the connection during \(phase.name(.en))"
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
        }
    }

    var enDetail: String? {
        switch self {
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
                ? "The server answered 421 during \(phase.name(.en)): it is overloaded, shutting down, or limiting connections from this address."
                : "The server answered \(reply.code) to \(phase.name(.en)), a temporary refusal: it may be greylisting, rate-limiting this address, or short of resources."
        case .timeout(let phase, _):
            phase == .handshake
                ? "The server accepted STARTTLS but did not complete the handshake. A firewall or appliance inspecting SMTP often does this."
                : "Each step has a deadline; the server did not finish its reply to \(phase.name(.en)) in time."
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
                ? "After its go-ahead for TLS (a 220 to STARTTLS; in POP3 and IMAP an OK to STLS or STARTTLS), it answered the TLS handshake in plain text: \"\(preview)\". A firewall or SMTP proxy that does not understand STARTTLS often does this; so does a server whose TLS is not set up."
                : "Where the TLS handshake should begin, it sent: \"\(preview)\". A server that greets in plain text on this port expects STARTTLS or STLS (--tls starttls); TLS from the first byte is for ports 465 (SMTP), 995 (POP3) and 993 (IMAP)."
        case .protocolUnsupported(let reasons):
            "The server proposed SSL 3.0 or older, or refused every version from TLS 1.0 to TLS 1.3 (OpenSSL: \(reasons.joined(separator: "; ")))."
        case .protocolTooOld:
            "TLS 1.0 and 1.1 are deprecated (RFC 8996); current TLS libraries refuse them at their default settings, so mail to this server may be refused or sent in clear."
        case .starttlsOfferedAfterTLS:
            "Its EHLO reply inside TLS lists STARTTLS again, which RFC 3207 §4.2 forbids. Careful senders ignore it and deliver; a sender that takes the offer fails on a second STARTTLS."
        case .ehloAfterTLSFailed:
            "After TLS the client must start over with EHLO; a server that refuses it cannot take mail over TLS."
        }
    }

    /// What broke SMTP, after "It sent".
    private func protocolFault(_ fault: ProtocolFault) -> String {
        switch fault {
        case .unexpectedGreeting(let reply): "an unexpected greeting: \"\(reply)\""
        case .reply(.lineTooLong(let limit)): "a reply line longer than \(limit) bytes"
        case .reply(.tooManyLines(let limit)): "a reply of more than \(limit) lines"
        case .reply(.malformedLine(let line)): "a line that is not an SMTP reply: \"\(line)\""
        case .reply(.inconsistentCode(let expected, let got)):
            "a multi-line reply that changes its code from \(expected) to \(got)"
        case .unexpectedReply(let phase, let reply):
            "\"\(reply)\" in reply to \(phase.name(.en)), which can only be answered with \(phase.expectedReplies) (RFC 5321 §4.3.2): the conversation is out of step"
        case .unsolicited(let phase, let preview):
            "\"\(preview)\" before the client sent \(phase.name(.en)): a reply to nothing, which a client must not take as the answer to its next command"
        }
    }
}

extension ConversationRemedy {
    func enText(routeHost: String) -> String {
        switch self {
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
        case .askRelayProvider:
            SharedRemedy.askRelayProvider.text(.en, routeHost: routeHost)
        }
    }
}
