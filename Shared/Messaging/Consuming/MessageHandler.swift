import PostgresClient

/// A service's reaction to the messages it consumes.
public protocol MessageHandler: Sendable {
    /// Routing keys the service's queue is bound to.
    var routingKeys: [String] { get }

    /// Applies `envelope`'s effect on `connection`, inside the transaction that also records the
    /// message in the inbox and writes the returned events to the outbox.
    ///
    /// Return ``HandlingResult/rejected(reason:events:)`` for a message that is invalid: its
    /// effects (a rejection record, say) are committed and the message is dead-lettered with the
    /// reason. Throw for an unexpected failure: a transient database error is retried with backoff,
    /// anything else dead-letters the message with the error as the reason.
    func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult
}

/// What handling a message produced.
public enum HandlingResult: Sendable {
    case handled(events: [OutboxEvent])
    case rejected(reason: String, events: [OutboxEvent])
}
