#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Japanese words of the DNS checks: each problem's message and detail, and each remedy.
extension DNSProblem {
    var jaMessage: String {
        switch self {
        case .dnsNXDomain(let host): "\(host) は DNS に存在しません (NXDOMAIN)"
        case .dnsNoAddress(let host): "\(host) は DNS にありますが、A / AAAA レコードがありません"
        case .dnsTemporaryFailure(let host, _): "\(host) の DNS 検索が一時的に失敗しました"
        case .dnsNullMX(let domain): "\(domain) は Null MX を公開しています: メールを受け付けません"
        case .dnsNoMX(let domain): "\(domain) に MX レコードがありません。メールはドメイン自身のアドレスに送られます"
        case .dnsMXIsCNAME(let exchange, let canonical): "MX ホスト \(exchange) は \(canonical) の別名 (CNAME) です"
        case .dnsNullMXNotAlone(let domain, let hosts): "\(domain) は Null MX (「0 .」) をほかの \(hosts.count) 件の MX ホストと一緒に公開しています"
        case .dnsUnusableAddress(let host, let address): "DNS が \(host) に返したアドレス \(address) は、メールサーバーのアドレスになりえません"
        case .dnsMXHostsNotProbed(let domain, let probed, let leftOut):
            "\(domain) には MX ホストが \(probed + leftOut.count) 件あります: 先頭の \(probed) 件を検査し、\(leftOut.count) 件は検査していません"
        }
    }

    var jaDetail: String? {
        switch self {
        case .dnsNXDomain:
            "この名前は DNS に存在しません。ルートに入力したホスト名の綴りと、ゾーンが公開されていることを確認してください。"
        case .dnsNoAddress:
            "ルートのホストはアドレスに解決できる必要があります。MX 検索を使わない限り、MX レコードだけでは足りません。"
        case .dnsTemporaryFailure(_, let reason):
            "リゾルバの応答: \(dnsFailure(reason))。一時的な失敗なら Gmail は再試行しますが、続く場合はゾーンのネームサーバーが応答していません。"
        case .dnsNullMX:
            "MX レコードが「0 .」のみです (RFC 7505)。MX ルックアップでこのドメインに送るメールはすぐにバウンスされます。"
        case .dnsNoMX:
            "送信側 (Gmail を含む) はドメインの A/AAAA アドレスに配信します (RFC 5321 5.1 節)。動作はしますが、配信先は MX レコードで明示するのが確実です。"
        case .dnsMXIsCNAME:
            "RFC 5321 5.1 節と RFC 2181 10.3 節では、MX は別名ではなくホスト自身の名前を指す必要があります。このような MX を拒否する送信側もあります。証明書は Gmail と同じく MX の名前と照合されます。"
        case .dnsNullMXNotAlone(_, let hosts):
            "RFC 7505 3 節では、Null MX を公開するドメインはほかの MX レコードを持ってはいけません。これに従う送信側はここを Null MX とはみなさず、「.」のアドレスが見つからないので \(hosts.joined(separator: ", ")) に進みます (これらを検査しました)。「0 .」を「メールを受け付けない」と解釈する送信側は、メールをバウンスします。"
        case .dnsUnusableAddress(_, let address):
            "\(address) は 0.0.0.0/8 の範囲か「::」で、ネットワーク上のアドレスではありません。接続すると接続した側のマシン自身につながるため、smtp-probe は接続しません。Gmail もここには配信できません。"
        case .dnsMXHostsNotProbed(_, let probed, let leftOut):
            "1 つのドメインについて検査する MX ホストは、送信側と同じく優先度順に最大 \(probed) 件です。検査していないホスト: \(leftOut.joined(separator: ", "))。"
        }
    }

    /// The resolver's own words (from the system or libunbound) stay as they came.
    private func dnsFailure(_ reason: DNSFailureReason) -> String {
        switch reason {
        case .noAnswer(let seconds): "\(seconds) 秒以内に応答がありません"
        case .serverAnswered(let code): "DNS サーバーが \(code) を返しました"
        case .malformedMX: "読み取れない MX レコードがあります"
        case .resolver(let words): words
        }
    }
}

extension DNSRemedy {
    func jaText(routeHost: String) -> String {
        switch self {
        case .removeNullMXOrOthers(let domain):
            "\(domain) がメールを受け取るかどうかを決めてください。受け取るなら「0 .」の MX レコードを削除し、受け取らないならほかの MX レコードを削除して「0 .」だけを残します。"
        case .fixAddressRecord(let host, let address):
            "\(host) にアドレス \(address) を与えているレコードを削除するか、メールサーバーの実際のアドレスに置き換えてください。"
        case .checkDNS(let host):
            "\(host) の DNS レコードを確認してください。ルートには A または AAAA レコードを持つ名前が必要です (エントリがメールドメインなら MX 検索をオンにします)。"
        case .removeNullMX(let domain):
            "\(domain) でメールを受信する必要がある場合は、Null MX をメールサーバーを指す MX レコードに置き換えてください。そうでなければ、ルートを削除するか、MX ルックアップをオフにしてメールサーバー自体を指定してください。"
        case .publishMX(let domain):
            "\(domain) のメールサーバーを指す MX レコードを公開するか、MX ルックアップをオフにしてルートにメールサーバーを指定してください。"
        case .pointMXAtCanonicalName(let exchange, let canonical):
            "MX レコードが別名 \(exchange) ではなく \(canonical) 自体を指すようにし、証明書に MX の名前が含まれていることを確認してください。"
        }
    }
}
