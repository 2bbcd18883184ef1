/// Checks `condition` every 100 ms until it holds or `timeout` passes; whether it held.
public func poll(timeout: Duration = .seconds(30), until condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}

/// Checks `condition` every 100 ms until it holds; throws ``TimedOut`` naming `description` when it
/// did not hold within `timeout`.
public func waitUntil(_ description: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
    guard try await poll(timeout: timeout, until: condition) else { throw TimedOut(description: description, timeout: timeout) }
}

/// A ``waitUntil(_:timeout:_:)`` whose condition did not hold in time.
public struct TimedOut: Error, CustomStringConvertible {
    public let description: String

    init(description: String, timeout: Duration) {
        self.description = "timed out after \(timeout) waiting until \(description)"
    }
}
