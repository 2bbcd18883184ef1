import BodyReading
import Contracts
import Foundation
import JSON
import Messaging
import PostgresClient

/// Messages billing refused, kept whole (raw body and every error) for operators.
public enum RejectedMessageStore {
    static func insert(_ rejection: BillingRejectedPayload, envelope: Envelope, on connection: PostgresConnection) throws {
        _ = try connection.execute(
            """
            INSERT INTO rejected_messages (message_id, routing_key, contract_id, errors, raw_body, received_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [envelope.messageID, envelope.type, rejection.contractId,
             PostgresJSON(bytes: try JSONCoding.encoder.encode(rejection.errors)), envelope.body, rejection.receivedAt])
    }

    /// The most recent rejections first.
    public static func list(limit: Int = 100, on connection: PostgresConnection) throws -> [BillingRejectedPayload] {
        try connection.query(
            """
            SELECT message_id, routing_key, contract_id, errors, received_at FROM rejected_messages
            ORDER BY received_at DESC, id DESC LIMIT $1
            """, [limit]
        ).map { row in
            BillingRejectedPayload(
                messageId: try row.decode(UUID.self, column: "message_id"),
                messageType: try row.decode(String.self, column: "routing_key"),
                contractId: try row.decode(String?.self, column: "contract_id"),
                errors: try row.decode(PostgresJSON.self, column: "errors").decode([FieldError].self),
                receivedAt: try row.decode(Date.self, column: "received_at"))
        }
    }
}
