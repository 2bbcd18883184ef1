import Chronology
import Contracts
import Domain
import Foundation
import PostgresClient

/// Placements reported by jobcenters.
public enum PlacementStore {
    /// A placement already stored under an id.
    struct Existing {
        var candidateId: String
        var openingId: UUID
        /// The candidate's jobcenter (kommunekode).
        var jobcenter: String
        var startDate: CivilDate
        var ended: Bool
    }

    static func existing(_ placementId: String, lock: Bool = false, on connection: PostgresConnection) throws -> Existing? {
        try connection.query(
            "SELECT candidate_id, opening_id, jobcenter, start_date::text AS start_date, ended_at IS NOT NULL AS ended FROM placements WHERE placement_id = $1"
                + (lock ? " FOR UPDATE" : ""), [placementId]
        ).first.map { row in
            Existing(
                candidateId: try row.decode(String.self, column: "candidate_id"),
                openingId: try row.decode(UUID.self, column: "opening_id"),
                jobcenter: try row.decode(String.self, column: "jobcenter"),
                startDate: CivilDate(try row.decode(String.self, column: "start_date")) ?? .earliest,
                ended: try row.decode(Bool.self, column: "ended"))
        }
    }

    /// Records a placement and counts it in the candidate's `active_placements`.
    static func insert(_ placement: PlacementRecordedPayload, jobcenter: String, at now: Date, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            WITH placed AS (
                INSERT INTO placements (placement_id, candidate_id, opening_id, jobcenter, company_cvr, municipality, job_type,
                                        hours_per_week_tenths, start_date, target_group, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11)
                RETURNING candidate_id)
            UPDATE candidates c SET active_placements = c.active_placements + 1 FROM placed WHERE c.candidate_id = placed.candidate_id
            """,
            [placement.placementId, placement.candidateId, placement.openingId, jobcenter, placement.cvr.value,
             placement.municipality, placement.jobType.rawValue, placement.hoursPerWeek.tenths,
             placement.startDate.description, placement.targetGroup, now])
    }

    /// Ends an active placement and takes it off the candidate's `active_placements`.
    static func end(_ end: PlacementEnd, at now: Date, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            WITH ended AS (
                UPDATE placements SET end_date = $2::date, end_reason = $3, ended_at = $4
                WHERE placement_id = $1 AND ended_at IS NULL RETURNING candidate_id)
            UPDATE candidates c SET active_placements = c.active_placements - 1 FROM ended WHERE c.candidate_id = ended.candidate_id
            """,
            [end.placementId, end.endDate.description, end.reason, now])
    }

    /// A placement for `spotjob placements list`.
    public struct Record: Codable, Sendable {
        public var placementId: String
        public var candidateId: String
        public var openingId: UUID
        public var jobcenter: String
        public var cvr: String
        public var municipality: String
        public var jobType: String
        public var hoursPerWeek: Double
        public var startDate: String
        public var targetGroup: Bool
        public var endDate: String?
        public var endReason: String?
        public var recordedAt: Date
        public var inStarReport: Bool
    }

    public static func list(jobcenter: String? = nil, limit: Int = 100, on connection: PostgresConnection) throws -> [Record] {
        try connection.query(
            """
            SELECT placement_id, candidate_id, opening_id, jobcenter, company_cvr, municipality, job_type,
                   hours_per_week_tenths, start_date::text AS start_date, target_group, end_date::text AS end_date,
                   end_reason, recorded_at, star_run_id IS NOT NULL AS reported
            FROM placements WHERE ($1::text IS NULL OR jobcenter = $1)
            ORDER BY recorded_at DESC, placement_id LIMIT $2
            """, [jobcenter, limit]
        ).map { row in
            Record(
                placementId: try row.decode(String.self, column: "placement_id"),
                candidateId: try row.decode(String.self, column: "candidate_id"),
                openingId: try row.decode(UUID.self, column: "opening_id"),
                jobcenter: try row.decode(String.self, column: "jobcenter"), cvr: try row.decode(String.self, column: "company_cvr"),
                municipality: try row.decode(String.self, column: "municipality"),
                jobType: try row.decode(String.self, column: "job_type"),
                hoursPerWeek: Double(try row.decode(Int.self, column: "hours_per_week_tenths")) / 10,
                startDate: try row.decode(String.self, column: "start_date"),
                targetGroup: try row.decode(Bool.self, column: "target_group"),
                endDate: try row.decode(String?.self, column: "end_date"),
                endReason: try row.decode(String?.self, column: "end_reason"),
                recordedAt: try row.decode(Date.self, column: "recorded_at"),
                inStarReport: try row.decode(Bool.self, column: "reported"))
        }
    }
}
