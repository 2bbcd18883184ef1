import AMQPClient
import Foundation

/// The decisions of the ``TimerLoop`` as a value: what to claim, how long to sleep, when to back
/// off, when to park a timer. It does no I/O; the loop performs each ``Action`` and reports the
/// outcome through the matching method, which returns the next action. Unit tests drive it with a
/// clock they move by hand.
public struct TimerLoopStateMachine: Sendable {
    public struct Configuration: Sendable {
        /// The most timers fired in one transaction.
        public var batchSize: Int
        /// The longest sleep, even with nothing due (at most ``Timers/notifyHorizon``, which is
        /// what makes skipping notifications for later timers safe).
        public var maximumSleep: Duration
        /// How long to wait when due timers exist but other replicas hold them all.
        public var contendedDelay: Duration
        /// Failed firings after which a timer is parked.
        public var maximumAttempts: Int
        /// The delay before firing a failed timer again: doubling from `initial` up to `maximum`.
        public var failureBackoff: (initial: Duration, maximum: Duration)
        /// Backoff after a transient database error (connection lost, serialization failure).
        public var transientBackoff: ReconnectBackoff

        public init(
            batchSize: Int = 500, maximumSleep: Duration = Timers.notifyHorizon, contendedDelay: Duration = .milliseconds(25),
            maximumAttempts: Int = 5, failureBackoff: (initial: Duration, maximum: Duration) = (.seconds(1), .seconds(300)),
            transientBackoff: ReconnectBackoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(5))
        ) {
            precondition(batchSize > 0 && maximumAttempts > 0)
            self.batchSize = batchSize
            self.maximumSleep = min(maximumSleep, Timers.notifyHorizon)
            self.contendedDelay = contendedDelay
            self.maximumAttempts = maximumAttempts
            self.failureBackoff = failureBackoff
            self.transientBackoff = transientBackoff
        }
    }

    public enum Action: Sendable, Equatable {
        /// Fire, in one transaction, up to `limit` timers due by `dueBy`, oldest first; then report
        /// ``fired(count:earliest:now:)`` (or a failure).
        case claim(dueBy: Date, limit: Int)
        /// Fire timer `id` alone, if still due by `dueBy` (finding which timer of a failed batch fails).
        case claimOne(id: Int64, dueBy: Date)
        /// Record that `timer`'s handler failed: fire it again at `retryAt`, or park it (`park`).
        case recordFailure(DueTimer, error: String, retryAt: Date, park: Bool)
        /// Wait for a notification at most `timeout`; the next timer is due at `until` (`nil`: none).
        case wait(until: Date?, timeout: Duration)
        /// Wait `delay` after a transient failure, then report ``backoffElapsed(now:)``.
        case backoff(Duration)
    }

    /// Why a wait ended.
    public enum WakeUp: Sendable, Equatable {
        case timedOut
        /// Notifications of timers scheduled, with their earliest due time (`nil`: unknown).
        case notified(earliest: Date?)
        /// The listening connection was re-established; notifications may have been missed.
        case reconnected
        case interrupted
    }

    private enum State: Sendable, Equatable {
        case idle
        case claiming
        case waiting(until: Date?)
        /// Firing the timers of a failed batch one by one: `remaining` after the current one.
        case isolating(remaining: [Int64], dueBy: Date)
        case recording(remaining: [Int64], dueBy: Date)
        case backingOff
    }

    public let configuration: Configuration
    private var state = State.idle
    private var transientBackoff: ReconnectBackoff

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.transientBackoff = configuration.transientBackoff
    }

    /// The loop starts: overdue timers fire at once.
    public mutating func start(now: Date) -> Action {
        claim(now)
    }

    /// A batch (or a single timer) fired and committed: `count` timers; `earliest` is the earliest
    /// pending fire time afterwards, if it was read (`nil` when none is pending).
    public mutating func fired(count: Int, earliest: Date?, now: Date) -> Action {
        transientBackoff.reset()
        switch state {
        case .isolating(let remaining, let dueBy), .recording(let remaining, let dueBy):
            return next(remaining, dueBy: dueBy, now: now)
        default:
            break
        }
        if count >= configuration.batchSize { return claim(now) }  // more may be overdue: bounded batches, no sleep
        guard let earliest else { return wait(until: nil, now: now) }
        if earliest > now { return wait(until: earliest, now: now) }
        // Due already: new ones came due meanwhile, or other replicas hold them (then wait a little).
        return count > 0 ? claim(now) : wait(until: now.adding(configuration.contendedDelay), now: now)
    }

    /// The handler threw a non-transient error for `timers` (rolled back). A batch is fired again
    /// one timer at a time; a single timer is retried later with backoff, or parked.
    public mutating func handlerFailed(_ timers: [DueTimer], error: String, now: Date) -> Action {
        transientBackoff.reset()
        let remaining: [Int64]
        let dueBy: Date
        switch state {
        case .isolating(let rest, let isolatingDueBy):
            (remaining, dueBy) = (rest, isolatingDueBy)
        default:
            guard timers.count == 1 else {
                let ids = timers.map(\.id)
                state = .isolating(remaining: Array(ids.dropFirst()), dueBy: now)
                return .claimOne(id: ids[0], dueBy: now)
            }
            (remaining, dueBy) = ([], now)
        }
        let timer = timers[0]
        state = .recording(remaining: remaining, dueBy: dueBy)
        let attempts = timer.attempts + 1
        let park = attempts >= configuration.maximumAttempts
        return .recordFailure(timer, error: error, retryAt: now.adding(failureDelay(afterAttempt: attempts)), park: park)
    }

    /// The failure of ``Action/recordFailure(_:error:retryAt:park:)`` is stored.
    public mutating func failureRecorded(now: Date) -> Action {
        guard case .recording(let remaining, let dueBy) = state else { return claim(now) }
        return next(remaining, dueBy: dueBy, now: now)
    }

    /// A database error that may pass (the connection was lost, a serialization failure): wait and retry.
    public mutating func databaseFailed(now: Date) -> Action {
        // What was being isolated is claimed again in the next batch (nothing is lost: the timers stay).
        state = .backingOff
        return .backoff(transientBackoff.nextDelay(jitter: 0.5))
    }

    public mutating func backoffElapsed(now: Date) -> Action {
        claim(now)
    }

    /// A wait ended.
    public mutating func wokeUp(_ wakeUp: WakeUp, now: Date) -> Action {
        guard case .waiting(let until) = state else { return claim(now) }
        switch wakeUp {
        case .timedOut, .reconnected, .interrupted:
            return claim(now)
        case .notified(let earliest):
            guard let earliest else { return claim(now) }
            if earliest <= now { return claim(now) }
            if let until, until <= earliest {
                // The new timer is not earlier than what we already wait for.
                return until <= now ? claim(now) : wait(until: until, now: now)
            }
            return wait(until: earliest, now: now)
        }
    }

    /// The delay before firing a timer again after its `attempt`-th failure.
    public func failureDelay(afterAttempt attempt: Int) -> Duration {
        let (initial, maximum) = configuration.failureBackoff
        return min(initial * (1 << min(max(attempt - 1, 0), 30)), maximum)
    }

    private mutating func next(_ remaining: [Int64], dueBy: Date, now: Date) -> Action {
        guard let id = remaining.first else { return claim(now) }
        state = .isolating(remaining: Array(remaining.dropFirst()), dueBy: dueBy)
        return .claimOne(id: id, dueBy: dueBy)
    }

    private mutating func claim(_ now: Date) -> Action {
        state = .claiming
        return .claim(dueBy: now, limit: configuration.batchSize)
    }

    private mutating func wait(until: Date?, now: Date) -> Action {
        state = .waiting(until: until)
        let timeout = until.map { min(now.duration(to: $0), configuration.maximumSleep) } ?? configuration.maximumSleep
        return .wait(until: until, timeout: max(timeout, .zero))
    }
}
