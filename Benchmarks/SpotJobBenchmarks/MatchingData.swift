import AssignmentComparison
import Chronology
import Domain
import Foundation
import PostgresClient
import SeededRandom

/// Synthetic people and openings for the matching section, bulk-loaded with `generate_series` into a
/// schema with matching's tables (the connection's `search_path`), or sent as `candidate.profiled`.
///
/// The spread, the same in SQL and in ``profileBody(_:index:today:)``: half the people live in ten
/// East Jutland municipalities (where the JobShops are) and half anywhere among the 98; each can get
/// to their home and 0–2 neighbouring municipalities; 1–3 consecutive categories (of 6), 2–4 of the
/// first category's tasks; wanted hours 3–12 up to 5–24 more; job types mostly småjob (10 % fleksjob
/// only, 10 % also fleksjob, 10 % also praktik); 1–3 jobs; out of work 0–1,500 days; available from
/// 30 days ago to 29 days ahead. 80 % of the openings are in the ten; category uniform, 1–3 of its
/// tasks, 3–20 hours, 1–2 positions, 90 % småjob. Hashes of the row number make it deterministic.
/// CPR ciphertext and digest are arbitrary bytes: ranking never reads them.
enum MatchingData {
    /// Horsens, Hedensted, Vejle, Aarhus, Skanderborg, Kolding, Fredericia, Silkeborg, Odder, Favrskov.
    static let region = ["615", "766", "630", "751", "746", "621", "607", "740", "727", "710"]
    /// The ten first, then the other Danish municipalities.
    static let municipalities = region + Municipalities.denmark.all.map(\.code).filter { !region.contains($0) }
    static let categories = JobCategory.allCases.map(\.rawValue)
    /// Five task codes per category, in ``categories`` order (a category with fewer repeats its own;
    /// one with none gets free text).
    static let tasksByCategory: [String] = JobCategory.allCases.flatMap { category -> [String] in
        let codes = category.knownTasks.map(\.code)
        return (0..<5).map { codes.isEmpty ? "Vande planter" : codes[$0 % codes.count] }
    }

    /// Four non-negative 28-bit hashes of row `i` (salted), as columns h1…h4.
    private static func hashes(_ salt: String) -> String {
        (1...4).map { "('x' || substr(md5(i::text || '\(salt)'), \(7 * $0 - 6), 7))::bit(28)::int AS h\($0)" }
            .joined(separator: ", ")
    }

    /// Inserts `count` active candidates with ids `prefix-1` … `prefix-count`.
    static func loadCandidates(_ count: Int, prefix: String, today: CivilDate, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            WITH s AS (
                SELECT i, \(hashes("c")) FROM generate_series(1, $1) AS i
            ), p AS (
                SELECT s.*, home, cardinality($2::text[]) AS n FROM s,
                       LATERAL (SELECT CASE WHEN h1 % 2 = 0 THEN h2 % 10 ELSE h2 % cardinality($2::text[]) END AS home) AS hm
            ), q AS (
                SELECT p.*,
                       CASE WHEN home < 10 THEN (home + 1) % 10 ELSE 10 + (home - 9) % (n - 10) END AS n1,
                       CASE WHEN home < 10 THEN (home + 2) % 10 ELSE 10 + (home - 8) % (n - 10) END AS n2,
                       h4 % 6 AS c
                FROM p
            )
            INSERT INTO candidates (
                candidate_id, revision, status, jobcenter, cpr_ciphertext, cpr_key_id, cpr_digest,
                home_municipality, work_municipalities, categories, tasks, hours_min_tenths, hours_max_tenths,
                job_types, max_jobs, unemployed_since, available_from, note, submitted_at, registered_at, updated_at)
            SELECT $6::text || '-' || i, 1, 'active', ($2::text[])[home + 1], decode(md5(i::text || 'cpr'), 'hex'), 'bench001',
                   sha256(($6::text || i)::bytea), ($2::text[])[home + 1],
                   (ARRAY[($2::text[])[home + 1], ($2::text[])[n1 + 1], ($2::text[])[n2 + 1]])[1:1 + h3 % 3],
                   ARRAY(SELECT ($3::text[])[1 + (c + j) % 6] FROM generate_series(0, (h4 / 6) % 3) AS j),
                   to_jsonb(ARRAY(SELECT DISTINCT ($4::text[])[1 + 5 * c + (h1 / 7 + j) % 5] FROM generate_series(0, 1 + (h2 / 7) % 3) AS j)),
                   30 + ((h2 / 11) % 10) * 10, 30 + ((h2 / 11) % 10) * 10 + 50 + ((h3 / 13) % 20) * 10,
                   CASE (h4 / 17) % 10 WHEN 0 THEN ARRAY['fleksjob'] WHEN 1 THEN ARRAY['smajob', 'fleksjob']
                                       WHEN 2 THEN ARRAY['smajob', 'praktik'] ELSE ARRAY['smajob'] END,
                   1 + (h1 / 19) % 3, $5::date - (h2 / 23) % 1500, $5::date - 30 + (h3 / 29) % 60, NULL, now(), now(), now()
            FROM q
            """,
            [count, PostgresArray(municipalities), PostgresArray(categories), PostgresArray(tasksByCategory),
             today.description, prefix])
    }

    /// Inserts `count` open openings with sheet ids `prefix-1` … `prefix-count`.
    static func loadOpenings(_ count: Int, prefix: String, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            WITH s AS (
                SELECT i, \(hashes("o")) FROM generate_series(1, $1) AS i
            ), p AS (
                SELECT s.*, CASE WHEN h1 % 5 < 4 THEN h2 % 10 ELSE h2 % cardinality($2::text[]) END AS home, h3 % 6 AS c FROM s
            )
            INSERT INTO openings (opening_id, sheet_id, revision, status, municipality, company_cvr, company_name,
                                  category, tasks, hours_per_week_tenths, positions, job_type, registered_at, updated_at)
            SELECT gen_random_uuid(), $5::text || '-' || i, 1, 'open', ($2::text[])[home + 1], lpad((10000000 + i % 80000)::text, 8, '0'),
                   'Bench ' || i, ($3::text[])[1 + c],
                   to_jsonb(ARRAY(SELECT DISTINCT ($4::text[])[1 + 5 * c + (h4 / 7 + j) % 5] FROM generate_series(0, (h4 / 5) % 3) AS j)),
                   30 + ((h1 / 11) % 18) * 10, 1 + (h2 / 13) % 2,
                   CASE WHEN (h3 / 17) % 10 = 0 THEN 'fleksjob' ELSE 'smajob' END, now(), now()
            FROM p
            """,
            [count, PostgresArray(municipalities), PostgresArray(categories), PostgresArray(tasksByCategory), prefix])
    }

    /// Ids of the open openings whose category, municipality, job type and hours one of `bodies`
    /// (from ``profileBody(_:index:today:)``) fits: those a new profile may change.
    static func openingsFitting(_ bodies: [[UInt8]], on connection: PostgresConnection) throws -> [UUID] {
        var ids = Set<UUID>()
        for body in bodies {
            let fields = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
            let hours = (fields["hoursPerWeek"] as! [String: NSNumber]).mapValues { Int(($0.doubleValue * 10).rounded()) }
            try connection.query(
                """
                SELECT opening_id FROM openings
                WHERE status = 'open' AND category = ANY($1::text[]) AND municipality = ANY($2::text[])
                  AND job_type = ANY($3::text[]) AND hours_per_week_tenths BETWEEN $4 AND $5
                """,
                [PostgresArray(fields["categories"] as! [String]), PostgresArray(fields["workMunicipalities"] as! [String]),
                 PostgresArray(fields["jobTypes"] as! [String]), hours["min"]!, hours["max"]!]
            ).forEach { ids.insert(try $0.decode(UUID.self, at: 0)) }
        }
        return ids.sorted { $0.uuidString < $1.uuidString }
    }

    /// A valid `candidate.profiled` body for person `index` of run `prefix`, spread as the SQL above
    /// (from a seeded generator instead of row hashes); its fictitious CPR number is unique per index.
    static func profileBody(_ prefix: String, index: Int, today: CivilDate) -> [UInt8] {
        var random = SplitMix64(seed: UInt64(index) &* 0x9E37_79B9 &+ 17)
        func draw(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let n = municipalities.count
        let home = draw(2) == 0 ? draw(10) : draw(n)
        let neighbours = home < 10 ? [(home + 1) % 10, (home + 2) % 10] : [10 + (home - 9) % (n - 10), 10 + (home - 8) % (n - 10)]
        let work = ([home] + neighbours).prefix(1 + draw(3)).map { municipalities[$0] }
        let first = draw(6)
        let wanted = (0...draw(3)).map { categories[(first + $0) % 6] }
        let taskStart = draw(5)
        let tasks = Array(Set((0...(1 + draw(3))).map { tasksByCategory[5 * first + (taskStart + $0) % 5] })).sorted()
        let low = 30 + draw(10) * 10
        let high = low + 50 + draw(20) * 10
        let jobTypes = [["fleksjob"], ["smajob", "fleksjob"], ["smajob", "praktik"], ["smajob"]][min(draw(10), 3)]
        // DDMMYY-SSSS, born 1950–1999 (serial 0000–3999), distinct for every index below 13 million.
        let cpr = String(format: "%02d%02d%02d-%04d", 1 + index % 28, 1 + (index / 28) % 12, 50 + (index / 336) % 50, (index / 16_800) % 4000)
        let body: [String: Any] = [
            "candidateId": "\(prefix)-\(index)", "jobcenter": municipalities[home], "cpr": cpr,
            "homeMunicipality": municipalities[home], "workMunicipalities": work, "categories": wanted, "tasks": tasks,
            "hoursPerWeek": ["min": Double(low) / 10, "max": Double(high) / 10], "jobTypes": jobTypes, "maxJobs": 1 + draw(3),
            "unemployedSince": today.advanced(by: -draw(1500)).description,
            "availableFrom": today.advanced(by: draw(60) - 30).description,
            "submittedAt": Date().formatted(.iso8601),
        ]
        return Array(try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
    }
}
