/// The words of the relay plan checks, English beside Japanese.
extension RelayPlanProblem {
    var enMessage: String {
        switch self {
        case .authWithoutTLS(let device, let required):
            required ? "\(device) must log in to the relay (SMTP AUTH is required) but does not use TLS"
                : "\(device) logs in to the relay (SMTP AUTH) without TLS"
        case .rangeInvalid(let range, _): "\"\(range)\" is not an IP range in CIDR notation"
        case .rangeTooLarge(let range, let bits): "\(range) holds \(Self.addresses(bits)) addresses, more than one range may hold (65,536)"
        case .rangePrivate(let range, let kind): "\(range) is \(Self.enName(kind)): the relay never sees mail come from it"
        case .deviceOutsideRanges(let device, let address): "\(device) (\(address)) is in no allowed IP range, and SMTP AUTH is not required"
        case .anySender: "The relay accepts any sender address"
        case .nullSenderMultipleRcpt(let device): "\(device) sends with an empty sender (MAIL FROM:<>) to several recipients at once"
        case .dailyLimit(let total, let limit, _):
            "The devices send \(PlanJudgement.grouped(total)) messages a day: \(Self.percent(total, limit)) % of the relay's limit of about \(PlanJudgement.grouped(limit))"
        }
    }

    var jaMessage: String {
        switch self {
        case .authWithoutTLS(let device, let required):
            required ? "\(device) はリレーへのログイン (SMTP 認証) が必須ですが、TLS を使っていません"
                : "\(device) は TLS を使わずにリレーへログイン (SMTP 認証) します"
        case .rangeInvalid(let range, _): "「\(range)」は CIDR 形式の IP 範囲ではありません"
        case .rangeTooLarge(let range, let bits): "\(range) のアドレス数は \(Self.addresses(bits)) で、1 つの範囲の上限 (65,536) を超えています"
        case .rangePrivate(let range, let kind): "\(range) は\(Self.jaName(kind))で、リレーからはこの範囲の送信元は見えません"
        case .deviceOutsideRanges(let device, let address): "\(device) (\(address)) はどの許可 IP 範囲にも含まれず、SMTP 認証も必須ではありません"
        case .anySender: "リレーが任意の送信者アドレスを受け付けます"
        case .nullSenderMultipleRcpt(let device): "\(device) は空の送信者 (MAIL FROM:<>) で複数の宛先に同時に送信します"
        case .dailyLimit(let total, let limit, _):
            "デバイスの送信数は 1 日 \(PlanJudgement.grouped(total)) 通で、リレーの上限 (約 \(PlanJudgement.grouped(limit)) 通) の \(Self.percent(total, limit))% です"
        }
    }

    var enDetail: String? {
        switch self {
        case .authWithoutTLS: "The relay offers SMTP AUTH only over TLS; without it the login, and so the message, is refused."
        case .rangeInvalid(_, .address): "The part before \"/\" is no IPv4 or IPv6 address."
        case .rangeInvalid(_, .prefix(let maximum)): "The part after \"/\" must be a number from 0 to \(maximum)."
        case .rangeTooLarge: "The console takes at most 65,536 addresses in one range (a /16 for IPv4, a /112 for IPv6); for security, keep ranges small."
        case .rangePrivate: "The relay sees the public address the mail leaves your network from, never an internal one."
        case .deviceOutsideRanges: "Without SMTP AUTH the relay accepts mail only from the allowed IP ranges: this device's mail is refused."
        case .anySender: "Malware on a computer or a misconfigured server can then send as anyone through your domain's relay."
        case .nullSenderMultipleRcpt: "The relay does not support several RCPT TO with an empty envelope sender: those messages are refused."
        case .dailyLimit(_, let limit, let licences): "About 130 messages a day per licence: \(licences) licences give about \(PlanJudgement.grouped(limit)); warned from 80 %."
        }
    }

    var jaDetail: String? {
        switch self {
        case .authWithoutTLS: "リレーの SMTP 認証は TLS 経由でのみ使えます。TLS がなければログインは拒否され、メールも送れません。"
        case .rangeInvalid(_, .address): "「/」の前が IPv4 アドレスでも IPv6 アドレスでもありません。"
        case .rangeInvalid(_, .prefix(let maximum)): "「/」の後は 0 から \(maximum) までの数である必要があります。"
        case .rangeTooLarge: "管理コンソールで 1 つの範囲に指定できるのは 65,536 アドレスまでです (IPv4 では /16、IPv6 では /112)。安全のため範囲は最小限にしてください。"
        case .rangePrivate: "リレーに見えるのは、メールが組織のネットワークから出ていくときの公開 IP アドレスで、内部のアドレスではありません。"
        case .deviceOutsideRanges: "SMTP 認証がない場合、リレーは許可された IP 範囲からのメールだけを受け付けます。このデバイスのメールは拒否されます。"
        case .anySender: "パソコン上の不正なソフトウェアやサーバーの誤設定により、ドメインのリレーから任意のアドレスで送信される恐れがあります。"
        case .nullSenderMultipleRcpt: "空のエンベロープ送信者では複数の RCPT TO はサポートされず、そのメールは拒否されます。"
        case .dailyLimit(_, let limit, let licences): "上限はライセンスあたり 1 日約 130 通です。\(licences) ライセンスで約 \(PlanJudgement.grouped(limit)) 通。80% から警告します。"
        }
    }

    static func addresses(_ hostBits: Int) -> String {
        hostBits < 63 ? PlanJudgement.grouped(1 << hostBits) : "2^\(hostBits)"
    }

    static func percent(_ total: Int, _ limit: Int) -> Int {
        limit == 0 ? 0 : Int((Double(total) * 100 / Double(limit)).rounded(.down))
    }

    static func enName(_ kind: NonPublicSpace) -> String {
        switch kind {
        case .privateNetwork: "private address space"
        case .loopback: "loopback space"
        case .linkLocal: "link-local space"
        case .sharedNAT: "shared (carrier-grade NAT) space"
        case .documentation: "documentation space"
        case .unspecified: "the unspecified address space"
        }
    }

    static func jaName(_ kind: NonPublicSpace) -> String {
        switch kind {
        case .privateNetwork: "プライベートアドレス空間"
        case .loopback: "ループバックアドレス空間"
        case .linkLocal: "リンクローカルアドレス空間"
        case .sharedNAT: "共有アドレス空間 (キャリアグレード NAT)"
        case .documentation: "ドキュメント用アドレス空間"
        case .unspecified: "未指定アドレス空間"
        }
    }
}

extension RelayPlanRemedy {
    var enText: String {
        let place = ConsolePlace.smtpRelay.name(.en)
        return switch self {
        case .useTLSForAuth(let device): "Configure \(device) to use TLS (STARTTLS on port 587) before it logs in."
        case .authenticateByAddress(let device): "Or let \(device) send without logging in: add its public address under \"Only accept mail from the specified IP addresses\" in \(place)."
        case .writeCIDR: "Write the range in CIDR notation (such as 198.51.100.16/28 or 2001:db8:25::/64) under \"Only accept mail from the specified IP addresses\" in \(place)."
        case .narrowRange: "Narrow the range to the addresses that really send (at most a /16 for IPv4 or a /112 for IPv6) in \(place)."
        case .usePublicAddress: "Enter the public address your devices' mail leaves your network from (your NAT or firewall's), in \(place)."
        case .coverDevice(let device, let address): "Add \(address) (\(device)) to the allowed IP ranges in \(place)."
        case .requireAuth(let device): "Or turn on \"Require SMTP Authentication\" in \(place) and have \(device) log in over TLS."
        case .restrictSenders: "Under \"Allowed senders\" in \(place), choose \"Only addresses in my domains\" or \"Only registered Apps users in my domains\"."
        case .oneRecipientForNullSender(let device): "Configure \(device) to send each message with an empty sender to one recipient, or to use a sender address."
        case .reduceVolume: "Send less through the relay (a mailing list service for bulk mail), or add licences: the limit grows by about 130 a day for each."
        }
    }

    var jaText: String {
        let place = ConsolePlace.smtpRelay.name(.ja)
        return switch self {
        case .useTLSForAuth(let device): "\(device) がログインの前に TLS (ポート 587 の STARTTLS) を使うように設定してください。"
        case .authenticateByAddress(let device): "または、\(place)の [指定したIPアドレスからのみメールを受信する] に \(device) の公開 IP アドレスを追加し、ログインせずに送信できるようにします。"
        case .writeCIDR: "\(place)の [指定したIPアドレスからのみメールを受信する] に、CIDR 形式 (198.51.100.16/28、2001:db8:25::/64 など) で範囲を入力してください。"
        case .narrowRange: "\(place)で、範囲を実際に送信するアドレスだけに絞ってください (IPv4 は /16、IPv6 は /112 まで)。"
        case .usePublicAddress: "\(place)には、デバイスのメールが組織のネットワークから出ていくときの公開 IP アドレス (NAT やファイアウォールのアドレス) を入力してください。"
        case .coverDevice(let device, let address): "\(place)の許可 IP 範囲に \(address) (\(device)) を追加してください。"
        case .requireAuth(let device): "または、\(place)で [SMTP認証を求める] をオンにし、\(device) が TLS 経由でログインするようにします。"
        case .restrictSenders: "\(place)の [許可する送信者] で [ドメイン内のアドレスのみ] または [ドメイン内の登録済みAppsユーザーのみ] を選択してください。"
        case .oneRecipientForNullSender(let device): "\(device) が空の送信者のメールを宛先 1 件ずつ送るか、送信者アドレスを使うように設定してください。"
        case .reduceVolume: "リレー経由の送信を減らす (大量配信は配信サービスを使う) か、ライセンスを追加してください。上限は 1 ライセンスごとに 1 日約 130 通増えます。"
        }
    }
}
