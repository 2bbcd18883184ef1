import BodyReading
import Foundation
import Messaging
import PostgresClient

/// Messages followup refused, kept whole (raw body and every error) for operators.
public enum RejectedMessageStore {
    static func insert(_ envelope: Envelope, errors: [FieldError], at now: Date, on connection: PostgresConnection) throws {
        try connection.execute(
            "INSERT INTO rejected_messages (message_id, routing_key, errors, raw_body, received_at) VALUES ($1, $2, $3, $4, $5)",
            [envelope.messageID, envelope.type, try PostgresJSON(encoding: errors), envelope.body, now])
    }
}
