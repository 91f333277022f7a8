#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Dates as reports show them.
public enum FindingDates {
    /// `2026-11-23 09:30 UTC`: dates in reports are always UTC, so two admins in two time
    /// zones read the same thing.
    public static func format(_ date: Date) -> String {
        // gmtime_r, not Calendar: a Gregorian Calendar costs a text report half a millisecond
        // to set up, for a conversion the C library does in microseconds.
        guard let fields = utc(date) else { return "\(date)" }
        return cFormat("%04d-%02d-%02d %02d:%02d UTC", fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday,
                       fields.tm_hour, fields.tm_min)
    }

    /// `2026-11-23T09:30:00Z`, as JSON reports write dates (RFC 3339, UTC, whole seconds).
    public static func iso8601(_ date: Date) -> String {
        guard let fields = utc(date) else { return "\(date)" }
        return cFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday,
                       fields.tm_hour, fields.tm_min, fields.tm_sec)
    }

    /// The broken-down UTC time of `date` (`gmtime_r`), to the second below it.
    static func utc(_ date: Date) -> tm? {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        return gmtime_r(&seconds, &fields) == nil ? nil : fields
    }
}

/// Words that findings of every family share.
enum TextFormat {
    /// `2.5 s`, `3 秒`: a duration as findings give it.
    static func seconds(_ value: Double, _ language: Language) -> String {
        let unit = language.pick(en: "s", ja: "秒")
        return value == value.rounded() ? "\(Int(value)) \(unit)" : cFormat("%.1f \(unit)", value)
    }

    /// What the admin console says when its test fails on the certificate.
    static func consoleCouldNotVerify(_ language: Language) -> String {
        switch language {
        case .en: "could not verify certificate"
        case .ja: "証明書を検証できませんでした"
        }
    }
}

extension RouteOption {
    /// The option's name as the admin console shows it, in `language`.
    public func consoleName(_ language: Language) -> String {
        switch (self, language) {
        case (.requireTLS, .en): "Require secure transport (TLS)"
        case (.requireCASigned, .en): "Require CA signed certificate"
        case (.validateHostname, .en): "Validate certificate hostname"
        case (.requireTLS, .ja): "セキュアなトランスポート(TLS)を使用する"
        case (.requireCASigned, .ja): "CA 署名済み証明書を使用する"
        case (.validateHostname, .ja): "証明書のホスト名を検証する"
        }
    }

    /// What turning the option off gives up, in one sentence.
    func cost(_ language: Language) -> String {
        switch (self, language) {
        case (.requireTLS, .en): "without TLS the mail travels in clear text and can be read or altered on the way."
        case (.requireCASigned, .en): "without a CA-signed certificate, anyone able to intercept the connection can pose as the server."
        case (.validateHostname, .en): "without hostname validation, any server with any CA-signed certificate can receive this mail."
        case (.requireTLS, .ja): "TLS がなければメールは平文で送られ、途中で読まれたり改ざんされたりするおそれがあります。"
        case (.requireCASigned, .ja): "CA 署名済み証明書がなければ、接続を傍受できる誰もがサーバーになりすませます。"
        case (.validateHostname, .ja): "ホスト名を検証しなければ、CA 署名済みの証明書を持つどのサーバーでもこのメールを受け取れます。"
        }
    }
}
