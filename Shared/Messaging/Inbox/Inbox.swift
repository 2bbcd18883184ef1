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

    /// Records each envelope of `records` with its outcome, in one statement. Fails with a unique
    /// violation if another consumer recorded one of them concurrently; the transaction then rolls
    /// back and the batch is retried.
    static func recordStatement(_ records: [(envelope: Envelope, outcome: Outcome)]) -> PostgresStatement {
        let outcomes: [(name: String, reason: String?)] = records.map { record in
            switch record.outcome {
            case .handled: ("handled", nil)
            case .rejected(let reason): ("rejected", reason)
            }
        }
        return PostgresStatement(
            """
            INSERT INTO inbox (message_id, type, outcome, reason, correlation_id)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
            """,
            [PostgresArray(records.map(\.envelope.messageID)), PostgresArray(records.map(\.envelope.type)),
             PostgresArray(outcomes.map(\.name)), PostgresArray(outcomes.map(\.reason)),
             PostgresArray(records.map(\.envelope.correlationID))])
    }
}
