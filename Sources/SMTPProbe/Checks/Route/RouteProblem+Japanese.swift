#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Japanese words of the route checks: each problem's message and detail, and each remedy.
extension RouteProblem {
    var jaMessage: String {
        switch self {
        case .routePortNotAllowed(let port, _): "ポート \(port) は Google Workspace のルートでは使用できません"
        case .routeNameMissing(let position): "ルート #\(position) に名前がありません"
        case .routeNoHosts(let route): "ルート「\(route)」にホストがありません"
        case .routeLoadsNot100(let table, let total, let missing, let outOfRange):
            outOfRange ? "\(table.japaneseName)ホストの負荷に 0〜100% の範囲外の値があります"
                : missing > 0 ? "\(table.japaneseName)ホストのうち \(missing) 件に負荷が指定されていません"
                : "\(table.japaneseName)ホストの負荷の合計が 100% ではなく \(total)% です"
        case .routeInvalidHost(let entry, _): "「\(entry)」はルートのホストとして使用できません"
        case .routeHostIsAddress(let entry): "\(entry) はホスト名ではなく IP アドレスで指定されています"
        case .routeTLSOptionOff(let route, let options):
            "ルート「\(route)」で\(options.map { "「\($0.consoleName(.ja))」" }.joined(separator: "と"))がオフです"
        }
    }

    var jaDetail: String? {
        switch self {
        case .routeNameMissing:
            "名前のないルートは管理コンソールで保存できません。"
        case .routeNoHosts:
            "ルートには、名前または IP アドレスでホストを 1 つ以上指定する必要があります。"
        case .routeLoadsNot100(let table, _, _, _):
            "管理コンソールでは、\(table.japaneseName)ホストごとに 0〜100% の負荷を指定し、合計をちょうど 100 にする必要があります (ホストが 1 つだけなら省略できます)。"
        case .routeInvalidHost(_, let reason):
            invalidHost(reason)
        case .routeHostIsAddress:
            "管理コンソールではサーバーのホスト名が推奨されています。証明書に記載されるのはホスト名で、IP アドレスはサーバーとともに変わります。"
        case .routeTLSOptionOff(_, let options):
            "TLS のオプションはデフォルトでオンになっており、オンのままにすることが推奨されています。" + options.map { $0.cost(.ja) }.joined()
        case .routePortNotAllowed(let port, _):
            port == 465
                ? "ポート 465 は最初のバイトから TLS を使います (暗黙的 TLS)。SMTP リレーサービスはこれを受け付けますが、ルートのホストはポート 25、587、または 1024~65535 で STARTTLS を受け付ける必要があります。"
                : "ルートのポートは 25、587、または 1024~65535 の範囲である必要があります。"
        }
    }

    /// The parser's explanation of an unusable entry is the command line's, in English.
    private func invalidHost(_ reason: InvalidHostReason) -> String {
        switch reason {
        case .mxLookupOfAddress(let address): "MX 検索にはメールドメインが必要です。\(address) は IP アドレスです。"
        case .portTwice(let inEntry, let inKey):
            "エントリではポート \(inEntry)、port キーでは \(inKey) になっています。ポートは 1 か所で指定してください。"
        case .invisibleCharacter(let invisible):
            invisible.isControl
                ? "\(invisible.position) 文字目は \(invisible.codePoint) で、制御文字です。名前には使えません。この文字を含めずにホスト名を入力し直してください。"
                : "\(invisible.position) 文字目は \(invisible.codePoint) で、目に見えない文字です。見た目が同じ別の名前になるため使えません。この文字を含めずにホスト名を入力し直してください。"
        case .unusable(let explanation): "ホスト名としても IP アドレスとしても使えません (\(explanation))"
        }
    }
}

extension RouteRemedy {
    func jaText(routeHost: String) -> String {
        switch self {
        case .nameRoute:
            "ルートに名前を付けてください。"
        case .fixLoads(let table):
            "\(table.japaneseName)ホストすべてに負荷を指定し、合計が 100 になるようにしてください。"
        case .fixRouteHost:
            "各ホストは DNS 名 (推奨) または IP アドレスで指定します。:ポート を付けることもできます。"
        case .useRoutePort:
            "ルートには、サーバーの STARTTLS のポート (25、587、または 1024~65535) を指定してください。"
        case .nameHostByName:
            "ルートの設定 (管理コンソールの [アプリ] > [Google Workspace] > [Gmail] > [ホスト]) で、サーバーの証明書に記載されたホスト名を入力してください。"
        case .turnOnTLSOptions(let options):
            "サーバーのテストが通るようになったら、ルートの設定 (管理コンソールの [アプリ] > [Google Workspace] > [Gmail] > [ホスト]) で\(options.map { "「\($0.consoleName(.ja))」" }.joined(separator: "と"))をオンにしてください。"
        }
    }
}
