import Foundation
import Synchronization

/// Where timers get the time: the system clock in production, a ``TestTimerClock`` in tests.
/// Timers are compared and stored as `Date`s (UTC instants).
public protocol TimerClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemTimerClock: TimerClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until a test moves it.
public final class TestTimerClock: TimerClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.adding(duration) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
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
