/// What a DNS record, a policy file or a web server said, made safe to show: every text that
/// reaches a finding goes through ``String/shown`` once, here, when the check builds it.
extension String {
    /// Control characters and backslashes written visibly (``escapingUntrustedCharacters``).
    var shown: String { escapingUntrustedCharacters }
}

extension MTASTSRecord.Fault {
    var shown: Self {
        switch self {
        case .missingID, .versionNotFirst: self
        case .invalidID(let id): .invalidID(id.shown)
        case .malformedField(let field): .malformedField(field.shown)
        }
    }
}

extension MTASTSPolicy.Fault {
    var shown: Self {
        switch self {
        case .notText, .missingField, .repeatedField: self
        case .malformedLine(let number, let text): .malformedLine(number: number, text: text.shown)
        case .invalidVersion(let value): .invalidVersion(value.shown)
        case .invalidMode(let value): .invalidMode(value.shown)
        case .invalidMaxAge(let value): .invalidMaxAge(value.shown)
        case .invalidMXPattern(let value): .invalidMXPattern(value.shown)
        }
    }
}

extension MTASTSPolicyFetch.Failure {
    var shown: Self {
        switch self {
        case .redirect(let status, let location): .redirect(status: status, location: location?.shown)
        case .status(let status, let reason): .status(status, reason: reason.shown)
        case .contentType(let type): .contentType(type?.shown)
        case .https(.certificateNameMismatch(let names)): .https(.certificateNameMismatch(presented: names.map(\.shown)))
        case .https: self
        }
    }
}
