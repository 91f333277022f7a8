/// The language of messages and remedies.
public enum Language: String, Codable, Sendable, CaseIterable {
    case en, ja

    /// The language a locale environment asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`;
    /// Japanese when it starts with `ja`, English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? .ja : .en
            }
        }
        return .en
    }
}

extension Language {
    /// The text in this language, for words written once with their English beside their
    /// Japanese: `language.pick(en: "Connected", ja: "接続")`. Only the chosen one is built.
    public func pick<Text>(en: @autoclosure () -> Text, ja: @autoclosure () -> Text) -> Text {
        switch self {
        case .en: en()
        case .ja: ja()
        }
    }
}
