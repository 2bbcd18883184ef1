import Foundation
import Messaging
import PostgresClient

/// Followup's copy of the openings and their contact tasks: one task per opening, open until the
/// first contact that reaches the company (or the opening's withdrawal) closes it.
enum ContactTaskStore {
    /// A task as its timers and contacts see it.
    struct Task: Sendable {
        var taskId: UUID
        var openingId: UUID
        /// The opening's kommunekode.
        var municipality: String
        var dueAt: Date
        var isOpen: Bool
    }

    /// Saves what followup keeps of `openings` (a later revision updates it; `submitted_at` and so the
    /// deadline stay as first seen), opens a task for each that has none and schedules the `timers`
    /// of the tasks opened (those keyed by a task id that was not inserted are dropped), in one round
    /// trip for any number of openings. Returns the ids of the openings whose task was opened now.
    ///
    /// - Precondition: no opening id occurs twice (one statement cannot change a row twice).
    static func save(
        _ openings: [(notice: FollowupMessage.OpeningNotice, taskId: UUID, dueAt: Date)], timers: [ScheduledTimer],
        at now: Date, on connection: PostgresConnection
    ) throws -> Set<UUID> {
        guard !openings.isEmpty else { return [] }
        func column<Value: PostgresEncodable>(_ value: (FollowupMessage.OpeningNotice) -> Value?) -> PostgresArray {
            PostgresArray(openings.map { value($0.notice) })
        }
        let results = try connection.pipeline([
            PostgresStatement(
                """
                INSERT INTO openings (opening_id, sheet_id, source, municipality, company_cvr, company_employees, job_type,
                                      visit_requested, submitted_at, registered_at)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[],
                                     $8::boolean[], $9::timestamptz[], $10::timestamptz[])
                ON CONFLICT (opening_id) DO UPDATE SET
                    sheet_id = EXCLUDED.sheet_id, source = EXCLUDED.source, municipality = EXCLUDED.municipality,
                    company_cvr = EXCLUDED.company_cvr, company_employees = EXCLUDED.company_employees,
                    job_type = EXCLUDED.job_type, visit_requested = EXCLUDED.visit_requested
                """,
                [column(\.openingId), column(\.sheetId), column(\.source), column(\.municipality.code), column(\.cvr.value),
                 column(\.employees), column(\.jobType.rawValue), column(\.visitRequested), column(\.submittedAt),
                 column(\.registeredAt)]),
            PostgresStatement(
                """
                INSERT INTO contact_tasks (task_id, opening_id, due_at, opened_at, status)
                SELECT task, opening, due, $4::timestamptz, 'open'
                FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS t (task, opening, due)
                ON CONFLICT (opening_id) DO NOTHING RETURNING opening_id
                """,
                [PostgresArray(openings.map(\.taskId)), column(\.openingId), PostgresArray(openings.map(\.dueAt)), now]),
        ] + Timers.scheduleStatements(
            timers, now: now, keyCondition: "EXISTS (SELECT 1 FROM contact_tasks WHERE task_id = s.key::uuid)"))
        return Set(try results[1].map { try $0.decode(UUID.self, column: "opening_id") })
    }

    /// The task of `openingId`, locked until the transaction ends.
    static func task(openingId: UUID, on connection: PostgresConnection) throws -> Task? {
        try connection.query(
            """
            SELECT t.task_id, t.opening_id, o.municipality, t.due_at, t.status
            FROM contact_tasks t JOIN openings o USING (opening_id) WHERE t.opening_id = $1 FOR UPDATE OF t
            """, [openingId]
        ).first.map(task)
    }

    /// The task `taskId`, locked until the transaction ends.
    static func task(taskId: UUID, on connection: PostgresConnection) throws -> Task? {
        try connection.query(
            """
            SELECT t.task_id, t.opening_id, o.municipality, t.due_at, t.status
            FROM contact_tasks t JOIN openings o USING (opening_id) WHERE t.task_id = $1 FOR UPDATE OF t
            """, [taskId]
        ).first.map(task)
    }

    private static func task(_ row: PostgresRow) throws -> Task {
        Task(
            taskId: try row.decode(UUID.self, column: "task_id"), openingId: try row.decode(UUID.self, column: "opening_id"),
            municipality: try row.decode(String.self, column: "municipality"), dueAt: try row.decode(Date.self, column: "due_at"), isOpen: try row.decode(String.self, column: "status") == "open")
    }

    /// Records a contact; when `closing`, the task closes with it as the contact that fulfilled the duty.
    static func record(
        _ contact: FollowupMessage.CompanyContact, task: Task, onTime: Bool, closing: Bool, messageID: UUID, at now: Date,
        on connection: PostgresConnection
    ) throws {
        var statements = [PostgresStatement(
            """
            INSERT INTO contacts (task_id, opening_id, contacted_at, contacted_by, outcome, note, on_time, message_id, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [task.taskId, task.openingId, contact.contactedAt, contact.by, contact.outcome.rawValue, contact.note, onTime,
             messageID, now])]
        if closing {
            statements.append(PostgresStatement(
                """
                UPDATE contact_tasks SET status = 'closed', closed_at = $2, closed_reason = $3, contacted_at = $4,
                                         contacted_on_time = $5
                WHERE task_id = $1
                """, [task.taskId, now, contact.outcome.rawValue, contact.contactedAt, onTime]))
        }
        _ = try connection.pipeline(statements)
    }

    /// Marks the opening withdrawn and closes its task if open; the closed task's id, if any.
    static func withdraw(openingId: UUID, at now: Date, on connection: PostgresConnection) throws -> UUID? {
        let results = try connection.pipeline([
            PostgresStatement("UPDATE openings SET withdrawn_at = $2 WHERE opening_id = $1 AND withdrawn_at IS NULL", [openingId, now]),
            PostgresStatement(
                """
                UPDATE contact_tasks SET status = 'closed', closed_at = $2, closed_reason = 'withdrawn'
                WHERE opening_id = $1 AND status = 'open' RETURNING task_id
                """, [openingId, now]),
        ])
        return try results[1].first?.decode(UUID.self, column: "task_id")
    }

    /// Records that escalation `level` was sent.
    static func escalated(taskId: UUID, level: Int, on connection: PostgresConnection) throws {
        try connection.execute("UPDATE contact_tasks SET escalation_level = $2 WHERE task_id = $1", [taskId, level])
    }
}
