extension SMTPPhase {
    /// The step's name in a sentence, in `language`.
    func name(_ language: Language) -> String {
        switch (self, language) {
        case (.connect, .en): "connecting"
        case (.greeting, .en): "the greeting"
        case (.ehlo, .en): "EHLO"
        case (.helo, .en): "HELO"
        case (.starttls, .en): "STARTTLS"
        case (.handshake, .en): "the TLS handshake"
        case (.ehloAfterTLS, .en): "EHLO after TLS"
        case (.quit, .en): "QUIT"
        case (.connect, .ja): "接続"
        case (.greeting, .ja): "接続時の応答 (グリーティング)"
        case (.ehlo, .ja): "EHLO"
        case (.helo, .ja): "HELO"
        case (.starttls, .ja): "STARTTLS"
        case (.handshake, .ja): "TLS ハンドシェイク"
        case (.ehloAfterTLS, .ja): "TLS 開始後の EHLO"
        case (.quit, .ja): "QUIT"
        }
    }
}
