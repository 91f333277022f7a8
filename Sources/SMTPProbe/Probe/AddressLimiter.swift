internal import NIOCore
internal import NIOConcurrencyHelpers

/// Limits how many connections are open at once to any one address, across every target of
/// a run: several route hosts often share a mail server (an MSP's tenants, an MX and its
/// alias), and servers blocklist clients that open many connections at once.
///
/// The address is known only after DNS, so the limit is taken per connection, not per
/// target. Waiters are served first come, first served.
actor AddressLimiter {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let limit: Int
    private var open: [String: Int] = [:]
    // A ring buffer: thousands of targets may queue for one shared server, and removing the
    // first of an array each time would make that quadratic.
    private var waiting: [String: CircularBuffer<Waiter>] = [:]
    private var nextID: UInt64 = 0

    /// At most `limit` connections at a time to one address (at least 1).
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place for a connection to `address` if one is free now, without waiting. After
    /// `true`, call ``release(_:)`` exactly once.
    func tryAcquire(_ address: String) -> Bool {
        guard open[address, default: 0] < limit else { return false }
        open[address, default: 0] += 1
        return true
    }

    /// Waits until a connection to `address` may be opened. Throws `CancellationError` if the
    /// task is cancelled first; after a normal return, call ``release(_:)`` exactly once.
    func acquire(_ address: String) async throws {
        try Task.checkCancellation()
        if open[address, default: 0] < limit {
            open[address, default: 0] += 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting[address, default: CircularBuffer()].append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.abandon(id, address: address) }
        }
    }

    /// Ends a connection to `address`, handing its place to the next waiter, if any.
    func release(_ address: String) {
        if waiting[address]?.isEmpty == false {
            // The place passes straight on, so the count of open connections stays the same.
            let next = waiting[address]!.removeFirst()
            if waiting[address]!.isEmpty { waiting[address] = nil }
            next.continuation.resume()
            return
        }
        let count = open[address, default: 1] - 1
        open[address] = count > 0 ? count : nil
    }

    /// The number of connections to `address` open now: for tests.
    func openConnections(to address: String) -> Int {
        open[address, default: 0]
    }

    /// The number of connections waiting for `address`: for tests.
    func waitingConnections(for address: String) -> Int {
        waiting[address]?.count ?? 0
    }

    private func abandon(_ id: UInt64, address: String) {
        guard let index = waiting[address]?.firstIndex(where: { $0.id == id }) else {
            return // already given its place; the caller releases it as usual
        }
        let waiter = waiting[address]!.remove(at: index)
        if waiting[address]!.isEmpty { waiting[address] = nil }
        waiter.continuation.resume(throwing: CancellationError())
    }
}

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
