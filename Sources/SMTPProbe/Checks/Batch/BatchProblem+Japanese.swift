#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Japanese words of the batch checks: each problem's message and detail, and each remedy.
extension BatchProblem {
    var jaMessage: String {
        switch self {
        case .deadlineExceeded(let seconds): "このターゲットの検査が終わる前に、実行全体の制限時間 (\(TextFormat.seconds(seconds, .ja))) が過ぎました"
        }
    }

    var jaDetail: String? {
        switch self {
        case .deadlineExceeded:
            "この実行では、このターゲットについて何もわかっていません。順番を待っていたか、応答の遅いサーバーや止まったサーバーとまだ通信していました。ほかのターゲットの結果には影響しません。"
        }
    }
}

extension BatchRemedy {
    func jaText(routeHost: String) -> String {
        switch self {
        case .allowMoreTime:
            "このターゲットだけを検査してどの段階で止まるかを確認するか、実行の制限時間 (--deadline) や同時に検査するターゲット数 (--concurrency) を増やしてください。"
        }
    }
}
