import Foundation
import PostgresClient

/// The count of attempts to apply a redelivered message alone (table `delivery_attempts`), each
/// committed before the attempt, so that an attempt whose process dies is counted
/// (``Redeliveries``). Rows go with the inbox's retention.
enum DeliveryAttempts {
    /// Counts one more attempt at `messageID` and returns the count, this one included.
    static func record(_ messageID: UUID, on connection: PostgresConnection, now: Date = Date()) throws -> Int {
        let rows = try connection.query(
            """
            INSERT INTO delivery_attempts (message_id, attempts, last_attempt_at) VALUES ($1, 1, $2)
            ON CONFLICT (message_id) DO UPDATE
                SET attempts = delivery_attempts.attempts + 1, last_attempt_at = excluded.last_attempt_at
            RETURNING attempts
            """, [messageID, now])
        return try rows[0].decode(Int.self, column: "attempts")
    }
}
