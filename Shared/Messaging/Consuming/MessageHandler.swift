import PostgresClient

/// A service's reaction to the messages it consumes.
///
/// The consumer hands over the new messages of a batch at once, so a handler can apply them in a
/// few round trips (libpq pipeline mode) instead of several per message; handlers that think one
/// message at a time adopt ``SingleMessageHandler`` instead.
public protocol MessageHandler: Sendable {
    /// Routing keys the service's queue is bound to.
    var routingKeys: [String] { get }

    /// Applies the effects of `envelopes` (messages not handled before, in delivery order) on
    /// `connection`, inside the transaction that also records them in the inbox and writes the
    /// returned events to the outbox. Returns one result per envelope, in order.
    ///
    /// Return ``HandlingResult/rejected(reason:events:)`` for a message that is invalid: its
    /// effects (a rejection record, say) are committed and the message is dead-lettered with the
    /// reason. Throw for an unexpected failure: a transient database error is retried with backoff;
    /// anything else makes the consumer apply the batch again one message at a time, and the
    /// message that still fails is dead-lettered with the error as the reason.
    func handle(_ envelopes: [Envelope], on connection: PostgresConnection) throws -> [HandlingResult]

    /// The key whose messages must be applied in order (intake: the sheet id), or `nil` when
    /// order does not matter or the key cannot be read. The consumer applies messages of different
    /// keys in parallel lanes; keyless messages share one lane. Default: `nil`.
    func partitionKey(of envelope: Envelope) -> String?
}

extension MessageHandler {
    public func partitionKey(of envelope: Envelope) -> String? { nil }
}

/// A ``MessageHandler`` that handles one message at a time.
public protocol SingleMessageHandler: MessageHandler {
    func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult
}

extension SingleMessageHandler {
    public func handle(_ envelopes: [Envelope], on connection: PostgresConnection) throws -> [HandlingResult] {
        try envelopes.map { try handle($0, on: connection) }
    }
}

/// What handling a message produced.
public enum HandlingResult: Sendable {
    case handled(events: [OutboxEvent])
    case rejected(reason: String, events: [OutboxEvent])
}
