import Chronology
import Foundation
import PostgresClient

extension Funnel {
    /// The funnel of the openings `filter` selects (leads are not openings), counting retention as of `today`.
    public static func compute(_ filter: Filter, today: CivilDate, on connection: PostgresConnection) throws -> Funnel {
        let selected = """
            WITH o AS (
                SELECT opening_id, municipality, company_cvr, company_employees, job_type FROM openings
                WHERE NOT lead AND ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR source = $2)
                  AND ($3::timestamptz IS NULL OR submitted_at >= $3) AND ($4::timestamptz IS NULL OR submitted_at < $4))
            """
        let binds: [(any PostgresEncodable)?] = [
            filter.municipality, filter.source, filter.from.map { Copenhagen.instant(on: $0, hour: 0, minute: 0) },
            filter.to.map { Copenhagen.instant(on: $0.advanced(by: 1), hour: 0, minute: 0) },
        ]
        // Each statement reads the selected openings once (an inlined CTE): a CTE read several times in
        // one statement is materialised first, which over a million openings costs more than the rest.
        let results = try connection.pipeline([
            PostgresStatement("""
                \(selected)
                SELECT count(*) AS registered, count(*) FILTER (WHERE t.contacted_on_time) AS on_time,
                       count(*) FILTER (WHERE NOT t.contacted_on_time) AS late
                FROM o LEFT JOIN contact_tasks t USING (opening_id)
                """, binds),
            PostgresStatement("""
                \(selected)
                SELECT count(*) AS visits FROM contacts c JOIN o USING (opening_id) WHERE c.outcome = 'visit-booked'
                """, binds),
            PostgresStatement("""
                \(selected)
                SELECT count(*) AS placements,
                       count(*) FILTER (WHERE p.start_date + 91 <= $5::date
                                        AND (p.end_date IS NULL OR p.end_date >= p.start_date + 91)) AS retained
                FROM placements p JOIN o USING (opening_id)
                """, binds + [today.description]),
            PostgresStatement("""
                \(selected)
                SELECT municipality, job_type, count(*) AS openings FROM o GROUP BY municipality, job_type
                """, binds),
            PostgresStatement("""
                \(selected)
                SELECT CASE WHEN employees IS NULL THEN 'unknown' WHEN employees < 10 THEN 'under-10'
                            WHEN employees < 50 THEN '10-49' WHEN employees < 100 THEN '50-99'
                            WHEN employees < 1000 THEN '100-999' ELSE '1000-or-more' END AS band,
                       count(*) AS companies
                FROM (SELECT company_cvr, max(company_employees) AS employees FROM o GROUP BY company_cvr) AS c
                GROUP BY band
                """, binds),
        ])
        func count(_ column: String, in statement: Int = 0) throws -> Int { try results[statement][0].decode(Int.self, column: column) }
        var byJobType: [String: [String: Int]] = [:]
        for row in results[3] {
            byJobType[try row.decode(String.self, column: "municipality"), default: [:]][try row.decode(String.self, column: "job_type")] =
                try row.decode(Int.self, column: "openings")
        }
        var bySize = Dictionary(uniqueKeysWithValues: sizeBands.map { ($0, 0) })
        for row in results[4] { bySize[try row.decode(String.self, column: "band")] = try row.decode(Int.self, column: "companies") }
        let registered = try count("registered"), onTime = try count("on_time"), late = try count("late")
        // Distinct companies are counted once, by the size bands (every company is in exactly one).
        return Funnel(
            registered: registered, contactedOnTime: onTime, contactedLate: late, notContacted: registered - onTime - late,
            visitsBooked: try count("visits", in: 1), placements: try count("placements", in: 2),
            retained13Weeks: try count("retained", in: 2),
            companies: bySize.values.reduce(0, +), openingsByJobType: byJobType, companiesBySize: bySize)
    }
}
