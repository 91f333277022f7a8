import Dispatch
import Foundation

/// Runs a program to its end and collects what it printed: the one way the tests run the
/// built command, the Postfix script, the schema validator and promtool.
enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `mergeErrors`: standard error goes into `stdout` too, in the order it was written.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                    input: FileHandle? = nil, mergeErrors: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let input { process.standardInput = input }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = mergeErrors ? out : err
        try process.run()
        // Standard error is drained on another thread: a program that fills that pipe while
        // this one waits on standard output would otherwise never finish.
        nonisolated(unsafe) var errors = Data()
        let drained = DispatchSemaphore(value: 0)
        if !mergeErrors {
            DispatchQueue.global().async {
                errors = err.fileHandleForReading.readDataToEndOfFile()
                drained.signal()
            }
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        if !mergeErrors { drained.wait() }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: String(decoding: errors, as: UTF8.self))
    }
}
