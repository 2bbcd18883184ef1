import Foundation
import PostgresClient

/// A service's outbox table: events written with the state change, relayed after commit and
/// deleted once the broker confirmed them, so the table holds only what is still to be published.
public enum Outbox {
    /// Writes `events` to the outbox on `connection`, which should be inside the transaction of
    /// the state change they announce. (The consumer writes its handlers' events itself.)
    public static func enqueue(_ events: [OutboxEvent], on connection: PostgresConnection) throws {
        guard !events.isEmpty else { return }
        _ = try connection.pipeline([insertStatement(events)])
    }

    /// Inserts `events` with one statement, in order (their `seq` ascends in the order given).
    static func insertStatement(_ events: [OutboxEvent]) -> PostgresStatement {
        let envelopes = events.map(\.envelope)
        return PostgresStatement(
            """
            INSERT INTO outbox (message_id, type, correlation_id, causation_id, producer, schema_version,
                                created_at, payload)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[],
                                 $7::timestamptz[], $8::bytea[])
            """,
            [PostgresArray(envelopes.map(\.messageID)), PostgresArray(envelopes.map(\.type)),
             PostgresArray(envelopes.map(\.correlationID)), PostgresArray(envelopes.map(\.causationID)),
             PostgresArray(envelopes.map(\.producer)), PostgresArray(envelopes.map(\.schemaVersion)),
             PostgresArray(envelopes.map(\.timestamp)), PostgresArray(envelopes.map(\.body))])
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
            FROM outbox ORDER BY seq LIMIT $1
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

    /// Removes the events with these sequence numbers, which the broker has confirmed.
    static func deleteStatement(_ sequences: [Int64]) -> PostgresStatement {
        PostgresStatement("DELETE FROM outbox WHERE seq = ANY($1::bigint[])", [PostgresArray(sequences)])
    }

    /// Counts the events waiting to be published.
    static let backlogStatement = PostgresStatement("SELECT count(*) FROM outbox")
}
