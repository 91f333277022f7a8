/// The offline checks of a plan's SMTP relay service settings (smtp-relay.gmail.com, seed
/// 000): authentication, allowed ranges, senders, and the daily limit. Judges Plan/'s facts.
enum RelayPlanProblem: CheckProblem {
    /// A device that authenticates (or must) without TLS: the relay offers SMTP AUTH only
    /// over TLS.
    case authWithoutTLS(device: String, required: Bool)
    case rangeInvalid(range: String, reason: CIDRRange.Invalid)
    /// More than 65,536 addresses in one range.
    case rangeTooLarge(range: String, hostBits: Int)
    case rangePrivate(range: String, kind: NonPublicSpace)
    /// A device whose address no allowed range holds while SMTP AUTH is not required.
    case deviceOutsideRanges(device: String, address: String)
    case anySender
    case nullSenderMultipleRcpt(device: String)
    /// The devices' messages a day against about 130 a licence.
    case dailyLimit(total: Int, limit: Int, licences: Int)

    static let codes: [FindingCode] = [
        .relayAuthWithoutTLS, .relayRangeInvalid, .relayRangeTooLarge, .relayRangePrivate,
        .relayDeviceOutsideRanges, .relayAnySender, .relayNullSenderMultipleRcpt, .relayDailyLimit,
    ]

    /// Messages a day the relay takes for each licence (seed 000: about 130 × licences).
    static let messagesPerLicence = 130
    /// The share of the daily limit from which the plan is warned.
    static let warningPercent = 80
    /// The most addresses one allowed range may hold: 2^16.
    static let maximumHostBits = 16

    var code: FindingCode {
        switch self {
        case .authWithoutTLS: .relayAuthWithoutTLS
        case .rangeInvalid: .relayRangeInvalid
        case .rangeTooLarge: .relayRangeTooLarge
        case .rangePrivate: .relayRangePrivate
        case .deviceOutsideRanges: .relayDeviceOutsideRanges
        case .anySender: .relayAnySender
        case .nullSenderMultipleRcpt: .relayNullSenderMultipleRcpt
        case .dailyLimit: .relayDailyLimit
        }
    }

    var severity: Severity {
        switch self {
        case .anySender: .warn
        case .dailyLimit(let total, let limit, _): total > limit ? .fail : .warn
        default: .fail
        }
    }

    func message(_ language: Language) -> String { language.pick(en: enMessage, ja: jaMessage) }
    func detail(_ language: Language) -> String? { language.pick(en: enDetail, ja: jaDetail) }

    var remedies: [RelayPlanRemedy] {
        switch self {
        case .authWithoutTLS(let device, _): [.useTLSForAuth(device: device), .authenticateByAddress(device: device)]
        case .rangeInvalid: [.writeCIDR]
        case .rangeTooLarge: [.narrowRange]
        case .rangePrivate: [.usePublicAddress]
        case .deviceOutsideRanges(let device, let address): [.coverDevice(device: device, address: address), .requireAuth(device: device)]
        case .anySender: [.restrictSenders]
        case .nullSenderMultipleRcpt(let device): [.oneRecipientForNullSender(device: device)]
        case .dailyLimit: [.reduceVolume]
        }
    }
}

/// The remedies of the relay plan checks; each names the console setting to change.
enum RelayPlanRemedy: CheckRemedy {
    case useTLSForAuth(device: String)
    case authenticateByAddress(device: String)
    case writeCIDR
    case narrowRange
    case usePublicAddress
    case coverDevice(device: String, address: String)
    case requireAuth(device: String)
    case restrictSenders
    case oneRecipientForNullSender(device: String)
    case reduceVolume

    var kind: String {
        switch self {
        case .useTLSForAuth: "use_tls_for_auth"
        case .authenticateByAddress: "authenticate_by_address"
        case .writeCIDR: "write_cidr_range"
        case .narrowRange: "narrow_range"
        case .usePublicAddress: "use_public_address"
        case .coverDevice: "allow_device_address"
        case .requireAuth: "require_smtp_auth"
        case .restrictSenders: "restrict_allowed_senders"
        case .oneRecipientForNullSender: "one_recipient_for_null_sender"
        case .reduceVolume: "reduce_relay_volume"
        }
    }

    func text(_ language: Language, routeHost: String) -> String {
        language.pick(en: enText, ja: jaText)
    }
}

extension FindingCode {
    public static let relayAuthWithoutTLS = FindingCode("relay.auth_without_tls")
    public static let relayRangeInvalid = FindingCode("relay.range_invalid")
    public static let relayRangeTooLarge = FindingCode("relay.range_too_large")
    public static let relayRangePrivate = FindingCode("relay.range_private")
    public static let relayDeviceOutsideRanges = FindingCode("relay.device_outside_ranges")
    public static let relayAnySender = FindingCode("relay.any_sender")
    public static let relayNullSenderMultipleRcpt = FindingCode("relay.null_sender_multiple_rcpt")
    public static let relayDailyLimit = FindingCode("relay.daily_limit")
}
