#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
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
        var calendar = Calendar(identifier: .gregorian)
        // A fixed offset, not the name "UTC": named zones need ICU (FoundationInternationalization).
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return cFormat("%04d-%02d-%02d %02d:%02d UTC", Int32(c.year ?? 0), Int32(c.month ?? 0), Int32(c.day ?? 0),
                       Int32(c.hour ?? 0), Int32(c.minute ?? 0))
    }
}

/// Dates as reports show them.
public enum FindingDates {
    /// `2026-11-23 09:30 UTC`.
    public static func format(_ date: Date) -> String { FindingCatalog.format(date) }
}
