import BodyReading
import Contracts
import Foundation
import Messaging
import PostgresClient

/// Sheets that failed validation, kept whole (raw body and every error) for operators.
public enum RejectedSheetStore {
    public struct Record: Codable, Sendable {
        public var messageId: UUID
        public var routingKey: String
        public var sheetId: String?
        public var errors: [FieldError]
        public var receivedAt: Date
    }

    static func insert(_ rejection: SheetRejectedPayload, envelope: Envelope, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO rejected_sheets (message_id, routing_key, sheet_id, errors, raw_body, received_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [envelope.messageID, envelope.type, rejection.sheetId, try PostgresJSON(encoding: rejection.errors),
             envelope.body, rejection.receivedAt])
    }

    /// The most recent rejections first.
    public static func list(limit: Int = 100, on connection: PostgresConnection) throws -> [Record] {
        try connection.query(
            """
            SELECT message_id, routing_key, sheet_id, errors, received_at FROM rejected_sheets
            ORDER BY received_at DESC, id DESC LIMIT $1
            """, [limit]
        ).map { row in
            Record(
                messageId: try row.decode(UUID.self, column: "message_id"),
                routingKey: try row.decode(String.self, column: "routing_key"),
                sheetId: try row.decode(String?.self, column: "sheet_id"),
                errors: try row.decode(PostgresJSON.self, column: "errors").decode([FieldError].self),
                receivedAt: try row.decode(Date.self, column: "received_at"))
        }
    }
}
