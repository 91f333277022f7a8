import SMTPProbe

/// The words of the checklist's renderers (text and Markdown), in each language.
struct ChecklistStrings {
    let language: Language

    func title(_ plan: String) -> String {
        language.pick(en: "Pre-migration checklist: \(plan)", ja: "移行前チェックリスト: \(plan)")
    }

    func domains(_ domains: [String]) -> String {
        domains.isEmpty ? language.pick(en: "No domain named", ja: "ドメインの指定なし")
            : language.pick(en: "Domains: ", ja: "ドメイン: ") + domains.joined(separator: ", ")
    }

    func mode(offline: Bool) -> String {
        offline ? language.pick(en: "Offline (--offline): the plan's own checks only; live checks not run",
                                ja: "オフライン (--offline): 計画そのもののチェックのみ。ライブチェックは実行していません")
            : language.pick(en: "Live: the plan's checks and the servers' tests", ja: "ライブ: 計画のチェックとサーバーのテスト")
    }

    func area(_ area: ChecklistArea) -> String {
        switch (area, language) {
        case (.dns, .en): "DNS"
        case (.dns, .ja): "DNS"
        case (.inboundRoutes, .en): "Inbound routes"
        case (.inboundRoutes, .ja): "受信ルート"
        case (.outboundGateway, .en): "Outbound gateway"
        case (.outboundGateway, .ja): "送信ゲートウェイ"
        case (.relay, .en): "SMTP relay"
        case (.relay, .ja): "SMTP リレー"
        case (.fetchedMailboxes, .en): "Fetched mailboxes"
        case (.fetchedMailboxes, .ja): "取得するメールボックス"
        }
    }

    var nothingPlanned: String { language.pick(en: "Not in the plan", ja: "計画にありません") }
    var urgentHeading: String { language.pick(en: "To do, most urgent first", ja: "対応が必要な項目 (緊急度の高い順)") }
    var failWord: String { language.pick(en: "fail", ja: "失敗") }
    var warnWord: String { language.pick(en: "warning", ja: "警告") }

    /// The last line: whether the cut-over can go ahead, and how many checks were not made.
    func conclusion(_ report: ChecklistReport) -> String {
        let counts = report.counts
        var line: String
        if counts.fail > 0 {
            line = language.pick(en: "The cut-over cannot go ahead: \(counts.fail) \(counts.fail == 1 ? "check fails" : "checks fail").",
                                 ja: "切り替えはまだできません: \(counts.fail) 件のチェックが失敗しています。")
        } else if counts.warn > 0 {
            line = language.pick(en: "The cut-over can go ahead once the \(counts.warn) \(counts.warn == 1 ? "warning is" : "warnings are") considered\(counts.notChecked > 0 ? ", as far as checked" : "").",
                                 ja: "\(counts.notChecked > 0 ? "チェックした範囲では、" : "")\(counts.warn) 件の警告を検討したうえで切り替えを進められます。")
        } else {
            line = language.pick(en: "The cut-over can go ahead\(counts.notChecked > 0 ? ", as far as checked" : "").",
                                 ja: "\(counts.notChecked > 0 ? "チェックした範囲では、" : "")切り替えを進められます。")
        }
        if counts.notChecked > 0 {
            line += language.pick(en: " \(counts.notChecked) \(counts.notChecked == 1 ? "check was" : "checks were") not made\(report.offline ? " (--offline)" : "").",
                                  ja: " \(counts.notChecked) 件は未チェックです\(report.offline ? " (--offline)" : "")。")
        }
        return line
    }
}
