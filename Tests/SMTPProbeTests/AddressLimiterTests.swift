import Testing
@testable import SMTPProbe

@Suite("Politeness: connections per address", .timeLimit(.minutes(1)))
struct AddressLimiterTests {
    @Test func aSecondConnectionToTheSameAddressWaitsForTheFirst() async throws {
        let limiter = AddressLimiter(limit: 1)
        try await limiter.acquire("192.0.2.1")
        try await limiter.acquire("192.0.2.2") // another address is not held up
        let second = Task { try await limiter.acquire("192.0.2.1") }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await limiter.openConnections(to: "192.0.2.1") == 1)
        await limiter.release("192.0.2.1")
        try await second.value
        #expect(await limiter.openConnections(to: "192.0.2.1") == 1)
        await limiter.release("192.0.2.1")
        await limiter.release("192.0.2.2")
        #expect(await limiter.openConnections(to: "192.0.2.1") == 0)
    }

    @Test func manyWaitersNeverExceedTheLimit() async throws {
        let limiter = AddressLimiter(limit: 2)
        let peak = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    guard (try? await limiter.acquire("198.51.100.7")) != nil else { return -1 }
                    let open = await limiter.openConnections(to: "198.51.100.7")
                    try? await Task.sleep(for: .milliseconds(2))
                    await limiter.release("198.51.100.7")
                    return open
                }
            }
            var peak = 0
            for await open in group { peak = max(peak, open) }
            return peak
        }
        #expect(peak == 2)
        #expect(await limiter.openConnections(to: "198.51.100.7") == 0)
    }

    @Test func aCancelledWaiterGivesUpWithoutTakingAPlace() async throws {
        let limiter = AddressLimiter(limit: 1)
        try await limiter.acquire("203.0.113.9")
        let waiter = Task { try await limiter.acquire("203.0.113.9") }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await limiter.release("203.0.113.9")
        #expect(await limiter.openConnections(to: "203.0.113.9") == 0)
    }

    /// A target whose three addresses are all busy counts once, not three times: it leaves the
    /// batch's count while all three wait, and comes back when one gets its place.
    @Test func aTargetWaitingOnSeveralAddressesLeavesTheCountOnce() async throws {
        let limits = BatchLimits(connectionsPerAddress: 1, concurrency: 1)
        let addresses = ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
        for address in addresses { #expect(await limits.addresses.tryAcquire(address)) } // held by others
        await limits.gate.enter()
        let places = TargetPlaces(connections: 3)
        let waits = addresses.map { address in Task { try await limits.acquire(address, for: places) } }
        for address in addresses {
            while await limits.addresses.waitingConnections(for: address) == 0 { await Task.yield() }
        }
        #expect(await limits.gate.inProgress() == 0)
        await limits.addresses.release(addresses[0])
        try await waits[0].value
        #expect(await limits.gate.inProgress() == 1)
        for wait in waits.dropFirst() { wait.cancel() }
        for wait in waits.dropFirst() { _ = try? await wait.value }
        // The two cancelled connections are over; the one that got its place still runs.
        await limits.finished(places)
        await limits.finished(places)
        #expect(await limits.gate.inProgress() == 1)
        await limits.finished(places)
        await limits.gate.leave()
        #expect(await limits.gate.inProgress() == 0)
    }
}
