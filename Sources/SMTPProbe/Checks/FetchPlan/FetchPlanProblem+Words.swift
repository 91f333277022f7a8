/// The words of the fetch plan checks, English beside Japanese. Gmail's own setting names
/// are those of seed 004.
extension FetchPlanProblem {
    var enMessage: String {
        switch self {
        case .pop3NotSSL(let box): "\(box) is to be fetched over POP3 without SSL"
        case .smtpNotTLS(let box): "\(box) is to be sent as over SMTP without TLS"
        case .forwardingStillOn(let box): "\(box) still forwards to Gmail while Gmail fetches it"
        case .leaveCopy(let box): "\(box) keeps a copy of every fetched message on the server"
        case .providerRestrictsIP(let box): "The provider of \(box) admits only some IP addresses"
        }
    }

    var jaMessage: String {
        switch self {
        case .pop3NotSSL(let box): "\(box) を SSL なしの POP3 で取得する設定です"
        case .smtpNotTLS(let box): "\(box) として TLS なしの SMTP で送信する設定です"
        case .forwardingStillOn(let box): "Gmail が取得している \(box) から Gmail への転送がまだオンです"
        case .leaveCopy(let box): "\(box) は取得したメールのコピーをサーバーに残します"
        case .providerRestrictsIP(let box): "\(box) のプロバイダは接続元の IP アドレスを制限しています"
        }
    }

    var enDetail: String? {
        switch self {
        case .pop3NotSSL: "The password and every message would cross the internet in clear; fetch over SSL, on port 995."
        case .smtpNotTLS: "The password and every message would cross the internet in clear; send on port 587 with TLS."
        case .forwardingStillOn: "Forwarding breaks SPF, and Gmail requires sender authentication: forwarded mail may be rejected, and what does arrive arrives twice."
        case .leaveCopy: "The mailbox at the provider keeps growing; with many messages stored, fetching can fail."
        case .providerRestrictsIP: "Gmail fetches from Google's own addresses: the provider refuses them, and Gmail shows an authentication error even with the right settings (so does a provider that blocks connections from abroad)."
        }
    }

    var jaDetail: String? {
        switch self {
        case .pop3NotSSL: "パスワードとすべてのメールが暗号化されずにインターネットを流れます。ポート 995 の SSL で取得してください。"
        case .smtpNotTLS: "パスワードとすべてのメールが暗号化されずにインターネットを流れます。ポート 587 の TLS で送信してください。"
        case .forwardingStillOn: "転送は SPF を壊し、Gmail は送信ドメイン認証を求めます。転送されたメールは拒否されることがあり、届いたメールは二重になります。"
        case .leaveCopy: "プロバイダのメールボックスが増え続け、保存数が多くなると取得に失敗することがあります。"
        case .providerRestrictsIP: "Gmail は Google のアドレスから取得します。プロバイダがそれを拒否すると、設定が正しくても認証エラーになります (海外からの接続を拒否するプロバイダも同様です)。"
        }
    }
}

extension FetchPlanRemedy {
    var enText: String {
        let place = ConsolePlace.checkMailFromOtherAccounts.name(.en)
        return switch self {
        case .useSSL: "In \(place), check \"Always use a secure connection (SSL) when retrieving mail\" and use port 995."
        case .useTLS: "In the account's \"Send mail as\" SMTP settings, choose \"Secured connection using TLS (recommended)\" on port 587."
        case .stopForwarding(let box): "Once Gmail fetches \(box), turn off forwarding at its provider."
        case .deleteCopy: "In \(place), uncheck \"Leave a copy of retrieved message on the server\", unless the provider's webmail is still needed."
        case .askProvider: "Ask the provider to admit Google's connections to POP3 and SMTP (or lift the restriction for this mailbox); until then, fetching fails."
        }
    }

    var jaText: String {
        let place = ConsolePlace.checkMailFromOtherAccounts.name(.ja)
        return switch self {
        case .useSSL: "\(place)で [メールの取得にセキュリティで保護された接続(SSL)を使用する] をオンにし、ポート 995 を使ってください。"
        case .useTLS: "送信元アドレスの SMTP 設定で、ポート 587 の [TLS を使用したセキュリティで保護された接続(推奨)] を選択してください。"
        case .stopForwarding(let box): "Gmail が \(box) を取得できるようになったら、プロバイダ側の転送を解除してください。"
        case .deleteCopy: "プロバイダのウェブメールを使い続ける必要がなければ、\(place)で [取得したメッセージのコピーをサーバーに残す] をオフにしてください。"
        case .askProvider: "プロバイダに、Google からの POP3 と SMTP の接続を許可する (またはこのメールボックスの制限を外す) よう依頼してください。それまで取得は失敗します。"
        }
    }
}
