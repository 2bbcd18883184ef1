/// Exponential backoff between reconnect attempts, as a value: 100 ms, 200 ms, 400 ms, … capped at
/// ``maximum``, with up to 20 % jitter so replicas do not reconnect in lockstep.
public struct ReconnectBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    private(set) var attempt = 0

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before the next attempt; each call doubles it up to ``maximum``.
    /// - Parameter jitter: a number in `0..<1` (random in production, fixed in tests).
    public mutating func nextDelay(jitter: Double = Double.random(in: 0..<1)) -> Duration {
        let exponent = min(attempt, 30)
        attempt += 1
        let base = min(initial * (1 << exponent), maximum)
        return base - base * (0.2 * jitter)
    }

    /// Call after a success: the next failure starts from ``initial`` again.
    public mutating func reset() { attempt = 0 }
}
