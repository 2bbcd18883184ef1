import BodyReading
import Foundation
import PostgresClient

/// The messages a service refused (table `rejected_messages`, the same in every schema): every
/// error, and the raw body as received or sealed (``RejectionPolicy/sealer``). Written by the kit
/// (``RejectionRecorder``) in the transaction that records the refusal in the inbox; emptied of
/// old rows by retention; read by `spotjob rejected`.
public enum RejectedMessageStore {
    /// A refused message as operators list it: no body.
    public struct Record: Codable, Sendable, Equatable {
        public var messageId: UUID
        public var routingKey: String
        public var subject: String?
        public var errors: [FieldError]
        public var receivedAt: Date
        public var correlationId: String?
        /// Whether the body is kept only sealed.
        public var bodySealed: Bool
    }

    /// A refused message's raw body as kept.
    public enum Body: Sendable, Equatable {
        case plain([UInt8])
        case sealed(SealedBody)
    }

    static func insert(
        _ envelope: Envelope, _ rejection: Rejection, body: Body, at now: Date
    ) throws -> PostgresStatement {
        let (plain, sealed): ([UInt8]?, SealedBody?) = switch body {
        case .plain(let bytes): (bytes, nil)
        case .sealed(let sealed): (nil, sealed)
        }
        return PostgresStatement(
            """
            INSERT INTO rejected_messages
                (message_id, routing_key, subject, errors, raw_body, raw_body_sealed, key_id, correlation_id, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [envelope.messageID, envelope.type, rejection.subject, try PostgresJSON(encoding: rejection.errors),
             plain, sealed?.bytes, sealed?.keyID, envelope.correlationID, now])
    }

    private static let columns = "message_id, routing_key, subject, errors, received_at, correlation_id, raw_body IS NULL AS sealed"

    /// The most recent refusals first.
    public static func list(limit: Int = 100, on connection: PostgresConnection) throws -> [Record] {
        try connection.query(
            "SELECT \(columns) FROM rejected_messages ORDER BY received_at DESC, id DESC LIMIT $1", [limit]
        ).map(record)
    }

    /// The refusal of message `messageId`, if kept.
    public static func record(_ messageId: UUID, on connection: PostgresConnection) throws -> Record? {
        try connection.query(
            "SELECT \(columns) FROM rejected_messages WHERE message_id = $1 ORDER BY id DESC LIMIT 1", [messageId]
        ).first.map(record)
    }

    /// The raw body of message `messageId`, if kept.
    public static func body(_ messageId: UUID, on connection: PostgresConnection) throws -> Body? {
        guard let row = try connection.query(
            "SELECT raw_body, raw_body_sealed, key_id FROM rejected_messages WHERE message_id = $1 ORDER BY id DESC LIMIT 1",
            [messageId]).first
        else { return nil }
        if let plain = try row.decode([UInt8]?.self, column: "raw_body") { return .plain(plain) }
        return .sealed(SealedBody(
            bytes: try row.decode([UInt8].self, column: "raw_body_sealed"),
            keyID: try row.decode(String.self, column: "key_id")))
    }

    private static func record(_ row: PostgresRow) throws -> Record {
        Record(
            messageId: try row.decode(UUID.self, column: "message_id"),
            routingKey: try row.decode(String.self, column: "routing_key"),
            subject: try row.decode(String?.self, column: "subject"),
            errors: try row.decode(PostgresJSON.self, column: "errors").decode([FieldError].self),
            receivedAt: try row.decode(Date.self, column: "received_at"),
            correlationId: try row.decode(String?.self, column: "correlation_id"),
            bodySealed: try row.decode(Bool.self, column: "sealed"))
    }
}
