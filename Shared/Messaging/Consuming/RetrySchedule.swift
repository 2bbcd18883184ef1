import AMQPClient

/// How often, and how patiently, a batch whose transaction failed for a transient reason (the
/// database restarting, a serialization failure) is tried again before its messages are
/// dead-lettered. A value: unit tests step through it.
public struct RetrySchedule: Sendable {
    public let maximumAttempts: Int
    private var backoff: ReconnectBackoff
    public private(set) var attempts = 0

    public enum Decision: Equatable, Sendable {
        case retry(after: Duration)
        case giveUp(attempts: Int)
    }

    /// With the defaults a batch is tried 10 times over about 20 seconds.
    public init(maximumAttempts: Int = 10, backoff: ReconnectBackoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(4))) {
        self.maximumAttempts = maximumAttempts
        self.backoff = backoff
    }

    /// Call after a failed attempt.
    public mutating func failed(jitter: Double = Double.random(in: 0..<1)) -> Decision {
        attempts += 1
        guard attempts < maximumAttempts else { return .giveUp(attempts: attempts) }
        return .retry(after: backoff.nextDelay(jitter: jitter))
    }
}
