internal import NIOConcurrencyHelpers

/// The limits of a batch: connections per address, and targets in progress for the whole run.
///
/// `--concurrency` counts targets being worked on (looked up, connected to), not targets
/// waiting for their address's turn: otherwise targets queued behind one slow, shared server
/// would hold every place, and targets on other servers would not start before the deadline.
struct BatchLimits: Sendable {
    let addresses: AddressLimiter
    let gate: BatchGate

    init(connectionsPerAddress: Int, concurrency: Int) {
        addresses = AddressLimiter(limit: connectionsPerAddress)
        gate = BatchGate(width: concurrency)
    }

    /// Takes a place for a connection to `address` for one connection of `target`. While every
    /// unfinished connection of the target waits for its place, the target does not count as in
    /// progress.
    func acquire(_ address: String, for target: TargetPlaces) async throws {
        if await addresses.tryAcquire(address) { return }
        if target.startWaiting() { await gate.leave() }
        do {
            try await addresses.acquire(address)
            if target.stopWaiting() { await gate.rejoin() }
        } catch {
            if target.stopWaiting() { await gate.rejoin() }
            throw error
        }
    }

    /// One connection of `target` is over.
    func finished(_ target: TargetPlaces) async {
        if target.finishOne() { await gate.leave() }
    }
}

/// The connections of one target in a batch: how many are unfinished and how many of those
/// wait for their address's turn. The target is out of the batch's count exactly while all of
/// its unfinished connections wait, however many addresses it has.
final class TargetPlaces: Sendable {
    private struct State {
        var unfinished: Int
        var waiting = 0
        var out = false

        mutating func leaveIfAllWait() -> Bool {
            guard !out, unfinished > 0, waiting == unfinished else { return false }
            out = true
            return true
        }
    }

    private let state: NIOLockedValueBox<State>

    init(connections: Int) {
        state = NIOLockedValueBox(State(unfinished: connections))
    }

    /// A connection starts waiting; true when the target must now leave the count.
    func startWaiting() -> Bool {
        state.withLockedValue { state in
            state.waiting += 1
            return state.leaveIfAllWait()
        }
    }

    /// A connection stops waiting (it got its place, or gave up); true when the target must
    /// rejoin the count.
    func stopWaiting() -> Bool {
        state.withLockedValue { state in
            state.waiting -= 1
            guard state.out else { return false }
            state.out = false
            return true
        }
    }

    /// A connection is over; true when the target must leave the count, its other connections
    /// all waiting.
    func finishOne() -> Bool {
        state.withLockedValue { state in
            state.unfinished -= 1
            return state.leaveIfAllWait()
        }
    }
}

/// How many targets of a batch are in progress, and the one place the batch waits before
/// starting another: new targets start only while fewer than `width` are in progress.
actor BatchGate {
    private let width: Int
    private var active = 0
    private var starter: CheckedContinuation<Void, Never>?

    init(width: Int) {
        self.width = max(1, width)
    }

    /// Waits until a target may start, then counts it in. Returns at once when the task is
    /// cancelled; the caller checks for that.
    func enter() async {
        if active >= width, !Task.isCancelled {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in starter = continuation }
            } onCancel: {
                Task { await self.wake() }
            }
        }
        active += 1
    }

    /// A target is finished, or waits for its address's turn.
    func leave() {
        active -= 1
        if active < width { wake() }
    }

    /// The number of targets counted as in progress: for tests.
    func inProgress() -> Int { active }

    /// A target that waited for its address's turn is at work again. It never waits here:
    /// it already holds its address, and making it wait could hold up that server's queue.
    func rejoin() {
        active += 1
    }

    private func wake() {
        starter?.resume()
        starter = nil
    }
}
