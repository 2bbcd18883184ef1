import Domain
import Foundation
import Messaging
import PostgresClient

/// Intake's openings table: one row per sheet id, holding its latest accepted revision.
public enum OpeningStore {
    /// What intake knows of a sheet id already.
    struct Existing: Sendable {
        var openingId: UUID
        var withdrawn: Bool
    }

    /// The opening registered for `sheetId`, locked until the transaction ends so a concurrent
    /// withdrawal or revision of the same sheet waits.
    static func existing(sheetId: String, on connection: PostgresConnection) throws -> Existing? {
        try connection.query("SELECT opening_id, status FROM openings WHERE sheet_id = $1 FOR UPDATE", [sheetId]).first.map { row in
            Existing(
                openingId: try row.decode(UUID.self, column: "opening_id"),
                withdrawn: try row.decode(String.self, column: "status") == "withdrawn")
        }
    }

    /// What ``saveStatement(_:openingId:at:)`` did to a sheet.
    enum Saved: Sendable {
        case registered
        case updated(openingId: UUID, registeredAt: Date)
        /// Nothing: the stored revision is as high or higher, or the sheet was withdrawn.
        case unchanged
    }

    /// Registers the opening of `sheet` under `openingId`, or, if the sheet id is known with a
    /// lower revision and not withdrawn, replaces it (keeping its opening id and registration
    /// time). Decides in one statement, so a batch of sheets is saved in one pipeline; read the
    /// result with ``saved(_:)``.
    static func saveStatement(_ sheet: SpotJobSheet, openingId: UUID, at now: Date) throws -> PostgresStatement {
        PostgresStatement(
            """
            INSERT INTO openings (
                opening_id, sheet_id, revision, status, source, municipality, company_cvr, company_name,
                company_employees, contact_name, contact_phone, contact_email, category, tasks,
                hours_per_week_tenths, positions, job_type, visit_requested, note, submitted_at,
                registered_at, updated_at)
            VALUES ($1, $2, $3, 'registered', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                    $19, $20, $20)
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
            RETURNING opening_id, registered_at, (xmax = 0) AS inserted
            """,
            [
                openingId, sheet.sheetId, sheet.revision, sheet.source, sheet.municipality.code,
                sheet.company.cvr.value, sheet.company.name, sheet.company.employees, sheet.contact.name,
                sheet.contact.phone?.value, sheet.contact.email?.value, sheet.category.rawValue,
                try PostgresJSON(encoding: sheet.tasks), sheet.hoursPerWeek.tenths, sheet.positions,
                sheet.jobType.rawValue, sheet.visitRequested, sheet.note, sheet.submittedAt, now,
            ])
    }

    static func saved(_ rows: PostgresRows) throws -> Saved {
        guard let row = rows.first else { return .unchanged }
        if try row.decode(Bool.self, column: "inserted") { return .registered }
        return .updated(
            openingId: try row.decode(UUID.self, column: "opening_id"),
            registeredAt: try row.decode(Date.self, column: "registered_at"))
    }

    /// Those of `sheetIds` whose openings were withdrawn.
    static func withdrawn(among sheetIds: [String], on connection: PostgresConnection) throws -> Set<String> {
        Set(try connection.query(
            "SELECT sheet_id FROM openings WHERE sheet_id = ANY($1::text[]) AND status = 'withdrawn'",
            [PostgresArray(sheetIds)]
        ).map { try $0.decode(String.self, column: "sheet_id") })
    }

    static func withdraw(openingId: UUID, reason: String, at now: Date, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            UPDATE openings SET status = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3, updated_at = $2
            WHERE opening_id = $1
            """, [openingId, now, reason])
    }

    /// Registered and withdrawn openings, newest first, optionally only those of one municipality
    /// (a three-digit code) or one source (the event or system that captured the sheets), at most
    /// `limit`.
    public static func list(
        municipality: String? = nil, source: String? = nil, limit: Int = 1000, on connection: PostgresConnection
    ) throws -> [OpeningPayload] {
        try connection.query(
            """
            SELECT opening_id, sheet_id, revision, status, municipality, company_cvr, company_name, category,
                   tasks, hours_per_week_tenths, positions, job_type, visit_requested, registered_at, updated_at
            FROM openings
            WHERE ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR source = $2)
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
                municipality: try row.decode(String.self, column: "municipality"),
                company: .init(cvr: try CVR(try row.decode(String.self, column: "company_cvr")),
                               name: try row.decode(String.self, column: "company_name")),
                category: category,
                tasks: try row.decode(PostgresJSON.self, column: "tasks").decode([JobTask].self),
                hoursPerWeek: hours, positions: try row.decode(Int.self, column: "positions"), jobType: jobType,
                visitRequested: try row.decode(Bool.self, column: "visit_requested"), registeredAt: registeredAt,
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
