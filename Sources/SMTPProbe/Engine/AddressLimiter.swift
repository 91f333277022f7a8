internal import NIOCore

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
