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
