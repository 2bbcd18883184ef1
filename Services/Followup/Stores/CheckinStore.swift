import Chronology
import Foundation
import PostgresClient

/// Placements and their retention check-ins.
enum CheckinStore {
    /// A check-in and the placement it follows.
    struct Checkin: Sendable {
        var checkinId: UUID
        var placementId: String
        var openingId: UUID
        var candidateId: String
        /// The kommunekode of the citizen's jobcenter, which follows the placement up.
        var jobcenter: String
        var sequence: Int
        var dueAt: Date
        var status: String

        var isPending: Bool { status == "scheduled" || status == "due" }
    }

    /// Records a placement with its check-ins (`checkins` with their new ids); `false` when the
    /// placement was recorded before (nothing is written then).
    static func record(
        _ placement: FollowupMessage.PlacementNotice, checkins: [(id: UUID, checkin: FollowupCalendar.Checkin)], at now: Date,
        on connection: PostgresConnection
    ) throws -> Bool {
        let inserted = try connection.query(
            """
            INSERT INTO placements (placement_id, opening_id, candidate_id, company_cvr, municipality, jobcenter, job_type,
                                    start_date, target_group, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9, $10)
            ON CONFLICT (placement_id) DO NOTHING RETURNING placement_id
            """,
            [placement.placementId, placement.openingId, placement.candidateId, placement.cvr.value, placement.municipality.code,
             placement.jobcenter, placement.jobType.rawValue, placement.startDate.description, placement.targetGroup, now])
        guard !inserted.isEmpty else { return false }
        try connection.execute(
            """
            INSERT INTO checkins (checkin_id, placement_id, sequence, due_at, escalation_at, status)
            SELECT id, $1, sequence, due_at, escalation_at, 'scheduled'
            FROM unnest($2::uuid[], $3::integer[], $4::timestamptz[], $5::timestamptz[]) AS c (id, sequence, due_at, escalation_at)
            """,
            [placement.placementId, PostgresArray(checkins.map(\.id)), PostgresArray(checkins.map(\.checkin.sequence)),
             PostgresArray(checkins.map(\.checkin.dueAt)), PostgresArray(checkins.map(\.checkin.escalationAt))])
        return true
    }

    /// Ends a placement and cancels its pending check-ins; their ids, or `nil` when the placement is unknown.
    static func end(
        placementId: String, endDate: CivilDate, reason: String, on connection: PostgresConnection
    ) throws -> [UUID]? {
        let results = try connection.pipeline([
            PostgresStatement(
                """
                UPDATE placements SET end_date = COALESCE(end_date, $2::date), end_reason = COALESCE(end_reason, $3)
                WHERE placement_id = $1 RETURNING placement_id
                """, [placementId, endDate.description, reason]),
            PostgresStatement(
                """
                UPDATE checkins SET status = 'cancelled'
                WHERE placement_id = $1 AND status IN ('scheduled', 'due') RETURNING checkin_id
                """, [placementId]),
        ])
        guard !results[0].isEmpty else { return nil }
        return try results[1].map { try $0.decode(UUID.self, column: "checkin_id") }
    }

    /// The check-in `checkinId` and its placement, locked until the transaction ends.
    static func checkin(_ checkinId: UUID, on connection: PostgresConnection) throws -> Checkin? {
        try connection.query(
            """
            SELECT c.checkin_id, c.placement_id, p.opening_id, p.candidate_id, p.jobcenter, c.sequence, c.due_at, c.status
            FROM checkins c JOIN placements p USING (placement_id) WHERE c.checkin_id = $1 FOR UPDATE OF c
            """, [checkinId]
        ).first.map { row in
            Checkin(
                checkinId: try row.decode(UUID.self, column: "checkin_id"),
                placementId: try row.decode(String.self, column: "placement_id"),
                openingId: try row.decode(UUID.self, column: "opening_id"),
                candidateId: try row.decode(String.self, column: "candidate_id"),
                jobcenter: try row.decode(String.self, column: "jobcenter"),
                sequence: try row.decode(Int.self, column: "sequence"), dueAt: try row.decode(Date.self, column: "due_at"),
                status: try row.decode(String.self, column: "status"))
        }
    }

    static func complete(_ completion: FollowupMessage.CheckinCompletion, on connection: PostgresConnection) throws {
        try connection.execute(
            "UPDATE checkins SET status = 'completed', completed_at = $2, outcome = $3, note = $4 WHERE checkin_id = $1",
            [completion.checkinId, completion.completedAt, completion.outcome.rawValue, completion.note])
    }

    static func markDue(_ checkinId: UUID, on connection: PostgresConnection) throws {
        try connection.execute("UPDATE checkins SET status = 'due' WHERE checkin_id = $1 AND status = 'scheduled'", [checkinId])
    }

    static func markEscalated(_ checkinId: UUID, on connection: PostgresConnection) throws {
        try connection.execute("UPDATE checkins SET escalated = true WHERE checkin_id = $1", [checkinId])
    }
}
