/// Judges a plan's relay settings: each allowed range, each device, the senders allowed and
/// the daily volume, one ``PlanJudgement`` per check made.
enum RelayPlanCheck {
    static func judge(_ relay: PlanRelay, licences: PlanValue<Int>?, language: Language) -> [PlanJudgement] {
        var judgements: [PlanJudgement] = []
        let senders = relay.allowedSenders
        judgements.append(PlanJudgement(.relayAnySender, line: senders.line,
                                        problem: senders.value == .any ? RelayPlanProblem.anySender : nil,
                                        passed: language.pick(en: "Allowed senders: \(senders.value.rawValue)", ja: "許可する送信者: \(senders.value.rawValue)")))
        var ranges: [CIDRRange] = []
        for written in relay.allowedRanges {
            let shown = written.value.echoedInError
            switch CIDRRange.parse(written.value) {
            case .failure(let reason):
                judgements.append(PlanJudgement(.relayRangeInvalid, line: written.line,
                                                problem: RelayPlanProblem.rangeInvalid(range: shown, reason: reason), passed: ""))
            case .success(let range):
                ranges.append(range)
                let large = range.hostBits > RelayPlanProblem.maximumHostBits
                judgements.append(PlanJudgement(.relayRangeTooLarge, line: written.line,
                                                problem: large ? RelayPlanProblem.rangeTooLarge(range: shown, hostBits: range.hostBits) : nil,
                                                passed: language.pick(en: "\(shown) holds \(RelayPlanProblem.addresses(range.hostBits)) addresses",
                                                                      ja: "\(shown) のアドレス数は \(RelayPlanProblem.addresses(range.hostBits))")))
                let kind = NonPublicSpace.kind(of: range)
                judgements.append(PlanJudgement(.relayRangePrivate, line: written.line,
                                                problem: kind.map { RelayPlanProblem.rangePrivate(range: shown, kind: $0) },
                                                passed: language.pick(en: "\(shown) is public address space", ja: "\(shown) は公開アドレス空間です")))
            }
        }
        for device in relay.devices {
            judgements += judge(device, relay: relay, ranges: ranges, language: language)
        }
        if let licences {
            let limit = licences.value * RelayPlanProblem.messagesPerLicence
            let total = relay.devices.reduce(0) { $0 + $1.messagesPerDay.value }
            let near = total * 100 >= limit * RelayPlanProblem.warningPercent
            judgements.append(PlanJudgement(.relayDailyLimit, line: licences.line,
                                            problem: near ? RelayPlanProblem.dailyLimit(total: total, limit: limit, licences: licences.value) : nil,
                                            passed: language.pick(
                                                en: "The devices send \(PlanJudgement.grouped(total)) of about \(PlanJudgement.grouped(limit)) messages a day (\(RelayPlanProblem.percent(total, limit)) %)",
                                                ja: "デバイスの送信数は 1 日約 \(PlanJudgement.grouped(limit)) 通のうち \(PlanJudgement.grouped(total)) 通 (\(RelayPlanProblem.percent(total, limit))%)")))
        }
        return judgements
    }

    private static func judge(_ device: RelayDevice, relay: PlanRelay, ranges: [CIDRRange], language: Language) -> [PlanJudgement] {
        let name = device.name.echoedInError
        var judgements: [PlanJudgement] = []
        let mustLogIn = relay.requireSMTPAuth.value
        if device.smtpAuth.value || mustLogIn {
            let clear = device.tls.value == .none
            judgements.append(PlanJudgement(.relayAuthWithoutTLS, line: device.tls.line,
                                            problem: clear ? RelayPlanProblem.authWithoutTLS(device: name, required: mustLogIn && !device.smtpAuth.value) : nil,
                                            passed: language.pick(en: "\(name) logs in over TLS", ja: "\(name) は TLS 経由でログインします")))
        }
        if !mustLogIn, let address = device.address {
            let covered = ranges.contains { $0.contains(address.value) }
            judgements.append(PlanJudgement(.relayDeviceOutsideRanges, line: address.line,
                                            problem: covered ? nil : RelayPlanProblem.deviceOutsideRanges(device: name, address: address.value.description),
                                            passed: language.pick(en: "\(name) (\(address.value)) is in an allowed IP range",
                                                                  ja: "\(name) (\(address.value)) は許可 IP 範囲に含まれます")))
        }
        // The relay command's own rules (Checks/Relay), judged from the plan: the port under
        // "Require TLS encryption", and a generic EHLO name.
        let relayRules = RelayProblem.judge(port: device.port.value, requireTLS: relay.requireTLS.value, ehloName: device.ehlo?.value)
        if relay.requireTLS.value {
            judgements.append(PlanJudgement(.relayPortForRequiredTLS, line: device.port.line,
                                            problem: relayRules.first { $0.code == .relayPortForRequiredTLS },
                                            passed: language.pick(en: "\(name) uses port 587, as required TLS asks",
                                                                  ja: "\(name) は TLS 必須のとおりポート 587 を使います")))
        }
        if let ehlo = device.ehlo {
            let shown = ehlo.value.echoedInError
            judgements.append(PlanJudgement(.relayGenericEHLO, line: ehlo.line,
                                            problem: relayRules.first { $0.code == .relayGenericEHLO },
                                            passed: language.pick(en: "\(name) says a name of its own in EHLO (\(shown))",
                                                                  ja: "\(name) は EHLO で固有の名前 (\(shown)) を名乗ります")))
        }
        let nullSender = device.nullSenderMultipleRcpt
        judgements.append(PlanJudgement(.relayNullSenderMultipleRcpt, line: nullSender.line,
                                        problem: nullSender.value ? RelayPlanProblem.nullSenderMultipleRcpt(device: name) : nil,
                                        passed: language.pick(en: "\(name) sends no empty-sender mail to several recipients at once",
                                                              ja: "\(name) は空の送信者で複数の宛先に同時送信しません")))
        return judgements
    }
}
