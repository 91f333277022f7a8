/// The live test of the relay service from this machine: for each device, `smtp-probe relay`'s
/// probe of the plan's relay server on the device's port, saying the device's EHLO name, with
/// TLS as the device starts it. Devices alike in port, EHLO name, TLS and SMTP AUTH share one
/// probe, reported on each device's line.
struct ChecklistRelayTest {
    let relay: PlanRelay
    let plan: MigrationPlan

    /// What makes two devices the same probe.
    private struct Key: Hashable {
        var port: Int
        var ehlo: String?
        var tls: DeviceTLS
        var smtpAuth: Bool
    }

    func items(offline: Bool, options: ProbeOptions, live: ChecklistLiveOptions) async throws -> [ChecklistItem] {
        let language = options.language
        let devices = relay.devices
        guard !offline else {
            return devices.map { device in
                ChecklistLiveCheck.relayReachable(device: device.name.echoedInError, port: device.port.value)
                    .skipped(.offline, area: .relay, location: plan.location(line: device.line), language: language)
            }
        }
        guard !devices.isEmpty else { return [] }
        let prober = RelayProber(prober: try SMTPProber())
        var options = options
        options.connectTo = live.relayConnectTo ?? options.connectTo
        var reports: [Key: Result<ProbeReport, SMTPProbeError>] = [:]
        var items: [ChecklistItem] = []
        for device in devices {
            let smtpAuth = device.smtpAuth.value || relay.requireSMTPAuth.value
            let key = Key(port: device.port.value, ehlo: device.ehlo?.value, tls: device.tls.value, smtpAuth: smtpAuth)
            if reports[key] == nil {
                var probeOptions = options
                // A device without TLS still meets the relay's STARTTLS: the probe tests what the relay offers.
                probeOptions.tlsMode = device.tls.value == .implicit ? .implicit : .starttls
                do {
                    reports[key] = .success(try await prober.probe(
                        host: relay.server, port: key.port, ehloName: key.ehlo, requireTLS: relay.requireTLS.value,
                        smtpAuth: smtpAuth, options: probeOptions))
                } catch let error as SMTPProbeError {
                    reports[key] = .failure(error)
                }
            }
            let check = ChecklistLiveCheck.relayReachable(device: device.name.echoedInError, port: key.port)
            let location = plan.location(line: device.line)
            switch reports[key]! {
            case .success(let report):
                // The relay's client rules (port, EHLO name) are the plan's checks, already listed.
                let findings = report.findings.filter { $0.code.area.rawValue != "relay" }
                    .map { ("\(report.target.host):\(report.target.port)", $0) }
                items += ChecklistRunner.items(findings, passing: check, area: .relay, location: location, language: language)
            case .failure(let error):
                // An EHLO name that is not one: the plan's checks say so; nothing was probed.
                var skipped = check.skipped(.notMade, area: .relay, location: location, language: language)
                skipped.message = "\(device.name.echoedInError): \(error.reason)"
                items.append(skipped)
            }
        }
        return items
    }
}
