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
    private var waiting: [String: [Waiter]] = [:]
    private var nextID: UInt64 = 0

    /// At most `limit` connections at a time to one address (at least 1).
    init(limit: Int) {
        self.limit = max(1, limit)
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
                waiting[address, default: []].append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.abandon(id, address: address) }
        }
    }

    /// Ends a connection to `address`, handing its place to the next waiter, if any.
    func release(_ address: String) {
        if var queue = waiting[address], !queue.isEmpty {
            // The place passes straight on, so the count of open connections stays the same.
            let next = queue.removeFirst()
            waiting[address] = queue.isEmpty ? nil : queue
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

    private func abandon(_ id: UInt64, address: String) {
        guard var queue = waiting[address], let index = queue.firstIndex(where: { $0.id == id }) else {
            return // already given its place; the caller releases it as usual
        }
        let waiter = queue.remove(at: index)
        waiting[address] = queue.isEmpty ? nil : queue
        waiter.continuation.resume(throwing: CancellationError())
    }
}

/// The limits of a batch: connections per address, and work in progress for the whole run.
///
/// `--concurrency` counts what is being done (a DNS lookup, an open connection), not targets
/// waiting for their address's turn: otherwise targets queued behind one slow, shared server
/// would take every slot, and targets on other servers would not start before the deadline.
struct BatchLimits: Sendable {
    let addresses: AddressLimiter
    let slots: AddressLimiter

    init(connectionsPerAddress: Int, concurrency: Int) {
        addresses = AddressLimiter(limit: connectionsPerAddress)
        slots = AddressLimiter(limit: concurrency)
    }

    /// Runs `body` in one of the run's slots. Throws `CancellationError` if cancelled while
    /// waiting for one.
    func inSlot<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await slots.acquire("")
        do {
            let value = try await body()
            await slots.release("")
            return value
        } catch {
            await slots.release("")
            throw error
        }
    }
}
