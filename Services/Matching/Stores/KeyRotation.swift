import Foundation
import PersonalData
import PostgresClient

/// `spotjob matching rotate-key`: re-encrypts every stored CPR number and refused raw body that a
/// previous key made under the current key (``MatchingSettings/keys``: the new key is
/// `CPR_ENCRYPTION_KEY`, the old ones `CPR_PREVIOUS_ENCRYPTION_KEYS`).
public enum KeyRotation {
    /// Re-encrypts in one transaction held by the caller; returns how many rows of each table changed.
    public static func rotate(settings: MatchingSettings, on connection: PostgresConnection) throws -> (candidates: Int, rejectedMessages: Int) {
        let current = settings.keys.encryption.current.id.description
        let cipher = settings.cprCipher
        var candidates = 0
        for row in try connection.query(
            "SELECT candidate_id, cpr_ciphertext FROM candidates WHERE cpr_ciphertext IS NOT NULL AND cpr_key_id <> $1 FOR UPDATE", [current]) {
            let rotated = try cipher.reencrypt(try row.decode([UInt8].self, column: "cpr_ciphertext"))
            candidates += try connection.execute(
                "UPDATE candidates SET cpr_ciphertext = $2, cpr_key_id = $3 WHERE candidate_id = $1",
                [try row.decode(String.self, column: "candidate_id"), rotated, current])
        }
        let raw = settings.rawBodySealer.cipher
        var rejected = 0
        for row in try connection.query(
            "SELECT id, raw_body_sealed FROM rejected_messages WHERE key_id <> $1 FOR UPDATE", [current]) {
            let rotated = try raw.reseal(try row.decode([UInt8].self, column: "raw_body_sealed"))
            rejected += try connection.execute(
                "UPDATE rejected_messages SET raw_body_sealed = $2, key_id = $3 WHERE id = $1",
                [try row.decode(Int.self, column: "id"), rotated, current])
        }
        return (candidates, rejected)
    }
}
