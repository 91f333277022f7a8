import Foundation
import Testing

/// The folders of the core library are layers (docs/architecture.md): scripts/check-layers.sh
/// says which folder uses which, and fails on two folders that use each other or on a facts
/// folder that speaks of findings.
@Suite("The library's folders are layers")
struct LayerTests {
    private static let script = ExternalCheckers.repository.appendingPathComponent("scripts/check-layers.sh")
    private static let sources = ExternalCheckers.repository.appendingPathComponent("Sources/SMTPProbe")

    private func check(_ root: URL, list: URL? = nil) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        if let list { environment["LAYERS_DECLARED"] = list.path }
        return try Subprocess.run(URL(fileURLWithPath: "/bin/bash"), [Self.script.path, root.path], environment: environment)
    }

    @Test func theSourceTreeIsLayered() throws {
        let result = try check(Self.sources)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Checks/DNS"))
    }

    /// The check itself can fail: a copy of the tree with a planted cycle and a planted
    /// finding in DNS/ is refused, each for its own reason.
    @Test func aCycleOrAFindingBelowTheChecksIsRefused() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("layers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.sources, to: copy)
        let list = copy.appendingPathComponent("declared.txt")
        try "struct DNSUsesAFinding { var finding: Finding? }\n"
            .write(to: copy.appendingPathComponent("DNS/Planted.swift"), atomically: true, encoding: .utf8)
        var result = try check(copy, list: list)
        #expect(result.status != 0)
        #expect(result.stderr.contains("facts folder DNS mentions a judgement type"))

        try FileManager.default.removeItem(at: copy.appendingPathComponent("DNS/Planted.swift"))
        try "extension DNSResolver { func judged(_ problem: DNSProblem) {} }\n"
            .write(to: copy.appendingPathComponent("DNS/Planted.swift"), atomically: true, encoding: .utf8)
        result = try check(copy, list: list)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Checks/DNS and DNS use each other's types"))
    }
}
