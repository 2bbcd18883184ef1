import Foundation
import PostgresClient

/// A service's outbox table: events written with the state change, relayed after commit.
public enum Outbox {
    /// Writes `events` to the outbox on `connection`, which should be inside the transaction of
    /// the state change they announce. (The consumer writes its handlers' events itself.)
    public static func enqueue(_ events: [OutboxEvent], on connection: PostgresConnection) throws {
        _ = try connection.pipeline(events.map(insertStatement))
    }

    static func insertStatement(_ event: OutboxEvent) -> PostgresStatement {
        let envelope = event.envelope
        return PostgresStatement(
            """
            INSERT INTO outbox (message_id, type, correlation_id, causation_id, producer, schema_version,
                                created_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [envelope.messageID, envelope.type, envelope.correlationID, envelope.causationID,
             envelope.producer, envelope.schemaVersion, envelope.timestamp, envelope.body])
    }

    /// An event waiting to be published, with its position in the outbox.
    struct Pending: Sendable {
        var sequence: Int64
        var envelope: Envelope
    }

    /// Selects the oldest unsent events, in the order they were written; read with ``pending(_:)``.
    static func pendingStatement(limit: Int) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT seq, message_id, type, correlation_id, causation_id, producer, schema_version, created_at, payload
            FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1
            """, [limit])
    }

    static func pending(_ rows: PostgresRows) throws -> [Pending] {
        try rows.map { row in
            Pending(
                sequence: try row.decode(Int64.self, column: "seq"),
                envelope: Envelope(
                    messageID: try row.decode(UUID.self, column: "message_id"),
                    type: try row.decode(String.self, column: "type"),
                    correlationID: try row.decode(String?.self, column: "correlation_id"),
                    causationID: try row.decode(String?.self, column: "causation_id"),
                    timestamp: try row.decode(Date.self, column: "created_at"),
                    producer: try row.decode(String.self, column: "producer"),
                    schemaVersion: try row.decode(Int.self, column: "schema_version"),
                    body: try row.decode([UInt8].self, column: "payload")))
        }
    }

    /// Marks the events with these sequence numbers as published.
    static func markSentStatement(_ sequences: [Int64]) -> PostgresStatement {
        PostgresStatement(
            "UPDATE outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])",
            [PostgresArray(sequences)])
    }

    /// Counts the events waiting to be published.
    static let backlogStatement = PostgresStatement("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
}
