import Contracts
import Foundation
import JSON
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

    /// What ``save(_:timers:at:on:)`` did.
    struct Saved: Sendable {
        /// The openings whose task opened now.
        var opened: Set<UUID>
        /// The openings a later revision updated.
        var updated: Set<UUID>
        /// The open task of each opening saved, after the save.
        var openTasks: [UUID: (taskId: UUID, dueAt: Date)]
    }

    /// Saves what followup keeps of the sheets `handovers` hand over (a higher revision replaces it,
    /// a lower or equal one changes nothing; `submitted_at` and so the deadline stay as first seen;
    /// a withdrawn opening stays as it was withdrawn, and one withdrawn before its hand-over arrived is
    /// not stored; a closed task's contact is not replaced, so its erasure stands), opens a task for each that has none and
    /// schedules the `timers` of the tasks opened (those keyed by a task id that was not inserted are
    /// dropped), in one round trip for any number of openings.
    ///
    /// - Precondition: no opening id occurs twice (one statement cannot change a row twice).
    static func save(
        _ handovers: [(handover: HandoverPayload, submittedAt: Date, taskId: UUID, dueAt: Date)], timers: [ScheduledTimer],
        at now: Date, on connection: PostgresConnection
    ) throws -> Saved {
        guard !handovers.isEmpty else { return Saved(opened: [], updated: [], openTasks: [:]) }
        func column<Value: PostgresEncodable>(_ value: (HandoverPayload) -> Value?) -> PostgresArray {
            PostgresArray(handovers.map { value($0.handover) })
        }
        let openingIds = column(\.openingId)
        let results = try connection.pipeline([
            PostgresStatement(
                """
                INSERT INTO openings (opening_id, sheet_id, revision, lead, source, municipality, company_cvr, company_name,
                                      company_employees, contact_name, contact_phone, contact_email, category, tasks,
                                      hours_per_week_tenths, positions, job_type, visit_requested, submitted_at, registered_at)
                SELECT u.* FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::boolean[], $5::text[], $6::text[], $7::text[],
                                       $8::text[], $9::integer[], $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[],
                                       $15::integer[], $16::integer[], $17::text[], $18::boolean[], $19::timestamptz[],
                                       $20::timestamptz[]) AS u (opening_id)
                WHERE NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.opening_id = u.opening_id)
                ON CONFLICT (opening_id) DO UPDATE SET
                    sheet_id = EXCLUDED.sheet_id, revision = EXCLUDED.revision, lead = EXCLUDED.lead, source = EXCLUDED.source,
                    municipality = EXCLUDED.municipality, company_cvr = EXCLUDED.company_cvr,
                    company_name = EXCLUDED.company_name, company_employees = EXCLUDED.company_employees,
                    (contact_name, contact_phone, contact_email) = (
                        SELECT CASE WHEN closed THEN openings.contact_name ELSE EXCLUDED.contact_name END,
                               CASE WHEN closed THEN openings.contact_phone ELSE EXCLUDED.contact_phone END,
                               CASE WHEN closed THEN openings.contact_email ELSE EXCLUDED.contact_email END
                        FROM (SELECT EXISTS (SELECT 1 FROM contact_tasks t WHERE t.opening_id = openings.opening_id AND t.status = 'closed') AS closed) AS task),
                    category = EXCLUDED.category, tasks = EXCLUDED.tasks,
                    hours_per_week_tenths = EXCLUDED.hours_per_week_tenths, positions = EXCLUDED.positions,
                    job_type = EXCLUDED.job_type, visit_requested = EXCLUDED.visit_requested
                WHERE openings.revision < EXCLUDED.revision AND openings.withdrawn_at IS NULL
                RETURNING opening_id
                """,
                [openingIds, column(\.sheetId), column(\.revision), column { $0.category == nil }, column(\.source),
                 column(\.municipality), column(\.company.cvr.value), column(\.company.name), column(\.company.employees),
                 column(\.contact.name), column(\.contact.phone), column(\.contact.email), column(\.category?.rawValue),
                 PostgresArray(try handovers.map { entry in
                     try entry.handover.tasks.map { PostgresJSON(bytes: try JSONCoding.encoder.encode($0)) }
                 }),
                 column(\.hoursPerWeek?.tenths), column(\.positions), column(\.jobType?.rawValue), column(\.visitRequested),
                 PostgresArray(handovers.map(\.submittedAt)), column(\.registeredAt)]),
            PostgresStatement(
                """
                INSERT INTO contact_tasks (task_id, opening_id, due_at, opened_at, status)
                SELECT task, opening, due, $4::timestamptz, 'open'
                FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS t (task, opening, due)
                WHERE NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.opening_id = t.opening)
                ON CONFLICT (opening_id) DO NOTHING RETURNING opening_id
                """,
                [PostgresArray(handovers.map(\.taskId)), openingIds, PostgresArray(handovers.map(\.dueAt)), now]),
        ] + Timers.scheduleStatements(
            timers, now: now, keyCondition: "EXISTS (SELECT 1 FROM contact_tasks WHERE task_id = s.key::uuid)")
        + [PostgresStatement(
            "SELECT opening_id, task_id, due_at FROM contact_tasks WHERE opening_id = ANY($1::uuid[]) AND status = 'open'",
            [openingIds])])
        let opened = Set(try results[1].map { try $0.decode(UUID.self, column: "opening_id") })
        var openTasks: [UUID: (taskId: UUID, dueAt: Date)] = [:]
        for row in results[results.count - 1] {
            openTasks[try row.decode(UUID.self, column: "opening_id")] =
                (try row.decode(UUID.self, column: "task_id"), try row.decode(Date.self, column: "due_at"))
        }
        return Saved(
            opened: opened, updated: Set(try results[0].map { try $0.decode(UUID.self, column: "opening_id") }).subtracting(opened),
            openTasks: openTasks)
    }

    /// Erases the contact of the task `taskId`'s opening if the task is closed (a timer
    /// ``FollowupTimer/contactErasure`` set when it closed); whether it erased one.
    static func eraseContact(taskId: UUID, on connection: PostgresConnection) throws -> Bool {
        try connection.query(
            """
            UPDATE openings o SET contact_name = NULL, contact_phone = NULL, contact_email = NULL
            FROM contact_tasks t
            WHERE t.task_id = $1 AND t.status = 'closed' AND o.opening_id = t.opening_id AND o.contact_name IS NOT NULL
            RETURNING o.opening_id
            """, [taskId]
        ).isEmpty == false
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

    /// Records the withdrawal (so a hand-over arriving after it changes nothing), marks the opening
    /// withdrawn and closes its task if open; the closed task's id, if any.
    static func withdraw(openingId: UUID, at now: Date, on connection: PostgresConnection) throws -> UUID? {
        let results = try connection.pipeline([
            PostgresStatement("INSERT INTO withdrawals (opening_id, withdrawn_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", [openingId, now]),
            PostgresStatement("UPDATE openings SET withdrawn_at = $2 WHERE opening_id = $1 AND withdrawn_at IS NULL", [openingId, now]),
            PostgresStatement(
                """
                UPDATE contact_tasks SET status = 'closed', closed_at = $2, closed_reason = 'withdrawn'
                WHERE opening_id = $1 AND status = 'open' RETURNING task_id
                """, [openingId, now]),
        ])
        return try results[2].first?.decode(UUID.self, column: "task_id")
    }

    /// Records that escalation `level` was sent.
    static func escalated(taskId: UUID, level: Int, on connection: PostgresConnection) throws {
        try connection.execute("UPDATE contact_tasks SET escalation_level = $2 WHERE task_id = $1", [taskId, level])
    }
}
