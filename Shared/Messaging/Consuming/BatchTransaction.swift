import Foundation
import PostgresClient

/// The database side of handling a batch of messages in one transaction: the batch claims its
/// message ids in the inbox, the handler applies the messages claimed, and their events go to the
/// outbox. Runs synchronously on the database client's thread.
enum BatchTransaction {
    /// One message of the batch failed for a reason that retrying will not cure. The transaction
    /// is rolled back and the batch is applied again with this message rejected.
    struct MessageFailure: Error {
        var messageID: UUID
        var reason: String
    }

    /// How the handler is called.
    enum Mode: Sendable {
        /// All new messages in one call (the fast path).
        case batch
        /// One call per message, to find the message that makes the batch fail.
        case oneByOne
    }

    struct Result: Sendable {
        /// One outcome per message, in order; a duplicate gets its first outcome.
        var outcomes: [Inbox.Outcome]
        /// The events written to the outbox, to publish once the transaction committed.
        var events: [Outbox.Pending]
    }

    static func apply<Handler: MessageHandler>(
        _ messages: [Received<Handler.Message>], rejecting excluded: [UUID: String], handler: Handler,
        recorder: RejectionRecorder, mode: Mode, on connection: PostgresConnection
    ) throws -> Result {
        // Each message id once (later copies in the batch share the first one's outcome), claimed in
        // the inbox; the messages excluded after an earlier attempt are recorded as rejected at once.
        var seen = Set<UUID>()
        let distinct = messages.filter { seen.insert($0.envelope.messageID).inserted }
        let claimed = try Inbox.claim(distinct.map { received in
            (received.envelope, excluded[received.envelope.messageID].map { .rejected(reason: $0) } ?? .handled)
        }, on: connection)
        let duplicates = distinct.map(\.envelope.messageID).filter { !claimed.contains($0) }
        var known = duplicates.isEmpty ? [:] : try Inbox.outcomes(of: duplicates, on: connection)
        for (id, reason) in excluded where claimed.contains(id) { known[id] = .rejected(reason: reason) }
        let fresh = distinct.filter { claimed.contains($0.envelope.messageID) && excluded[$0.envelope.messageID] == nil }

        let results: [HandlingResult] = switch mode {
        case .batch:
            try handler.handle(fresh, on: connection)
        case .oneByOne:
            try fresh.map { received in
                do {
                    return try handler.handle([received], on: connection)[0]
                } catch let error where error.warrantsRetry {
                    throw error
                } catch {
                    throw MessageFailure(messageID: received.envelope.messageID, reason: "handler failed: \(error)")
                }
            }
        }
        precondition(results.count == fresh.count, "a handler returns one result per message")

        var events: [OutboxEvent] = []
        var statements: [PostgresStatement] = []
        for (envelope, result) in zip(fresh.map(\.envelope), results) {
            switch result {
            case .handled(let emitted):
                events += emitted
                known[envelope.messageID] = .handled
            case .rejected(let rejection):
                let recorded = try recorder.record(rejection, of: envelope)
                events += recorded.event.map { [$0] } ?? []
                known[envelope.messageID] = .rejected(reason: rejection.description)
                statements += recorded.statements
            }
        }
        if !events.isEmpty { statements.insert(Outbox.insertStatement(events), at: 0) }
        let written = statements.isEmpty ? [] : try connection.pipeline(statements)
        return Result(
            outcomes: messages.map { known[$0.envelope.messageID]! },
            events: events.isEmpty ? [] : try Outbox.inserted(written[0], of: events))
    }
}
