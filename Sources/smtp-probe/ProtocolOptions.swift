import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// `--protocol` and the opt-in login test. The password is never an argument (a process list
/// shows arguments to every user): it comes from `--password-file` or `SMTP_PROBE_PASSWORD`.
struct ProtocolOptions: ParsableArguments {
    @Option(name: .customLong("protocol"), help: ArgumentHelp("The protocol to speak: smtp (the route test), submission, pop3 or imap. Default port: 25, 587, 995, 993; TLS from the first byte on 465, 995 and 993, STARTTLS/STLS elsewhere.", valueName: "protocol"))
    var mailProtocol: MailProtocol = .smtp

    @Option(help: ArgumentHelp("Log in as this user inside TLS, once the certificate checks passed, to tell a wrong or refused login from a TLS problem. Reads nothing and sends nothing: logs in, reads the mailbox size (POP3, IMAP) and quits. The password comes from --password-file or SMTP_PROBE_PASSWORD.", valueName: "user"))
    var login: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the --login password from the first line of this file (never give it as an argument).", valueName: "file"))
    var passwordFile: String?

    static let passwordVariable = "SMTP_PROBE_PASSWORD"

    func validate() throws {
        if login == nil, passwordFile != nil { throw ValidationError("--password-file needs --login") }
    }

    /// The credentials of `--login`, reading the password; nil without `--login`.
    func credentials(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LoginCredentials? {
        guard let login else { return nil }
        let password: String
        if let passwordFile {
            password = try LoginCredentials.password(fromFile: passwordFile)
        } else if let value = environment[Self.passwordVariable] {
            password = value
        } else {
            throw SMTPProbeError(.invalidOption, "--login needs a password: --password-file FILE, or the environment variable \(Self.passwordVariable)")
        }
        return try LoginCredentials(user: login, password: password)
    }
}

