#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SMTPProbe

/// The results of a run as Prometheus metrics, labelled by target (`host:port`, see
/// ``TargetNames``) and, for what belongs to one connection, by address.
struct PrometheusRenderer {
    typealias Sample = PrometheusExposition.Sample

    func render(_ results: [BatchResult], finishedAt: Date) -> String {
        let names = TargetNames.names(results)
        let reports = zip(names, results).compactMap { name, result -> (String, ProbeReport)? in
            guard case .success(let report) = result.outcome else { return nil }
            return (name, report)
        }
        var out = PrometheusExposition()
        out.gauge("smtp_probe_success",
                  help: "1 when Gmail's route test should pass for the target (verdict pass or warn), 0 otherwise.",
                  zip(names, results).map { name, result in
                      var success = 0.0
                      if case .success(let report) = result.outcome, report.verdict != .fail { success = 1 }
                      return Sample(labels: [("target", name)], value: success)
                  })
        out.gauge("smtp_probe_mx_of_info",
                  help: "1 for each mail domain whose MX lookup found the target, to group targets by domain.",
                  reports.flatMap { target, report in
                      (report.target.mxOf ?? []).map { Sample(labels: [("target", target), ("domain", $0)], value: 1) }
                  })
        out.gauge("smtp_probe_verdict",
                  help: "The target's verdict: 1 for the verdict it got (pass, warn or fail), 0 for the others.",
                  reports.flatMap { target, report in
                      [Verdict.pass, .warn, .fail].map { verdict in
                          Sample(labels: [("target", target), ("verdict", verdict.rawValue)], value: report.verdict == verdict ? 1 : 0)
                      }
                  })
        out.gauge("smtp_probe_findings",
                  help: "The number of findings of each code for the target, over all its addresses.",
                  reports.flatMap { target, report in
                      Dictionary(grouping: report.findings) { "\($0.code) \($0.severity.rawValue)" }
                          .sorted { $0.key < $1.key }
                          .map { _, findings in
                              Sample(labels: [("target", target), ("code", findings[0].code.rawValue),
                                              ("severity", findings[0].severity.rawValue)],
                                     value: Double(findings.count))
                          }
                  })
        out.gauge("smtp_probe_dns_duration_seconds", help: "How long the address lookup took.",
                  reports.compactMap { target, report in
                      report.timingsMS["dns"].map { Sample(labels: [("target", target)], value: Self.seconds($0)) }
                  })
        out.gauge("smtp_probe_address_success",
                  help: "1 when the address's own verdict is pass or warn, 0 when it is fail.",
                  addressSamples(reports) { address in address.verdict == .fail ? 0 : 1 })
        out.gauge("smtp_probe_phase_duration_seconds",
                  help: "How long each step of the conversation with the address took; phase total is the whole probe of the address.",
                  reports.flatMap { target, report in
                      report.addresses.flatMap { address in
                          Self.phases.compactMap { phase in
                              address.timingsMS[phase].map {
                                  Sample(labels: [("target", target), ("address", address.address), ("phase", phase)], value: Self.seconds($0))
                              }
                          }
                      }
                  })
        out.gauge("smtp_probe_tls_version_info",
                  help: "The TLS version and cipher suite the address negotiated (always 1).",
                  reports.flatMap { target, report in
                      report.addresses.compactMap { address in
                          address.tls.map { tls in
                              Sample(labels: [("target", target), ("address", address.address), ("version", tls.version),
                                              ("cipher", tls.cipher ?? "")], value: 1)
                          }
                      }
                  })
        out.gauge("smtp_probe_cert_not_after_seconds",
                  help: "When the server's own certificate expires, in seconds since the Unix epoch.",
                  addressSamples(reports) { $0.certificates.first?.notAfter?.timeIntervalSince1970 })
        out.gauge("smtp_probe_cert_chain_trusted",
                  help: "1 when the certificate chain the address sent is trusted, 0 when it is not.",
                  addressSamples(reports) { address in address.verification.map { $0.chainTrusted ? 1 : 0 } })
        out.gauge("smtp_probe_cert_hostname_match",
                  help: "1 when the address's certificate names the route host, 0 when it does not.",
                  addressSamples(reports) { address in address.verification?.hostnameMatches.map { $0 ? 1 : 0 } })
        out.gauge("smtp_probe_run_timestamp_seconds",
                  help: "When this run of smtp-probe ended, in seconds since the Unix epoch.",
                  [Sample(labels: [], value: finishedAt.timeIntervalSince1970.rounded())])
        return out.text
    }

    /// Report timings are milliseconds to 0.1 ms; dividing in whole tenths keeps them exact.
    private static func seconds(_ milliseconds: Double) -> Double {
        (milliseconds * 10).rounded() / 10_000
    }

    // POP3 and IMAP (--protocol) have their capability, login and mailbox-size steps; SMTP its AUTH.
    private static let phases = ["connect", "greeting", "ehlo", "helo", "capability", "starttls", "handshake", "ehlo_after_tls",
                                 "capability_after_tls", "auth", "login", "mailbox_size", "total"]

    private func addressSamples(_ reports: [(String, ProbeReport)],
                                _ value: (AddressReport) -> Double?) -> [Sample] {
        reports.flatMap { target, report in
            report.addresses.compactMap { address in
                value(address).map { Sample(labels: [("target", target), ("address", address.address)], value: $0) }
            }
        }
    }
}
