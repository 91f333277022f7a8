#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The words of one language for findings and remedies.
protocol FindingTexts: Sendable {
    /// What the admin console says when its test fails on the certificate.
    var consoleCouldNotVerify: String { get }
    func message(for issue: Problem) -> String
    func detail(for issue: Problem) -> String?
    func text(for remedy: RemedyKind, routeHost: String) -> String
    func routeOptionName(_ option: RouteOption) -> String
    /// What turning `option` off gives up, in one sentence.
    func cost(_ option: RouteOption) -> String
    /// What a failing host means for its route's mail, in one sentence.
    func consequence(_ consequence: RouteConsequence) -> String
    func phaseName(_ phase: SMTPPhase) -> String
}

/// Turns issues into findings in one language.
struct FindingCatalog: Sendable {
    let language: Language

    var texts: any FindingTexts {
        switch language {
        case .en: EnglishTexts()
        case .ja: JapaneseTexts()
        }
    }

    func finding(for issue: Problem, routeHost: String, address: String?) -> Finding {
        let texts = self.texts
        return Finding(
            code: issue.code,
            severity: issue.severity,
            message: texts.message(for: issue),
            detail: texts.detail(for: issue),
            consoleMessage: issue.isCertificateVerificationFailure ? texts.consoleCouldNotVerify : nil,
            certificate: issue.certificate?.position,
            address: address,
            remedies: RemedyKind.plan(for: issue).map { kind in
                var options: [RouteOption]?
                if case .relaxRouteOptions(let relax) = kind { options = relax }
                return Remedy(kind: kind.kind, text: texts.text(for: kind, routeHost: routeHost), routeOptions: options)
            })
    }

    /// `2026-11-23 09:30 UTC`: dates in reports are always UTC, so two admins in two time
    /// zones read the same thing.
    static func format(_ date: Date) -> String {
        // gmtime_r, not Calendar: a Gregorian Calendar costs a text report half a millisecond
        // to set up, for a conversion the C library does in microseconds.
        guard let fields = FindingDates.utc(date) else { return "\(date)" }
        return cFormat("%04d-%02d-%02d %02d:%02d UTC", fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday,
                       fields.tm_hour, fields.tm_min)
    }
}

/// Dates as reports show them.
public enum FindingDates {
    /// `2026-11-23 09:30 UTC`.
    public static func format(_ date: Date) -> String { FindingCatalog.format(date) }

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
