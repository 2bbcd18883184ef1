import BodyReading
import Foundation
import Messaging
import PersonalData
import PostgresClient

/// Refused messages with every error; the raw body only encrypted (a profile's holds a CPR number).
public enum RejectedMessageStore {
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
}
