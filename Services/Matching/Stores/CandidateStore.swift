import Chronology
import Domain
import Foundation
import JSON
import PersonalData
import PostgresClient

/// Matching's candidates table: one row per candidateId, its latest accepted revision, the CPR
/// number only encrypted and as a keyed digest.
public enum CandidateStore {
    /// What ``save(_:keys:at:on:)`` did.
    enum Saved: Equatable {
        case registered
        case updated
        /// The stored revision is as high or higher: a duplicate, no effect.
        case unchanged
        case withdrawn
        /// Another active candidateId of the same jobcenter has this CPR number.
        case duplicatePerson
    }

    /// Saves a valid profile: registers a new candidateId, replaces a lower revision.
    static func save(_ profile: CandidateProfile, cipher: CPRCipher, index: CPRIndex, at now: Date, on connection: PostgresConnection) throws -> Saved {
        let existing = try connection.query(
            "SELECT revision, status FROM candidates WHERE candidate_id = $1 FOR UPDATE", [profile.candidateId]
        ).first
        if let existing {
            if try existing.decode(String.self, column: "status") == "withdrawn" { return .withdrawn }
            if try existing.decode(Int.self, column: "revision") >= profile.revision { return .unchanged }
        }
        let digest = index.digest(of: profile.cpr).bytes
        let twin = try connection.query(
            """
            SELECT 1 FROM candidates
            WHERE jobcenter = $1 AND cpr_digest = $2 AND status = 'active' AND candidate_id <> $3 LIMIT 1
            """, [profile.jobcenter.code, digest, profile.candidateId])
        guard twin.first == nil else { return .duplicatePerson }
        let ciphertext = try cipher.encrypt(profile.cpr)
        let keyId = try CPRCipher.keyID(of: ciphertext).description
        try connection.execute(
            """
            INSERT INTO candidates (
                candidate_id, revision, status, jobcenter, cpr_ciphertext, cpr_key_id, cpr_digest,
                home_municipality, work_municipalities, categories, tasks, hours_min_tenths, hours_max_tenths,
                job_types, max_jobs, unemployed_since, available_from, note, submitted_at, registered_at, updated_at)
            VALUES ($1, $2, 'active', $3, $4, $5, $6, $7, $8::text[], $9::text[], $10, $11, $12, $13::text[], $14,
                    $15::date, $16::date, $17, $18, $19, $19)
            ON CONFLICT (candidate_id) DO UPDATE SET
                revision = EXCLUDED.revision, jobcenter = EXCLUDED.jobcenter, cpr_ciphertext = EXCLUDED.cpr_ciphertext,
                cpr_key_id = EXCLUDED.cpr_key_id, cpr_digest = EXCLUDED.cpr_digest,
                home_municipality = EXCLUDED.home_municipality, work_municipalities = EXCLUDED.work_municipalities,
                categories = EXCLUDED.categories, tasks = EXCLUDED.tasks, hours_min_tenths = EXCLUDED.hours_min_tenths,
                hours_max_tenths = EXCLUDED.hours_max_tenths, job_types = EXCLUDED.job_types, max_jobs = EXCLUDED.max_jobs,
                unemployed_since = EXCLUDED.unemployed_since, available_from = EXCLUDED.available_from,
                note = EXCLUDED.note, submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at
            """,
            [profile.candidateId, profile.revision, profile.jobcenter.code, ciphertext, keyId, digest,
             profile.homeMunicipality.code, PostgresArray(profile.workMunicipalities.map(\.code)),
             PostgresArray(profile.categories.map(\.rawValue)), try PostgresJSON(encoding: profile.tasks),
             profile.hours.min.tenths, profile.hours.max.tenths, PostgresArray(profile.jobTypes.map(\.rawValue)),
             profile.maxJobs, profile.unemployedSince.description, profile.availableFrom.description, profile.note,
             profile.submittedAt, now])
        return existing == nil ? .registered : .updated
    }

    /// What a placement needs to know of a candidate besides their matchable features.
    struct Standing {
        var active: Bool
        var jobcenter: String
        var unemployedSince: CivilDate
    }

    /// `candidateId`'s standing, its row locked for the transaction when `lock`; `nil` when unknown.
    static func standing(_ candidateId: String, lock: Bool, on connection: PostgresConnection) throws -> Standing? {
        guard let row = try connection.query(
            "SELECT status, jobcenter, unemployed_since::text AS since FROM candidates WHERE candidate_id = $1\(lock ? " FOR UPDATE" : "")",
            [candidateId]).first,
            let since = CivilDate(try row.decode(String.self, column: "since"))
        else { return nil }
        return Standing(
            active: try row.decode(String.self, column: "status") == "active",
            jobcenter: try row.decode(String.self, column: "jobcenter"), unemployedSince: since)
    }

    /// Withdraws an active candidate and erases the CPR number at once, unless a target-group
    /// placement of theirs has not been in a STAR report yet (then ``eraseAfterReport(on:at:)``
    /// erases it). `nil` when unknown, `false` when already withdrawn.
    static func withdraw(_ candidateId: String, reason: String, at now: Date, on connection: PostgresConnection) throws -> Bool? {
        guard let row = try connection.query(
            "SELECT status FROM candidates WHERE candidate_id = $1 FOR UPDATE", [candidateId]).first
        else { return nil }
        guard try row.decode(String.self, column: "status") == "active" else { return false }
        try connection.execute(
            """
            UPDATE candidates c SET status = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3,
                cpr_erase_pending = pending, cpr_ciphertext = CASE WHEN pending THEN cpr_ciphertext END,
                cpr_key_id = CASE WHEN pending THEN cpr_key_id END, cpr_digest = CASE WHEN pending THEN cpr_digest END,
                cpr_erased_at = CASE WHEN pending THEN NULL ELSE $2 END
            FROM (SELECT EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = $1 AND p.target_group
                                 AND p.star_run_id IS NULL) AS pending) AS unreported
            WHERE c.candidate_id = $1
            """, [candidateId, now, reason])
        return true
    }

    /// Erases the CPR numbers of withdrawn candidates whose every target-group placement has been
    /// in a STAR report. Returns how many.
    @discardableResult
    public static func eraseAfterReport(on connection: PostgresConnection, at now: Date) throws -> Int {
        try connection.execute(
            """
            UPDATE candidates c SET cpr_ciphertext = NULL, cpr_key_id = NULL, cpr_digest = NULL,
                cpr_erase_pending = false, cpr_erased_at = $1
            WHERE c.cpr_erase_pending AND NOT EXISTS (
                SELECT 1 FROM placements p WHERE p.candidate_id = c.candidate_id AND p.target_group AND p.star_run_id IS NULL)
            """, [now])
    }

    /// What scoring reads of a candidate, in the column order ``candidate(_:)`` decodes by position
    /// (queries may add columns after these). The code arrays are sent as comma-separated text:
    /// municipality codes, category and job type codes never hold a comma, and splitting them costs
    /// less than reading an array literal or JSON for each of thousands of rows.
    static let candidateColumns = """
        c.candidate_id, c.jobcenter, c.home_municipality, array_to_string(c.work_municipalities, ','),
        array_to_string(c.categories, ','), c.tasks, c.hours_min_tenths, c.hours_max_tenths,
        array_to_string(c.job_types, ','), c.max_jobs, c.active_placements, c.unemployed_since, c.available_from
        """

    /// A candidate as scoring sees them, from a row starting with ``candidateColumns``.
    static func candidate(_ row: PostgresRow) throws -> Candidate {
        guard let min = HoursPerWeek(tenths: try row.decode(Int.self, at: 6)),
              let max = HoursPerWeek(tenths: try row.decode(Int.self, at: 7)),
              let hours = HoursRange(min: min, max: max),
              let since = CivilDate(try row.decode(String.self, at: 11)),
              let available = CivilDate(try row.decode(String.self, at: 12))
        else { throw StoredValueError(table: "candidates") }
        return Candidate(
            candidateId: try row.decode(String.self, at: 0),
            jobcenter: try row.decode(String.self, at: 1),
            homeMunicipality: try row.decode(String.self, at: 2),
            workMunicipalities: try codes(row, 3) { $0 },
            categories: try codes(row, 4, JobCategory.init(rawValue:)),
            tasks: try tasks(row, 5),
            hours: hours,
            jobTypes: try codes(row, 8, JobType.init(rawValue:)),
            maxJobs: try row.decode(Int.self, at: 9),
            activePlacements: try row.decode(Int.self, at: 10),
            unemployedSince: since, availableFrom: available)
    }

    /// The comma-separated codes in column `index`, each made a `T` by `make`. Split as UTF-8 bytes:
    /// splitting the `String` walks grapheme clusters, a quarter of decoding thousands of rows.
    private static func codes<T>(_ row: PostgresRow, _ index: Int, _ make: (String) -> T?) throws -> [T] {
        try row.decode(String.self, at: index).utf8.split(separator: UInt8(ascii: ",")).map { code in
            guard let value = make(String(decoding: code, as: UTF8.self)) else { throw StoredValueError(table: "candidates") }
            return value
        }
    }

    /// The JSON array of tasks in column `index`, as JobTask's Codable reads it: a known code, or
    /// free text. Read with the byte-level ``JSONParser`` (Foundation's `JSONDecoder` costs more than
    /// the prefilter query when an opening has thousands of candidates).
    private static func tasks(_ row: PostgresRow, _ index: Int) throws -> [JobTask] {
        guard case .array(let items) = try? JSONParser.parse(try row.decode(PostgresJSON.self, at: index).bytes) else {
            throw StoredValueError(table: "candidates")
        }
        return try items.map { item in
            guard case .string(let text) = item else { throw StoredValueError(table: "candidates") }
            return JobTask.knownCodes.contains(text) ? .known(code: text) : .freeText(text)
        }
    }

    /// One active or withdrawn candidate as scoring sees them.
    public static func candidate(_ candidateId: String, on connection: PostgresConnection) throws -> Candidate? {
        try connection.query("SELECT \(candidateColumns) FROM candidates c WHERE c.candidate_id = $1", [candidateId])
            .first.map(candidate)
    }

    /// A row for consultants: no CPR digits beyond the masked form.
    public struct Summary: Codable, Sendable {
        public var candidateId: String
        public var revision: Int
        public var status: String
        public var jobcenter: String
        /// `DDMMYY-****`, or `erased`.
        public var cpr: String
        public var profile: Candidate
        public var note: String?
        public var registeredAt: Date
        public var updatedAt: Date
    }

    /// Candidates newest first (optionally one), with the CPR number masked.
    public static func list(candidateId: String? = nil, jobcenter: String? = nil, limit: Int = 100, cipher: CPRCipher?, on connection: PostgresConnection) throws -> [Summary] {
        try connection.query(
            """
            SELECT \(candidateColumns), c.revision, c.status, c.cpr_ciphertext, c.note, c.registered_at, c.updated_at
            FROM candidates c
            WHERE ($1::text IS NULL OR c.candidate_id = $1) AND ($2::text IS NULL OR c.jobcenter = $2)
            ORDER BY c.registered_at DESC, c.candidate_id LIMIT $3
            """, [candidateId, jobcenter, limit]
        ).map { row in
            let ciphertext = try row.decode([UInt8]?.self, column: "cpr_ciphertext")
            let masked: String = if let ciphertext {
                (try? cipher?.decrypt(ciphertext).masked) ?? "(encrypted)"
            } else { "erased" }
            return Summary(
                candidateId: try row.decode(String.self, column: "candidate_id"),
                revision: try row.decode(Int.self, column: "revision"),
                status: try row.decode(String.self, column: "status"),
                jobcenter: try row.decode(String.self, column: "jobcenter"), cpr: masked, profile: try candidate(row),
                note: try row.decode(String?.self, column: "note"),
                registeredAt: try row.decode(Date.self, column: "registered_at"),
                updatedAt: try row.decode(Date.self, column: "updated_at"))
        }
    }
}

/// A stored row holds a value the code no longer knows.
struct StoredValueError: Error, CustomStringConvertible {
    var table: String
    var description: String { "a row of \(table) holds a value matching cannot read" }
}
