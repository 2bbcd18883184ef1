import Foundation

/// Where timers get the time: the system clock in production, one that tests move by hand in tests.
/// Timers are compared and stored as `Date`s (UTC instants).
public protocol TimerClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemTimerClock: TimerClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// This instant moved by `duration`.
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }

    /// From this instant to `other` (negative if `other` is earlier).
    func duration(to other: Date) -> Duration {
        .microseconds(Int64((other.timeIntervalSince(self) * 1_000_000).rounded()))
    }
}

extension Duration {
    /// In seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
