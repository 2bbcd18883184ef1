import PostgresClient

/// A service's reaction to its timers coming due.
///
/// The ``TimerLoop`` claims due timers in batches and calls ``fire(_:on:)`` inside the transaction
/// that deletes them and writes the returned events to the outbox, so a timer has exactly one
/// effect: a crash before the commit fires it again later, after the commit never again.
public protocol TimerHandler: Sendable {
    /// Applies the effects of `timers` (due, oldest first, possibly of several kinds) on
    /// `connection`, inside the firing transaction, and returns the events to publish. It may
    /// schedule follow-up timers with ``Timers/schedule(_:on:now:)`` on the same connection
    /// (including the same kind and key again, for a recurring timer).
    ///
    /// Throw for a failure: a transient database error (``PostgresError/isTransient``) retries the
    /// batch with backoff; anything else fires the timers of the batch one at a time, and a timer
    /// that still fails is retried later with backoff and parked after a bounded number of attempts.
    func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent]
}
