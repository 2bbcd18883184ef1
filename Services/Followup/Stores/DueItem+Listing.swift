import Foundation
import PostgresClient

extension DueItem {
    /// The open duties of one municipality (kommunekode) or all, as of `now`, at most `limit`; with
    /// `placements`, only those placements' pending check-ins.
    public static func list(
        municipality: String?, placements: [String]? = nil, now: Date, calendar: FollowupCalendar, limit: Int,
        on connection: PostgresConnection
    ) throws -> [DueItem] {
        try connection.query(
            """
            SELECT * FROM (
                SELECT CASE WHEN o.lead THEN 'visit' ELSE 'contact' END AS kind, t.task_id AS id, t.opening_id, NULL::text AS placement_id, NULL::integer AS sequence,
                       o.municipality, t.due_at
                FROM contact_tasks t JOIN openings o USING (opening_id)
                WHERE t.status = 'open' AND ($1::text IS NULL OR o.municipality = $1) AND $3::text[] IS NULL
                UNION ALL
                SELECT 'checkin', c.checkin_id, p.opening_id, p.placement_id, c.sequence, p.municipality, c.due_at
                FROM checkins c JOIN placements p USING (placement_id)
                WHERE c.status IN ('scheduled', 'due') AND ($1::text IS NULL OR p.municipality = $1)
                  AND ($3::text[] IS NULL OR p.placement_id = ANY($3::text[]))
            ) AS due ORDER BY due_at, id LIMIT $2
            """, [municipality, limit, placements.map { PostgresArray($0) }]
        ).map { row in
            let dueAt = try row.decode(Date.self, column: "due_at")
            return DueItem(
                kind: try row.decode(String.self, column: "kind"), id: try row.decode(UUID.self, column: "id"),
                openingId: try row.decode(UUID.self, column: "opening_id"),
                placementId: try row.decode(String?.self, column: "placement_id"),
                sequence: try row.decode(Int?.self, column: "sequence"),
                municipality: try row.decode(String.self, column: "municipality"), dueAt: dueAt,
                workingDaysLate: calendar.workingDaysLate(dueAt: dueAt, at: now))
        }
    }
}
