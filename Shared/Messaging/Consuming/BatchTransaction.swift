import Foundation
import PostgresClient

/// The database side of handling a batch of messages in one transaction: inbox check, handler,
/// outbox, inbox record. Runs synchronously on the database client's thread.
enum BatchTransaction {
    /// One message of the batch failed for a reason that retrying will not cure. The transaction
    /// is rolled back and the batch is applied again with this message rejected.
    struct MessageFailure: Error {
        var messageID: UUID
        var reason: String
    }

    struct Result: Sendable {
        /// One outcome per envelope, in order; a duplicate gets its first outcome.
        var outcomes: [Inbox.Outcome]
        var emittedEvents: Int
    }

    static func apply(
        _ envelopes: [Envelope], rejecting excluded: [UUID: String], handler: some MessageHandler,
        on connection: PostgresConnection
    ) throws -> Result {
        var known = try Inbox.outcomes(of: envelopes.map(\.messageID), on: connection)
        var result = Result(outcomes: [], emittedEvents: 0)
        for envelope in envelopes {
            if let earlier = known[envelope.messageID] {
                result.outcomes.append(earlier)
                continue
            }
            let outcome: Inbox.Outcome
            if let reason = excluded[envelope.messageID] {
                outcome = .rejected(reason: reason)
            } else {
                let handling: HandlingResult
                do {
                    handling = try handler.handle(envelope, on: connection)
                } catch let error as PostgresError where error.isTransient {
                    throw error
                } catch {
                    throw MessageFailure(messageID: envelope.messageID, reason: "handler failed: \(error)")
                }
                switch handling {
                case .handled(let events):
                    try Outbox.enqueue(events, on: connection)
                    result.emittedEvents += events.count
                    outcome = .handled
                case .rejected(let reason, let events):
                    try Outbox.enqueue(events, on: connection)
                    result.emittedEvents += events.count
                    outcome = .rejected(reason: reason)
                }
            }
            try Inbox.record(envelope, outcome: outcome, on: connection)
            known[envelope.messageID] = outcome
            result.outcomes.append(outcome)
        }
        return result
    }
}
