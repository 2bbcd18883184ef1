import BodyReading
import PostgresClient

/// A service's reaction to the messages it consumes.
///
/// The consumer first reads each message with ``read(_:)``, outside any transaction (intake parses
/// and validates a sheet there), then hands the new messages of a batch to
/// ``handle(_:on:)`` at once, so a handler can apply them in a few round trips (libpq pipeline
/// mode) instead of several per message. Handlers that think one envelope at a time adopt
/// ``SingleMessageHandler`` instead.
public protocol MessageHandler: Sendable {
    /// What the handler reads from a message before touching the database.
    associatedtype Message: Sendable

    /// Reads `envelope`'s body: parsing, validation, anything that needs no database. Report a
    /// message that is invalid in the returned value and reject it in ``handle(_:on:)``, so its
    /// rejection is recorded with the batch.
    func read(_ envelope: Envelope) -> Message

    /// The key whose messages must be applied in order (intake: the sheet id), or `nil` when
    /// order does not matter or the key cannot be read. The consumer applies messages of different
    /// keys in parallel lanes; keyless messages share one lane.
    func partitionKey(of message: Message) -> String?

    /// Applies the effects of `messages` (messages not handled before, in delivery order) on
    /// `connection`, inside the transaction that also records them in the inbox and writes the
    /// returned events to the outbox. Returns one result per message, in order.
    ///
    /// Return ``HandlingResult/rejected(_:)`` for a message that is invalid, saying only what is
    /// wrong: the kit keeps the message, answers its sender (``RejectionPolicy``) and
    /// dead-letters it. Throw for an unexpected failure: a transient database error is retried with backoff;
    /// anything else makes the consumer apply the batch again one message at a time, and the
    /// message that still fails is dead-lettered with the error as the reason.
    func handle(_ messages: [Received<Message>], on connection: PostgresConnection) throws -> [HandlingResult]
}

/// A consumed message: its envelope and what the handler read from it.
public struct Received<Message: Sendable>: Sendable {
    public var envelope: Envelope
    public var message: Message
}

/// A ``MessageHandler`` that handles one envelope at a time, in one lane.
public protocol SingleMessageHandler: MessageHandler where Message == Envelope {
    func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult
}

extension SingleMessageHandler {
    public func read(_ envelope: Envelope) -> Envelope { envelope }

    public func partitionKey(of message: Envelope) -> String? { nil }

    public func handle(_ messages: [Received<Envelope>], on connection: PostgresConnection) throws -> [HandlingResult] {
        try messages.map { try handle($0.envelope, on: connection) }
    }
}

/// What handling a message produced.
public enum HandlingResult: Sendable {
    case handled(events: [OutboxEvent])
    case rejected(Rejection)
}
