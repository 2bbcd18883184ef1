import Foundation
import PostgresClient

/// The record of handled messages in a service's schema (table `inbox`), written in the same
/// transaction as the message's effect, so a redelivered message has no second effect.
///
/// A batch first claims its message ids (``claim(_:on:)``); only the messages it claimed are
/// handled. A message id claimed by an earlier transaction is a duplicate. One claimed by a
/// concurrent transaction (another replica got a copy) makes the claim wait for it: if it commits,
/// the message is a duplicate here; if it rolls back, the claim succeeds.
public enum Inbox {
    /// What happened to a message the first time it was handled.
    public enum Outcome: Sendable, Equatable {
        case handled
        /// Refused with this reason; the message was dead-lettered.
        case rejected(reason: String)
    }

    /// Records each envelope of `claims` with its outcome unless its message id is recorded already,
    /// in one statement; returns the message ids recorded now. Record a message whose outcome is
    /// not known yet as ``Outcome/handled`` and correct it with ``rejectStatement(_:reason:)``.
    static func claim(_ claims: [(envelope: Envelope, outcome: Outcome)], on connection: PostgresConnection) throws -> Set<UUID> {
        let outcomes: [(name: String, reason: String?)] = claims.map { claim in
            switch claim.outcome {
            case .handled: ("handled", nil)
            case .rejected(let reason): ("rejected", reason)
            }
        }
        let rows = try connection.query(
            """
            INSERT INTO inbox (message_id, type, outcome, reason, correlation_id)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
            """,
            [PostgresArray(claims.map(\.envelope.messageID)), PostgresArray(claims.map(\.envelope.type)),
             PostgresArray(outcomes.map(\.name)), PostgresArray(outcomes.map(\.reason)),
             PostgresArray(claims.map(\.envelope.correlationID))])
        return Set(try rows.map { try $0.decode(UUID.self, column: "message_id") })
    }

    /// The recorded outcomes of those of `messageIDs` that were handled before, in one query.
    static func outcomes(of messageIDs: [UUID], on connection: PostgresConnection) throws -> [UUID: Outcome] {
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

    /// Records that the message claimed as `messageID` in this transaction was rejected.
    static func rejectStatement(_ messageID: UUID, reason: String) -> PostgresStatement {
        PostgresStatement(
            "UPDATE inbox SET outcome = 'rejected', reason = $2 WHERE message_id = $1", [messageID, reason])
    }
}
