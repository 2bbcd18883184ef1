import Foundation

/// The retry decisions for committing one lane's part of a batch, as a value: it takes what
/// happened to an attempt and says what to do next; ``MessageConsumer`` does the I/O.
///
/// A batch is first applied as a whole (``BatchTransaction/Mode/batch``). A
/// ``BatchFailure/messageFailure(id:reason:)`` excludes that message (it is recorded as rejected
/// with the reason) and applies again at once. A ``BatchFailure/permanent(description:)`` failure
/// of the whole batch switches to ``BatchTransaction/Mode/oneByOne``, so the message at fault
/// fails on its own. Any other failure (transient, or permanent one message at a time) waits per
/// the ``RetrySchedule`` and applies again, or gives up when that is exhausted. Shutting down while
/// waiting gives up too, and the deliveries are requeued for another replica.
struct BatchCommitStateMachine: Sendable {
    /// What the consumer does next.
    enum Action: Equatable, Sendable {
        /// Run the transaction in `mode`, recording the messages in `excluding` as rejected with
        /// their reasons instead of handling them.
        case apply(mode: BatchTransaction.Mode, excluding: [UUID: String])
        /// Sleep for the delay, then report ``BatchCommitStateMachine/retryDue()`` (or
        /// ``BatchCommitStateMachine/shuttingDown()`` instead of sleeping).
        case wait(Duration)
        /// Stop trying: every message of the part is rejected with `reason` (and dead-lettered).
        case giveUp(reason: String)
        /// Stop trying without an outcome: the deliveries go back to the queue.
        case requeue
    }

    private enum State: Equatable {
        case initial, applying, waiting, finished
    }

    private var state = State.initial
    private var schedule: RetrySchedule
    /// How the handler is called in the next attempt.
    private(set) var mode = BatchTransaction.Mode.batch
    /// The messages excluded after failing on their own, with their reasons.
    private(set) var excluded: [UUID: String] = [:]
    /// Failed attempts counted by the ``RetrySchedule`` so far.
    var attempts: Int { schedule.attempts }
    /// Whether the commit succeeded, gave up or is to be requeued.
    var isFinished: Bool { state == .finished }

    init(schedule: RetrySchedule = RetrySchedule()) {
        self.schedule = schedule
    }

    /// The first attempt: the whole batch, nothing excluded.
    mutating func start() -> Action {
        precondition(state == .initial, "a commit starts once")
        state = .applying
        return .apply(mode: mode, excluding: excluded)
    }

    /// The transaction committed.
    mutating func succeeded() {
        precondition(state == .applying, "only an attempt succeeds")
        state = .finished
    }

    /// The transaction failed with `failure` (it was rolled back).
    mutating func failed(_ failure: BatchFailure) -> Action {
        precondition(state == .applying, "only an attempt fails")
        switch failure {
        case .messageFailure(let id, let reason):
            excluded[id] = reason
            return .apply(mode: mode, excluding: excluded)
        case .permanent where mode == .batch:
            mode = .oneByOne
            return .apply(mode: mode, excluding: excluded)
        case .transient(let description), .permanent(let description):
            switch schedule.failed() {
            case .retry(let delay):
                state = .waiting
                return .wait(delay)
            case .giveUp(let attempts):
                state = .finished
                return .giveUp(reason: "gave up after \(attempts) attempts: \(description)")
            }
        }
    }

    /// The wait is over: apply again, as before the failure.
    mutating func retryDue() -> Action {
        precondition(state == .waiting, "a retry is due only after a wait")
        state = .applying
        return .apply(mode: mode, excluding: excluded)
    }

    /// The service shuts down while waiting to retry: requeue rather than wait.
    mutating func shuttingDown() -> Action {
        precondition(state == .waiting, "shutting down is decided while waiting to retry")
        state = .finished
        return .requeue
    }
}
