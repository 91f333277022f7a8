#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The English words of the batch checks: each problem's message and detail, and each remedy.
extension BatchProblem {
    var enMessage: String {
        switch self {
        case .deadlineExceeded(let seconds): "The run's overall deadline (\(TextFormat.seconds(seconds, .en))) passed before this target's probe ended"
        }
    }

    var enDetail: String? {
        switch self {
        case .deadlineExceeded:
            "Nothing is known about this target from this run: it was still waiting its turn, or still talking to a slow or stalling server. The other targets' results are not affected."
        }
    }
}

extension BatchRemedy {
    func enText(routeHost: String) -> String {
        switch self {
        case .allowMoreTime:
            "Probe this target on its own to see which step stalls, or give the run more time (--deadline) or more targets at once (--concurrency)."
        }
    }
}
