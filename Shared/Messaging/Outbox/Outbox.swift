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

    /// Inserts `events` with one statement, in order (their `seq` ascends in the order given); read
    /// what it returns with ``inserted(_:of:)``.
    static func insertStatement(_ events: [OutboxEvent]) -> PostgresStatement {
        let envelopes = events.map(\.envelope)
        return PostgresStatement(
            """
            INSERT INTO outbox (message_id, type, correlation_id, causation_id, producer, schema_version,
                                created_at, payload, municipality)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[],
                                 $7::timestamptz[], $8::bytea[], $9::text[])
            RETURNING seq, message_id
            """,
            [PostgresArray(envelopes.map(\.messageID)), PostgresArray(envelopes.map(\.type)),
             PostgresArray(envelopes.map(\.correlationID)), PostgresArray(envelopes.map(\.causationID)),
             PostgresArray(envelopes.map(\.producer)), PostgresArray(envelopes.map(\.schemaVersion)),
             PostgresArray(envelopes.map(\.timestamp)), PostgresArray(binary: envelopes.map(\.body)),
             PostgresArray(envelopes.map(\.municipality))])
    }

    /// An event waiting to be published, with its position in the outbox.
    public struct Pending: Sendable {
        var sequence: Int64
        var envelope: Envelope
    }

    /// The events ``insertStatement(_:)`` wrote, from its `rows`.
    static func inserted(_ rows: PostgresRows, of events: [OutboxEvent]) throws -> [Pending] {
        var sequences: [UUID: Int64] = [:]
        for row in rows {
            sequences[try row.decode(UUID.self, column: "message_id")] = try row.decode(Int64.self, column: "seq")
        }
        return try events.map { event in
            guard let sequence = sequences[event.envelope.messageID] else {
                throw PostgresError(kind: .other, message: "the outbox did not return event \(event.envelope.messageID)")
            }
            return Pending(sequence: sequence, envelope: event.envelope)
        }
    }

    /// Selects the oldest events written more than `age` ago, in the order they were written; read
    /// with ``pending(_:)``.
    static func pendingStatement(olderThan age: Duration, limit: Int) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT seq, message_id, type, correlation_id, causation_id, producer, schema_version, created_at, payload,
                   municipality
            FROM outbox WHERE created_at <= now() - make_interval(secs => $1) ORDER BY seq LIMIT $2
            """, [Double(age / .milliseconds(1)) / 1000, limit])
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
                    municipality: try row.decode(String?.self, column: "municipality"),
                    body: try row.decode([UInt8].self, column: "payload")))
        }
    }

    /// Removes the events with these sequence numbers, which the broker has confirmed.
    static func deleteStatement(_ sequences: [Int64]) -> PostgresStatement {
        PostgresStatement("DELETE FROM outbox WHERE seq = ANY($1::bigint[])", [PostgresArray(sequences)])
    }

    /// The number of events waiting to be published.
    static func backlog(on connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT count(*) FROM outbox").first?.decode(Int.self, at: 0) ?? 0
    }
}
