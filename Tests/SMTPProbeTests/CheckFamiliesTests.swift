import Foundation
import Testing
@testable import SMTPProbe

/// The families of checks are the one list of codes: every code belongs to exactly one family,
/// and the README's table of findings lists exactly these codes.
@Suite("Families of checks and their codes")
struct CheckFamiliesTests {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyCodeBelongsToExactlyOneFamily() {
        let codes = CheckFamilies.codes
        #expect(Set(codes).count == codes.count, "a code is listed by two families, or twice")
    }

    @Test func theREADMEListsExactlyTheCodesOfTheFamilies() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        // The rows of the table under "## Findings": | `code` | severity | ...
        let section = try #require(readme.components(separatedBy: "\n## Findings\n").dropFirst().first)
        let table = section.components(separatedBy: "\n## ").first ?? section
        let listed = table.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        #expect(Set(listed) == Set(CheckFamilies.codes.map(\.rawValue)))
        #expect(listed.count == Set(listed).count)
    }

    /// Codes are named `area.name`, and a family's codes share their areas with no other
    /// family: renderers pick findings by area. The one exception is a migration plan's
    /// family (`RelayPlanProblem`), which judges the plan of what its live family
    /// (`RelayProblem`) tests, under the same area: `relay.*` is about the relay either way.
    @Test func everyCodeIsNamedUnderAnAreaOfItsOwnFamily() {
        var owner: [FindingArea: String] = [:]
        for family in CheckFamilies.all {
            for code in family.codes {
                #expect(!code.area.rawValue.isEmpty && code.rawValue.count > code.area.rawValue.count + 1, "\(code)")
                let name = "\(family)".replacingOccurrences(of: "PlanProblem", with: "Problem")
                #expect(owner[code.area, default: name] == name, "\(code) is under another family's area")
                owner[code.area] = name
            }
        }
    }
}
