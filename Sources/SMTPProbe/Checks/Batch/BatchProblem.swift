/// The checks of a run over many targets: what the run itself, not a server, cut short. The
/// smallest family, so its words stand beside its cases, each English text next to its
/// Japanese one.
enum BatchProblem: CheckProblem {
    /// A run over many targets reached its overall deadline before this target's probe ended.
    case deadlineExceeded(seconds: Double)

    static let codes: [FindingCode] = [.probeDeadlineExceeded]

    var code: FindingCode { .probeDeadlineExceeded }
    var severity: Severity { .fail }

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.deadlineExceeded(let seconds), .en):
            "The run's overall deadline (\(TextFormat.seconds(seconds, .en))) passed before this target's probe ended"
        case (.deadlineExceeded(let seconds), .ja):
            "このターゲットの検査が終わる前に、実行全体の制限時間 (\(TextFormat.seconds(seconds, .ja))) が過ぎました"
        }
    }

    func detail(_ language: Language) -> String? {
        switch (self, language) {
        case (.deadlineExceeded, .en):
            "Nothing is known about this target from this run: it was still waiting its turn, or still talking to a slow or stalling server. The other targets' results are not affected."
        case (.deadlineExceeded, .ja):
            "この実行では、このターゲットについて何もわかっていません。順番を待っていたか、応答の遅いサーバーや止まったサーバーとまだ通信していました。ほかのターゲットの結果には影響しません。"
        }
    }

    var remedies: [BatchRemedy] { [.allowMoreTime] }
}

/// The remedies of the batch checks.
enum BatchRemedy: CheckRemedy {
    case allowMoreTime

    var kind: String { "allow_more_time" }

    func text(_ language: Language, routeHost: String) -> String {
        switch (self, language) {
        case (.allowMoreTime, .en):
            "Probe this target on its own to see which step stalls, or give the run more time (--deadline) or more targets at once (--concurrency)."
        case (.allowMoreTime, .ja):
            "このターゲットだけを検査してどの段階で止まるかを確認するか、実行の制限時間 (--deadline) や同時に検査するターゲット数 (--concurrency) を増やしてください。"
        }
    }
}

extension FindingCode {
    /// The run's overall deadline passed before this target's probe ended.
    public static let probeDeadlineExceeded = FindingCode("probe.deadline_exceeded")
}
