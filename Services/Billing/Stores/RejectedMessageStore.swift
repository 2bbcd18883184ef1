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
}
