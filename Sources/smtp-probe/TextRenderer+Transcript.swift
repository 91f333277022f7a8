import SMTPProbe

extension TextRenderer {
    /// The transcript of one connection (`--transcript`), in the text report itself so that
    /// `--output` keeps it with the findings it explains: what an admin pastes into a ticket.
    /// `S:` and `C:` as in the RFCs' examples; every server line already escaped by the library,
    /// every secret already masked.
    func renderTranscript(_ entries: [TranscriptEntry]?) -> String {
        guard let entries, !entries.isEmpty else { return "" }
        var out = "\n  " + style.bold(language.pick(
            en: "Transcript (ms since the connection was established; C: smtp-probe, S: the server)",
            ja: "通信記録 (接続確立からのミリ秒。C: smtp-probe、S: サーバー)")) + "\n"
        for entry in entries {
            let time = cFormat("%8.1f", entry.ms)
            let line = switch entry.kind {
            case .sent: "C: " + entry.text
            case .received: "S: " + entry.text
            case .tlsStarted: style.dim(language.pick(en: "-- TLS handshake begins", ja: "-- TLS ハンドシェイク開始"))
            case .tlsEstablished: style.dim(language.pick(en: "-- TLS established: ", ja: "-- TLS 確立: ") + entry.text)
            case .dropped: language.pick(en: "!! never read (", ja: "!! 読まずに破棄 (") + entry.text + ")"
            }
            out += "  " + style.dim(time) + "  " + line + "\n"
        }
        return out
    }
}
