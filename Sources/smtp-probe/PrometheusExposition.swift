/// Prometheus' text exposition format (version 0.0.4), for a file written once per run.
///
/// Written by hand rather than with swift-prometheus: that library keeps a registry of live
/// metrics for a long-running process, while a run here writes one file and exits; the
/// format itself is a few lines of escaping.
struct PrometheusExposition {
    struct Sample {
        var labels: [(String, String)]
        var value: Double
    }

    private(set) var text = ""

    /// One metric family: HELP, TYPE, then every sample. A family without samples is left out.
    mutating func gauge(_ name: String, help: String, _ samples: [Sample]) {
        guard !samples.isEmpty else { return }
        text += "# HELP \(name) \(Self.escapeHelp(help))\n"
        text += "# TYPE \(name) gauge\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                text += "{" + sample.labels.map { "\($0.0)=\"\(Self.escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
            }
            text += " " + Self.format(sample.value) + "\n"
        }
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabelValue(_ value: String) -> String { escape(value, quotes: true) }

    /// HELP text escapes backslash and line feed only.
    static func escapeHelp(_ text: String) -> String { escape(text, quotes: false) }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"" where quotes: out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Whole numbers without a fraction (timestamps stay exact), others in Swift's shortest
    /// round-tripping form, which Prometheus parses.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
