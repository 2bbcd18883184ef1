import Contracts
import Domain
import Foundation
import JSON
import Messaging
import PostgresClient

/// Intake's openings table: one row per sheet id, holding its latest accepted revision.
public enum OpeningStore {
    /// What intake knows of a sheet id already.
    struct Existing: Sendable {
        var openingId: UUID
        /// The kommunekode of the sheet.
        var municipality: String
        var withdrawn: Bool
        /// Whether the sheet is a lead (no job), not an opening.
        var isLead: Bool
    }

    /// The opening registered for `sheetId`, locked until the transaction ends so a concurrent
    /// withdrawal or revision of the same sheet waits.
    static func existing(sheetId: String, on connection: PostgresConnection) throws -> Existing? {
        try connection.query(
            "SELECT opening_id, municipality, status, category IS NULL AS lead FROM openings WHERE sheet_id = $1 FOR UPDATE",
            [sheetId]
        ).first.map { row in
            Existing(
                openingId: try row.decode(UUID.self, column: "opening_id"),
                municipality: try row.decode(String.self, column: "municipality"),
                withdrawn: try row.decode(String.self, column: "status") == "withdrawn",
                isLead: try row.decode(Bool.self, column: "lead"))
        }
    }

    /// The kommunekode of each of `sheetIds` that is registered; one query, none for no ids.
    static func municipalities(ofSheets sheetIds: [String], on connection: PostgresConnection) throws -> [String: String] {
        guard !sheetIds.isEmpty else { return [:] }
        var found: [String: String] = [:]
        for row in try connection.query(
            "SELECT sheet_id, municipality FROM openings WHERE sheet_id = ANY($1::text[])", [PostgresArray(sheetIds)]) {
            found[try row.decode(String.self, column: "sheet_id")] = try row.decode(String.self, column: "municipality")
        }
        return found
    }

    /// What ``saveStatement(_:at:)`` did to a sheet.
    enum Saved: Sendable {
        case registered
        /// A higher revision replaced the sheet, which was a lead before when `wasLead`.
        case updated(openingId: UUID, registeredAt: Date, wasLead: Bool)
        /// Nothing: the stored revision is as high or higher, the sheet was withdrawn, or a lead's
        /// sheet would replace an opening's (an opening stays an opening).
        case unchanged
    }

    /// Saves `sheets` (each with the opening id it gets if it is new) in one statement: a new sheet id
    /// registers an opening (or a lead); a known one with a lower revision that is not withdrawn is
    /// replaced, keeping its opening id and registration time, unless a lead would replace an
    /// opening; anything else is left alone. Read the result
    /// with ``saved(_:of:)``.
    ///
    /// - Precondition: no sheet id occurs twice (one statement cannot change a row twice).
    static func saveStatement(_ sheets: [(sheet: SpotJobSheet, openingId: UUID)], at now: Date) throws -> PostgresStatement {
        func column<Value: PostgresEncodable>(_ value: (SpotJobSheet) -> Value?) -> PostgresArray {
            PostgresArray(sheets.map { value($0.sheet) })
        }
        return PostgresStatement(
            """
            WITH prior AS (SELECT sheet_id, category IS NULL AS was_lead FROM openings WHERE sheet_id = ANY($2::text[]))
            INSERT INTO openings (
                opening_id, sheet_id, revision, source, municipality, company_cvr, company_name,
                company_employees, contact_name, contact_phone, contact_email, category, tasks,
                hours_per_week_tenths, positions, job_type, visit_requested, note, submitted_at,
                status, registered_at, updated_at)
            SELECT *, 'registered', $20::timestamptz, $20::timestamptz
            FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::integer[], $9::text[], $10::text[], $11::text[], $12::text[], $13::jsonb[],
                        $14::integer[], $15::integer[], $16::text[], $17::boolean[], $18::text[], $19::timestamptz[])
            ON CONFLICT (sheet_id) DO UPDATE SET
                revision = EXCLUDED.revision, source = EXCLUDED.source, municipality = EXCLUDED.municipality,
                company_cvr = EXCLUDED.company_cvr, company_name = EXCLUDED.company_name,
                company_employees = EXCLUDED.company_employees, contact_name = EXCLUDED.contact_name,
                contact_phone = EXCLUDED.contact_phone, contact_email = EXCLUDED.contact_email,
                category = EXCLUDED.category, tasks = EXCLUDED.tasks,
                hours_per_week_tenths = EXCLUDED.hours_per_week_tenths, positions = EXCLUDED.positions,
                job_type = EXCLUDED.job_type, visit_requested = EXCLUDED.visit_requested, note = EXCLUDED.note,
                submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at
            WHERE openings.revision < EXCLUDED.revision AND openings.status = 'registered'
              AND (EXCLUDED.category IS NOT NULL OR openings.category IS NULL)
            RETURNING sheet_id, opening_id, registered_at, (xmax = 0) AS inserted,
                      COALESCE((SELECT was_lead FROM prior WHERE prior.sheet_id = openings.sheet_id), false) AS was_lead
            """,
            [
                PostgresArray(sheets.map(\.openingId)), column(\.sheetId), column(\.revision), column(\.source),
                column(\.municipality.code), column(\.company.cvr.value), column(\.company.name),
                column(\.company.employees), column(\.contact.name), column(\.contact.phone?.value),
                column(\.contact.email?.value), column(\.category?.rawValue),
                PostgresArray(try sheets.map { entry in try entry.sheet.tasks.map { PostgresJSON(bytes: try JSONCoding.encoder.encode($0)) } }),
                column(\.hoursPerWeek?.tenths), column(\.positions), column(\.jobType.rawValue),
                column(\.visitRequested), column(\.note), column(\.submittedAt), now,
            ])
    }

    /// What ``saveStatement(_:at:)`` did to each of `sheets`, in their order, from its `rows`.
    static func saved(_ rows: PostgresRows, of sheets: [SpotJobSheet]) throws -> [Saved] {
        var changed: [String: Saved] = [:]
        for row in rows {
            changed[try row.decode(String.self, column: "sheet_id")] =
                try row.decode(Bool.self, column: "inserted")
                ? .registered
                : .updated(
                    openingId: try row.decode(UUID.self, column: "opening_id"),
                    registeredAt: try row.decode(Date.self, column: "registered_at"),
                    wasLead: try row.decode(Bool.self, column: "was_lead"))
        }
        return sheets.map { changed[$0.sheetId] ?? .unchanged }
    }

    /// How a stored sheet stands, to tell why a sheet changed nothing.
    struct Standing: Sendable {
        var revision: Int
        var withdrawn: Bool
        var isLead: Bool

        /// Whether it is an opening that `revision` would revise.
        func isOpening(revisedBy revision: Int) -> Bool { !isLead && self.revision < revision }
    }

    /// The standing of each of `sheetIds` that is stored.
    static func standing(of sheetIds: [String], on connection: PostgresConnection) throws -> [String: Standing] {
        var found: [String: Standing] = [:]
        for row in try connection.query(
            "SELECT sheet_id, revision, status, category IS NULL AS lead FROM openings WHERE sheet_id = ANY($1::text[])",
            [PostgresArray(sheetIds)]) {
            found[try row.decode(String.self, column: "sheet_id")] = Standing(
                revision: try row.decode(Int.self, column: "revision"),
                withdrawn: try row.decode(String.self, column: "status") == "withdrawn",
                isLead: try row.decode(Bool.self, column: "lead"))
        }
        return found
    }

    static func withdraw(openingId: UUID, reason: String, at now: Date, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            UPDATE openings SET status = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3, updated_at = $2
            WHERE opening_id = $1
            """, [openingId, now, reason])
    }

    /// Registered and withdrawn openings (not leads), newest first, optionally only those of one municipality
    /// (a three-digit code) or one source (the event or system that captured the sheets), at most
    /// `limit`.
    public static func list(
        municipality: String? = nil, source: String? = nil, limit: Int = 1000, on connection: PostgresConnection
    ) throws -> [OpeningPayload] {
        try connection.query(
            """
            SELECT opening_id, sheet_id, revision, status, source, municipality, company_cvr, company_name,
                   company_employees, category, tasks, hours_per_week_tenths, positions, job_type, visit_requested,
                   submitted_at, registered_at, updated_at
            FROM openings
            WHERE category IS NOT NULL AND ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR source = $2)
            ORDER BY registered_at DESC, sheet_id DESC LIMIT $3
            """, [municipality, source, limit]
        ).map { row in
            let registeredAt = try row.decode(Date.self, column: "registered_at")
            let updatedAt = try row.decode(Date.self, column: "updated_at")
            guard let category = JobCategory(rawValue: try row.decode(String.self, column: "category")),
                  let jobType = JobType(rawValue: try row.decode(String.self, column: "job_type")),
                  let hours = HoursPerWeek(tenths: try row.decode(Int.self, column: "hours_per_week_tenths"))
            else { throw StoredOpeningError(sheetId: try row.decode(String.self, column: "sheet_id")) }
            return OpeningPayload(
                openingId: try row.decode(UUID.self, column: "opening_id"),
                sheetId: try row.decode(String.self, column: "sheet_id"),
                revision: try row.decode(Int.self, column: "revision"),
                source: try row.decode(String.self, column: "source"),
                municipality: try row.decode(String.self, column: "municipality"),
                company: .init(cvr: try CVR(try row.decode(String.self, column: "company_cvr")),
                               name: try row.decode(String.self, column: "company_name"),
                               employees: try row.decode(Int?.self, column: "company_employees")),
                category: category,
                tasks: try row.decode(PostgresJSON.self, column: "tasks").decode([JobTask].self),
                hoursPerWeek: hours, positions: try row.decode(Int.self, column: "positions"), jobType: jobType,
                visitRequested: try row.decode(Bool.self, column: "visit_requested"),
                submittedAt: try row.decode(Date.self, column: "submitted_at"), registeredAt: registeredAt,
                updatedAt: updatedAt == registeredAt ? nil : updatedAt,
                status: try row.decode(String.self, column: "status"))
        }
    }
}

/// A stored opening holds a value the code no longer knows (a category removed, say).
struct StoredOpeningError: Error, CustomStringConvertible {
    var sheetId: String
    var description: String { "the stored opening of sheet \(sheetId) holds an unknown value" }
}
