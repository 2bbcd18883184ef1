import Foundation
import PostgresClient

/// The record of handled messages in a service's schema (table `inbox`), written in the same
/// transaction as the message's effect, so a redelivered message has no second effect.
public enum Inbox {
    /// What happened to a message the first time it was handled.
    public enum Outcome: Sendable, Equatable {
        case handled
        /// Refused with this reason; the message was dead-lettered.
        case rejected(reason: String)
    }

    /// The earlier outcomes of those of `messageIDs` that were handled before, in one query.
    public static func outcomes(of messageIDs: [UUID], on connection: PostgresConnection) throws -> [UUID: Outcome] {
        let rows = try connection.query(
            "SELECT message_id, outcome, reason FROM inbox WHERE message_id = ANY($1::uuid[])",
            [PostgresArray(messageIDs)])
        var outcomes: [UUID: Outcome] = [:]
        for row in rows {
            outcomes[try row.decode(UUID.self, column: "message_id")] =
                try row.decode(String.self, column: "outcome") == "rejected"
                ? .rejected(reason: try row.decode(String?.self, column: "reason") ?? "")
                : .handled
        }
        return outcomes
    }

    /// Records `envelope` with its outcome. Fails with a unique violation if another consumer
    /// recorded it concurrently; the transaction then rolls back and the batch is retried.
    static func recordStatement(_ envelope: Envelope, outcome: Outcome) -> PostgresStatement {
        let (name, reason): (String, String?) = switch outcome {
        case .handled: ("handled", nil)
        case .rejected(let reason): ("rejected", reason)
        }
        return PostgresStatement(
            "INSERT INTO inbox (message_id, type, outcome, reason, correlation_id) VALUES ($1, $2, $3, $4, $5)",
            [envelope.messageID, envelope.type, name, reason, envelope.correlationID])
    }
}
