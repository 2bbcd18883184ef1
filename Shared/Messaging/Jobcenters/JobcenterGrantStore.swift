import Contracts
import PostgresClient

/// The `jobcenter_grants` table of a service's schema (`deploy/migrations/common/007_jobcenter_grants.sql`).
enum JobcenterGrantStore {
    /// Stores `registration` unless a later change of the same jobcenter is stored already.
    static func apply(_ registration: JobcenterRegistration, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO jobcenter_grants (kommunekode, granted, changed_at) VALUES ($1, $2::text[], $3)
            ON CONFLICT (kommunekode) DO UPDATE SET granted = excluded.granted, changed_at = excluded.changed_at
            WHERE jobcenter_grants.changed_at <= excluded.changed_at
            """,
            [registration.kommunekode, PostgresArray(registration.granted), registration.at])
    }

    /// Whether jobcenter `kommunekode` was granted `municipality`.
    static func isGranted(_ municipality: String, to kommunekode: String, on connection: PostgresConnection) throws -> Bool {
        !(try connection.query(
            "SELECT 1 FROM jobcenter_grants WHERE kommunekode = $1 AND $2 = ANY(granted)", [kommunekode, municipality]
        ).isEmpty)
    }
}
