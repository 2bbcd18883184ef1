import Chronology
import Domain
import Foundation
import PostgresClient

/// Matching's copy of intake's openings.
public enum MatchingOpeningStore {
    /// Saves an opening from `opening.registered` or `opening.updated`: new, or a higher revision of
    /// an open one. Returns whether anything changed.
    static func save(_ opening: OpeningCopy, at now: Date, on connection: PostgresConnection) throws -> Bool {
        try connection.query(
            """
            INSERT INTO openings (opening_id, sheet_id, revision, status, municipality, company_cvr, company_name,
                                  category, tasks, hours_per_week_tenths, positions, job_type, registered_at, updated_at)
            VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (opening_id) DO UPDATE SET
                revision = EXCLUDED.revision, municipality = EXCLUDED.municipality, company_cvr = EXCLUDED.company_cvr,
                company_name = EXCLUDED.company_name, category = EXCLUDED.category, tasks = EXCLUDED.tasks,
                hours_per_week_tenths = EXCLUDED.hours_per_week_tenths, positions = EXCLUDED.positions,
                job_type = EXCLUDED.job_type, updated_at = EXCLUDED.updated_at
            WHERE openings.revision < EXCLUDED.revision AND openings.status = 'open'
            RETURNING opening_id
            """,
            [opening.openingId, opening.sheetId, opening.revision, opening.municipality.code, opening.cvr.value,
             opening.companyName, opening.category.rawValue, try PostgresJSON(encoding: opening.tasks),
             opening.hoursPerWeek.tenths, opening.positions, opening.jobType.rawValue, opening.registeredAt, now]
        ).first != nil
    }

    /// Withdraws an open opening; `false` when unknown or already withdrawn.
    static func withdraw(_ openingId: UUID, at now: Date, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            "UPDATE openings SET status = 'withdrawn', withdrawn_at = $2 WHERE opening_id = $1 AND status = 'open'",
            [openingId, now]) > 0
    }

    static let columns = """
        o.opening_id, o.status, o.municipality, o.company_cvr, o.company_name, o.category, o.tasks,
        o.hours_per_week_tenths, o.positions, o.job_type,
        (SELECT count(*) FROM placements p WHERE p.opening_id = o.opening_id AND p.ended_at IS NULL) AS filled,
        o.bound_day::text AS bound_day, o.bound_model, o.bound_top, o.bound_count, o.bound_last_sum,
        o.bound_last_unemployed_since::text AS bound_last_unemployed_since, o.bound_last_candidate_id
        """

    /// A stored opening with its company.
    public struct Stored: Sendable {
        public var opening: MatchOpening
        public var cvr: String
        public var companyName: String
        /// What its current proposals were decided against; `nil` before the first.
        public var bound: ProposalBound?
    }

    static func stored(_ row: PostgresRow) throws -> Stored {
        guard let category = JobCategory(rawValue: try row.decode(String.self, column: "category")),
              let jobType = JobType(rawValue: try row.decode(String.self, column: "job_type")),
              let hours = HoursPerWeek(tenths: try row.decode(Int.self, column: "hours_per_week_tenths"))
        else { throw StoredValueError(table: "openings") }
        return Stored(
            opening: MatchOpening(
                openingId: try row.decode(UUID.self, column: "opening_id").uuidString.lowercased(),
                municipality: try row.decode(String.self, column: "municipality"), category: category,
                tasks: try row.decode(PostgresJSON.self, column: "tasks").decode([JobTask].self), hoursPerWeek: hours,
                jobType: jobType, positions: try row.decode(Int.self, column: "positions"),
                filled: try row.decode(Int.self, column: "filled"),
                withdrawn: try row.decode(String.self, column: "status") == "withdrawn"),
            cvr: try row.decode(String.self, column: "company_cvr"),
            companyName: try row.decode(String.self, column: "company_name"),
            bound: try bound(row))
    }

    private static func bound(_ row: PostgresRow) throws -> ProposalBound? {
        guard let day = try row.decode(String?.self, column: "bound_day").flatMap(CivilDate.init),
              let model = try row.decode(String?.self, column: "bound_model"),
              let top = try row.decode(Int?.self, column: "bound_top"),
              let count = try row.decode(Int?.self, column: "bound_count")
        else { return nil }
        var last: Ranking.Position?
        if let sum = try row.decode(Int?.self, column: "bound_last_sum"),
           let since = try row.decode(String?.self, column: "bound_last_unemployed_since").flatMap(CivilDate.init),
           let candidateId = try row.decode(String?.self, column: "bound_last_candidate_id") {
            last = Ranking.Position(weightedSum: sum, unemployedSince: since, candidateId: candidateId)
        }
        return ProposalBound(day: day, model: model, top: top, count: count, last: last)
    }

    /// The statement that keeps `bound` as what the opening's current proposals were decided against.
    static func saving(_ bound: ProposalBound, of openingId: UUID) -> PostgresStatement {
        PostgresStatement(
            """
            UPDATE openings SET bound_day = $2::date, bound_model = $3, bound_top = $4, bound_count = $5,
                bound_last_sum = $6, bound_last_unemployed_since = $7::date, bound_last_candidate_id = $8
            WHERE opening_id = $1
            """,
            [openingId, bound.day.description, bound.model, bound.top, bound.count, bound.last?.weightedSum,
             bound.last?.unemployedSince.description, bound.last?.candidateId])
    }

    /// The open openings of `openingIds`, in that order (unknown and withdrawn ones left out).
    static func open(_ openingIds: [UUID], on connection: PostgresConnection) throws -> [(id: UUID, stored: Stored)] {
        let found = try connection.query(
            "SELECT \(columns) FROM openings o WHERE o.opening_id = ANY($1::uuid[]) AND o.status = 'open'", [PostgresArray(openingIds)]
        ).map(stored)
        let byId = Dictionary(found.map { ($0.opening.openingId, $0) }) { first, _ in first }
        return openingIds.compactMap { id in byId[id.uuidString.lowercased()].map { (id, $0) } }
    }

    /// One opening, locked until the transaction ends when `lock` is set.
    public static func opening(_ openingId: UUID, lock: Bool = false, on connection: PostgresConnection) throws -> Stored? {
        try connection.query(
            "SELECT \(columns) FROM openings o WHERE o.opening_id = $1" + (lock ? " FOR UPDATE OF o" : ""), [openingId]
        ).first.map(stored)
    }

    /// Open openings, optionally of one municipality (kommunekode).
    public static func open(municipality: String? = nil, on connection: PostgresConnection) throws -> [Stored] {
        try connection.query(
            "SELECT \(columns) FROM openings o WHERE o.status = 'open' AND ($1::text IS NULL OR o.municipality = $1) ORDER BY o.opening_id",
            [municipality]
        ).map(stored)
    }

    /// Open openings whose category, municipality, job type and hours `candidate` fits.
    static func fitting(_ candidate: Candidate, on connection: PostgresConnection) throws -> [Stored] {
        try connection.query(
            """
            SELECT \(columns) FROM openings o
            WHERE o.status = 'open' AND o.category = ANY($1::text[]) AND o.municipality = ANY($2::text[])
              AND o.job_type = ANY($3::text[]) AND o.hours_per_week_tenths BETWEEN $4 AND $5
            """,
            [PostgresArray(candidate.categories.map(\.rawValue)), PostgresArray(candidate.workMunicipalities),
             PostgresArray(candidate.jobTypes.map(\.rawValue)), candidate.hours.min.tenths, candidate.hours.max.tenths]
        ).map(stored)
    }
}
