/// Where a setting lives in the Google Admin console or in Gmail's own settings, in the words
/// of the help pages the project rests on (seeds 000–004 in shared/seeds, summarised in
/// MISSION.md). The plan checks' remedies name these so that an admin knows where to click.
enum ConsolePlace: Sendable {
    /// Seed 000: the "SMTP relay service" setting.
    case smtpRelay
    /// Seeds 001 and 002: the routes list ("Hosts").
    case hosts
    /// Seed 001: the legacy "Outbound gateway" field under Routing.
    case legacyOutboundGateway
    /// Seed 003: "Allow per-user outbound gateways".
    case perUserOutboundGateway
    /// Seed 004: Gmail's own "Check mail from other accounts" (each user's settings).
    case checkMailFromOtherAccounts

    func name(_ language: Language) -> String {
        switch (self, language) {
        case (.smtpRelay, .en): "Admin console > Apps > Google Workspace > Gmail > Advanced settings, setting \"SMTP relay service\""
        case (.smtpRelay, .ja): "管理コンソールの [アプリ] > [Google Workspace] > [Gmail] > [詳細設定] の [SMTP リレーサービス] 設定"
        case (.hosts, .en): "Admin console > Apps > Google Workspace > Gmail > Hosts"
        case (.hosts, .ja): "管理コンソールの [アプリ] > [Google Workspace] > [Gmail] > [ホスト]"
        case (.legacyOutboundGateway, .en): "Admin console > Apps > Google Workspace > Gmail > Advanced settings, Routing section, setting \"Outbound gateway\""
        case (.legacyOutboundGateway, .ja): "管理コンソールの [アプリ] > [Google Workspace] > [Gmail] > [詳細設定] の [ルーティング] セクションの [送信ゲートウェイ] 設定"
        case (.perUserOutboundGateway, .en): "Admin console > Apps > Google Workspace > Gmail > Advanced settings, setting \"Allow per-user outbound gateways\""
        case (.perUserOutboundGateway, .ja): "管理コンソールの [アプリ] > [Google Workspace] > [Gmail] > [詳細設定] の [ユーザーごとの送信ゲートウェイを許可] 設定"
        case (.checkMailFromOtherAccounts, .en): "Gmail > Settings > See all settings > Accounts and Import > \"Check mail from other accounts\""
        case (.checkMailFromOtherAccounts, .ja): "Gmail の [設定] > [すべての設定を表示] > [アカウントとインポート] > [他のアカウントのメールを確認]"
        }
    }
}
