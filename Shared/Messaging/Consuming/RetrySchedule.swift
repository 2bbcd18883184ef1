import AMQPClient

/// How often, and how patiently, a batch whose transaction failed for a transient reason (the
/// database restarting, a serialization failure) is tried again before its messages are
/// dead-lettered. A value: unit tests step through it.
public struct RetrySchedule: Sendable {
    public let maximumAttempts: Int
    private var backoff: ReconnectBackoff
    private let jitter: @Sendable () -> Double
    public private(set) var attempts = 0

    public enum Decision: Equatable, Sendable {
        case retry(after: Duration)
        case giveUp(attempts: Int)
    }

    /// With the defaults a batch is tried 10 times over about 20 seconds.
    /// - Parameter jitter: where ``failed()`` takes its jitter, a number in `0..<1` (random unless a
    ///   test fixes it).
    public init(
        maximumAttempts: Int = 10, backoff: ReconnectBackoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(4)),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maximumAttempts = maximumAttempts
        self.backoff = backoff
        self.jitter = jitter
    }

    /// Call after a failed attempt; the jitter comes from the schedule's source.
    public mutating func failed() -> Decision {
        failed(jitter: jitter())
    }

    /// Call after a failed attempt, with the jitter given.
    public mutating func failed(jitter: Double) -> Decision {
        attempts += 1
        guard attempts < maximumAttempts else { return .giveUp(attempts: attempts) }
        return .retry(after: backoff.nextDelay(jitter: jitter))
    }
}
