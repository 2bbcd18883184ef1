/// Checks `condition` every 100 ms until it holds; throws ``TimedOut`` naming `description` when it
/// did not hold within `timeout`.
public func waitUntil(_ description: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try? await Task.sleep(for: .milliseconds(100))
    }
    throw TimedOut(description: description, timeout: timeout)
}

/// A ``waitUntil(_:timeout:_:)`` whose condition did not hold in time.
public struct TimedOut: Error, CustomStringConvertible {
    public let description: String

    init(description: String, timeout: Duration) {
        self.description = "timed out after \(timeout) waiting until \(description)"
    }
}
