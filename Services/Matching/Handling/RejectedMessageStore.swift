import BodyReading
import Foundation
import Messaging
import PersonalData
import PostgresClient

/// Refused messages with every error; the raw body only encrypted (a profile's holds a CPR number).
public enum RejectedMessageStore {
    public struct Record: Codable, Sendable {
        public var messageId: UUID
        public var routingKey: String
        public var subject: String?
        public var errors: [FieldError]
        public var receivedAt: Date
    }

    static func insert(_ envelope: Envelope, subject: String?, errors: [FieldError], at now: Date, cipher: CPRCipher, on connection: PostgresConnection) throws {
        let sealed = try cipher.seal(envelope.body)
        try connection.execute(
            """
            INSERT INTO rejected_messages (message_id, routing_key, subject, errors, raw_body_sealed, key_id, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [envelope.messageID, envelope.type, subject, try PostgresJSON(encoding: errors), sealed,
             try CPRCipher.keyID(of: sealed).description, now])
    }

    public static func list(limit: Int = 100, on connection: PostgresConnection) throws -> [Record] {
        try connection.query(
            "SELECT message_id, routing_key, subject, errors, received_at FROM rejected_messages ORDER BY received_at DESC, id DESC LIMIT $1",
            [limit]
        ).map { row in
            Record(
                messageId: try row.decode(UUID.self, column: "message_id"),
                routingKey: try row.decode(String.self, column: "routing_key"),
                subject: try row.decode(String?.self, column: "subject"),
                errors: try row.decode(PostgresJSON.self, column: "errors").decode([FieldError].self),
                receivedAt: try row.decode(Date.self, column: "received_at"))
        }
    }
}
