/// Checks `condition` every 100 ms until it holds or `timeout` passes; whether it held.
public func poll(timeout: Duration = .seconds(30), until condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}
