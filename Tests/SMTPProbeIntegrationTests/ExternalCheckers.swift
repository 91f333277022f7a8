import Dispatch
import Foundation
import Testing

/// The checkers that judge real output by someone else's rules: Python's `jsonschema` for the
/// JSON Schema in docs/, and Prometheus' `promtool`. When one is missing the test fails and
/// says how to install it (scripts/test.sh does, as root), rather than passing without checking anything.
enum ExternalCheckers {
    struct Outcome {
        var passed: Bool
        var output: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var schemaPath: String { repository.appendingPathComponent("docs/report.schema.json").path }

    private static let validator = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit("Python's jsonschema is not installed: python3 -m pip install jsonschema (scripts/test.sh installs it)")
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        if len(sys.argv) > 3:
            # One whole document, judged by one of the schema's definitions.
            schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + sys.argv[3]}
            documents = [(1, open(sys.argv[2]).read())]
        else:
            documents = [(n, line) for n, line in enumerate(open(sys.argv[2]), 1) if line.strip()]
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = 0
        count = 0
        for number, line in documents:
            count += 1
            for error in validator.iter_errors(json.loads(line)):
                errors += 1
                print(f"line {number}: {error.json_path}: {error.message[:300]}")
        if count == 0:
            sys.exit("no JSON lines to validate")
        print(f"{count} reports checked, {errors} errors")
        sys.exit(1 if errors else 0)
        """

    /// Validates each line of `jsonLines` against docs/report.schema.json.
    static func validateAgainstSchema(jsonLines: String) async throws -> Outcome {
        let file = try temporaryFile("reports.jsonl", contents: jsonLines)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try await run("/usr/bin/env", ["python3", "-c", validator, schemaPath, file])
    }

    /// Validates one JSON document against a definition of docs/report.schema.json, such as
    /// `routeFileReport`.
    static func validateAgainstSchema(document: String, definition: String) async throws -> Outcome {
        let file = try temporaryFile("report.json", contents: document)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try await run("/usr/bin/env", ["python3", "-c", validator, schemaPath, file, definition])
    }

    /// `promtool check metrics` on the file at `path`.
    static func promtoolCheck(_ path: String) async throws -> Outcome {
        guard let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(where: FileManager.default.isExecutableFile) else {
            return Outcome(passed: false, output: "promtool not found: apt-get install prometheus (scripts/test.sh installs it)")
        }
        let result = try await offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: promtool), ["check", "metrics"],
                               input: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), mergeErrors: true)
        }
        return Outcome(passed: result.status == 0, output: result.stdout)
    }

    static func runCommand(_ arguments: [String]) async throws -> CLITests.Run {
        try await CLITests.run(arguments)
    }

    static func temporaryFile(_ name: String, contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("smtp-probe-\(UUID().uuidString)-\(name)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func run(_ executable: String, _ arguments: [String]) async throws -> Outcome {
        let result = try await offCooperativeThreads {
            try Subprocess.run(URL(fileURLWithPath: executable), arguments, mergeErrors: true)
        }
        return Outcome(passed: result.status == 0, output: result.stdout)
    }

    /// Runs `body`, which waits for a process, on a Dispatch thread: blocking one of Swift's
    /// few cooperative threads would stall the tests that run meanwhile.
    static func offCooperativeThreads<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
