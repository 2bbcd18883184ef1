import Foundation
import PostgresClient

/// The database side of handling a batch of messages in one transaction: inbox check, handler,
/// then the outbox and inbox rows of the whole batch in two statements, sent in one pipeline. Runs synchronously on the
/// database client's thread.
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
        /// One outcome per envelope, in order; a duplicate gets its first outcome.
        var outcomes: [Inbox.Outcome]
        var emittedEvents: Int
    }

    static func apply(
        _ envelopes: [Envelope], rejecting excluded: [UUID: String], handler: some MessageHandler, mode: Mode,
        on connection: PostgresConnection
    ) throws -> Result {
        var known = try Inbox.outcomes(of: envelopes.map(\.messageID), on: connection)
        for (id, reason) in excluded where known[id] == nil { known[id] = .rejected(reason: reason) }
        // The first delivery of each new message id; later copies in the batch share its outcome.
        var seen = Set<UUID>()
        let fresh = envelopes.filter { known[$0.messageID] == nil && seen.insert($0.messageID).inserted }

        let results: [HandlingResult] = switch mode {
        case .batch:
            try handler.handle(fresh, on: connection)
        case .oneByOne:
            try fresh.map { envelope in
                do {
                    return try handler.handle([envelope], on: connection)[0]
                } catch let error where error.warrantsRetry {
                    throw error
                } catch {
                    throw MessageFailure(messageID: envelope.messageID, reason: "handler failed: \(error)")
                }
            }
        }
        precondition(results.count == fresh.count, "a handler returns one result per message")

        var events: [OutboxEvent] = []
        var recorded: [(Envelope, Inbox.Outcome)] = envelopes.compactMap { envelope in
            excluded[envelope.messageID].map { (envelope, .rejected(reason: $0)) }
        }
        for (envelope, result) in zip(fresh, results) {
            let (emitted, outcome): ([OutboxEvent], Inbox.Outcome) = switch result {
            case .handled(let events): (events, .handled)
            case .rejected(let reason, let events): (events, .rejected(reason: reason))
            }
            events += emitted
            known[envelope.messageID] = outcome
            recorded.append((envelope, outcome))
        }
        let statements = (events.isEmpty ? [] : [Outbox.insertStatement(events)])
            + (recorded.isEmpty ? [] : [Inbox.recordStatement(recorded)])
        _ = try connection.pipeline(statements)
        return Result(outcomes: envelopes.map { known[$0.messageID]! }, emittedEvents: events.count)
    }
}

extension Error {
    /// Whether applying the batch again may succeed: the connection was lost, the transaction hit a
    /// serialization failure or deadlock, or a concurrent replica inserted the same key first.
    var warrantsRetry: Bool {
        guard let error = self as? PostgresError else { return false }
        return error.isTransient || error.kind == .uniqueViolation
    }
}
