/// The checks of a mail domain's MX set beyond what the DNS family says of a route's MX entry:
/// hosts senders cannot use (an address literal, a name without addresses) and, when mail
/// should reach Google Workspace (`--expect-google`), whether the set points there. Judges
/// the MX records and the address lookups of `smtp-probe domain`.
enum MXProblem: CheckProblem {
    /// An MX record names an IP address: RFC 5321 §5.1 asks for a host name, and senders look
    /// the "name" up as one, which finds nothing.
    case ipLiteral(domain: String, exchange: String)
    /// An MX host has no A or AAAA record. `allHosts`: no MX host of the domain has one, so no
    /// mail can be delivered; otherwise senders go on to the others.
    case noAddress(domain: String, exchange: String, allHosts: Bool)
    /// Mail should reach Google, but these MX hosts are not Google's.
    case notGoogle(domain: String, hosts: [String])
    /// The single Google host and the older five-host set are both published.
    case mixedGoogleSets(domain: String, single: [String], five: [String])

    static let codes: [FindingCode] = [.mxIPLiteral, .mxNoAddress, .mxNotGoogle, .mxMixedGoogleSets]

    var code: FindingCode {
        switch self {
        case .ipLiteral: .mxIPLiteral
        case .noAddress: .mxNoAddress
        case .notGoogle: .mxNotGoogle
        case .mixedGoogleSets: .mxMixedGoogleSets
        }
    }

    var severity: Severity {
        switch self {
        case .ipLiteral, .notGoogle: .fail
        case .noAddress(_, _, let allHosts): allHosts ? .fail : .warn
        // Both sets are Google's and deliver: only the records to keep differ.
        case .mixedGoogleSets: .warn
        }
    }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.ipLiteral(let domain, let exchange), .en):
            "An MX record of \(domain) names the address \(exchange), not a host name"
        case (.ipLiteral(let domain, let exchange), .ja):
            "\(domain) の MX レコードがホスト名ではなくアドレス \(exchange) を指しています"
        case (.noAddress(let domain, let exchange, _), .en):
            "The MX host \(exchange) of \(domain) has no address (no A or AAAA record)"
        case (.noAddress(let domain, let exchange, _), .ja):
            "\(domain) の MX ホスト \(exchange) にアドレス (A / AAAA レコード) がありません"
        case (.notGoogle(let domain, let hosts), .en):
            "Mail for \(domain) does not reach Google: its MX \(hosts.count == 1 ? "host" : "hosts") \(hosts.joined(separator: ", ")) \(hosts.count == 1 ? "is" : "are") not Google's"
        case (.notGoogle(let domain, let hosts), .ja):
            "\(domain) 宛てのメールが Google に届きません。MX ホスト \(hosts.joined(separator: "、")) は Google のものではありません"
        case (.mixedGoogleSets(let domain, _, _), .en):
            "\(domain) publishes both Google MX sets: smtp.google.com and the older aspmx.l.google.com hosts"
        case (.mixedGoogleSets(let domain, _, _), .ja):
            "\(domain) は Google の 2 種類の MX (smtp.google.com と以前の aspmx.l.google.com 系) を両方公開しています"
        }
    }

    func detail(_ language: Language) -> String? {
        switch (self, language) {
        case (.ipLiteral, .en):
            "RFC 5321 §5.1 and RFC 7505: the MX target must be a host name with A or AAAA records. Senders look the address up as a name, find nothing, and defer or bounce the mail."
        case (.ipLiteral, .ja):
            "RFC 5321 §5.1 により、MX の宛先は A または AAAA レコードを持つホスト名でなければなりません。送信側はアドレスを名前として引き、何も見つからず、メールを保留または差し戻します。"
        case (.noAddress(_, _, let allHosts), .en):
            allHosts ? "No MX host of the domain has an address: senders cannot deliver any mail to it."
                     : "Senders skip this host and try the others; mail is delivered, later when the others are busy."
        case (.noAddress(_, _, let allHosts), .ja):
            allHosts ? "このドメインの MX ホストにはどれもアドレスがないため、送信側はメールを配送できません。"
                     : "送信側はこのホストを飛ばしてほかのホストに配送します。メールは届きますが、ほかのホストが混んでいると遅れます。"
        case (.notGoogle(_, let hosts), .en):
            "Senders deliver to the MX hosts in order of preference; mail that reaches \(hosts.joined(separator: ", ")) does not reach Google Workspace's mailboxes unless that server forwards it."
        case (.notGoogle(_, let hosts), .ja):
            "送信側は優先度の順に MX ホストへ配送します。\(hosts.joined(separator: "、")) に届いたメールは、そのサーバーが転送しない限り Google Workspace のメールボックスに届きません。"
        case (.mixedGoogleSets(_, let single, let five), .en):
            "Published: \((single + five).joined(separator: ", ")). Both deliver to Google, but Google asks for one set: smtp.google.com alone, or the five older hosts alone."
        case (.mixedGoogleSets(_, let single, let five), .ja):
            "公開されているもの: \((single + five).joined(separator: "、"))。どちらも Google に届きますが、Google はどちらか一方 (smtp.google.com だけ、または以前の 5 ホストだけ) を求めています。"
        }
    }

    var remedies: [MXRemedy] {
        switch self {
        case .ipLiteral(let domain, let exchange): [.nameTheHost(domain: domain, address: exchange)]
        case .noAddress(let domain, let exchange, _): [.publishAddress(host: exchange), .removeMX(domain: domain, exchange: exchange)]
        case .notGoogle(let domain, let hosts): [.publishGoogleMX(domain: domain, remove: hosts)]
        case .mixedGoogleSets(let domain, _, let five): [.publishGoogleMX(domain: domain, remove: five)]
        }
    }
}

/// The remedies of the MX checks, with the records as a zone file writes them.
enum MXRemedy: CheckRemedy {
    case nameTheHost(domain: String, address: String)
    case publishAddress(host: String)
    case removeMX(domain: String, exchange: String)
    /// Publish `MX 1 smtp.google.com.` and remove the records naming `remove`.
    case publishGoogleMX(domain: String, remove: [String])

    var kind: String {
        switch self {
        case .nameTheHost: "name_mx_host"
        case .publishAddress: "publish_mx_address"
        case .removeMX: "remove_mx"
        case .publishGoogleMX: "publish_google_mx"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.nameTheHost(let domain, let address), .en):
            "Give the server a name with that address and point the MX at it: `mx.\(domain). 3600 IN A \(address)` and `\(domain). 3600 IN MX 10 mx.\(domain).`, then remove the MX record naming \(address)."
        case (.nameTheHost(let domain, let address), .ja):
            "サーバーにそのアドレスを持つ名前を付け、MX でその名前を指してください: `mx.\(domain). 3600 IN A \(address)` と `\(domain). 3600 IN MX 10 mx.\(domain).`。その後 \(address) を指す MX レコードを削除してください。"
        case (.publishAddress(let host), .en):
            "Publish the server's address under its name: `\(host). 3600 IN A <address>` (or AAAA)."
        case (.publishAddress(let host), .ja):
            "サーバーのアドレスをその名前で公開してください: `\(host). 3600 IN A <アドレス>` (または AAAA)。"
        case (.removeMX(let domain, let exchange), .en):
            "If the host is gone, remove its record: `\(domain). IN MX <preference> \(exchange).`"
        case (.removeMX(let domain, let exchange), .ja):
            "ホストがもうない場合は、そのレコードを削除してください: `\(domain). IN MX <優先度> \(exchange).`"
        case (.publishGoogleMX(let domain, let remove), .en):
            "Publish Google's MX record `\(domain). 3600 IN MX 1 smtp.google.com.` and remove the records naming \(remove.joined(separator: ", ")) (Admin console: Apps > Google Workspace > Gmail > Setup)."
        case (.publishGoogleMX(let domain, let remove), .ja):
            "Google の MX レコード `\(domain). 3600 IN MX 1 smtp.google.com.` を公開し、\(remove.joined(separator: "、")) を指すレコードを削除してください (管理コンソール: アプリ > Google Workspace > Gmail > 設定)。"
        }
    }
}

extension MXProblem {
    /// The problems of the MX set `hosts` (names as published, no null MX) when mail should
    /// reach Google: hosts that are not Google's, and both of Google's sets at once.
    static func google(domain: String, hosts: [String]) -> [MXProblem] {
        var problems: [MXProblem] = []
        let outside = hosts.filter { MXProvider.of(host: $0) != .google }
        if !outside.isEmpty { problems.append(.notGoogle(domain: domain, hosts: outside)) }
        let sets = MXProvider.googleSets(in: hosts)
        if !sets.single.isEmpty, !sets.five.isEmpty {
            problems.append(.mixedGoogleSets(domain: domain, single: sets.single, five: sets.five))
        }
        return problems
    }
}

extension FindingCode {
    /// An MX record names an IP address instead of a host name.
    public static let mxIPLiteral = FindingCode("mx.ip_literal")
    /// An MX host has no A or AAAA record.
    public static let mxNoAddress = FindingCode("mx.no_address")
    /// Mail should reach Google (`--expect-google`), but MX hosts are not Google's.
    public static let mxNotGoogle = FindingCode("mx.not_google")
    /// Google's single-host and five-host MX sets are both published.
    public static let mxMixedGoogleSets = FindingCode("mx.mixed_google_sets")
}
