import Foundation
import Messaging
import Synchronization

/// A timer clock that stands still until a test moves it.
public final class TestTimerClock: TimerClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration / .seconds(1)) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
