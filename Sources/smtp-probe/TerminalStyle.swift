#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// ANSI colour on a terminal; none when piped, when `NO_COLOR` is set (no-color.org), for
/// `TERM=dumb`, or with `--no-color`.
struct TerminalStyle {
    let enabled: Bool

    init(disabled: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        enabled = !disabled && !noColor && environment["TERM"] != "dumb" && isatty(STDOUT_FILENO) == 1
    }

    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
