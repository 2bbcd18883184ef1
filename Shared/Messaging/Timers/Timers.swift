import Foundation
import PostgresClient

/// The service's durable timers (table `timers` in its schema, `deploy/migrations/common/003_timers.sql`).
///
/// Schedule, replace and cancel them on the connection of a handler's transaction: they exist once
/// that transaction commits, and not at all if it rolls back. Each call is one set-based statement
/// for any number of timers.
///
/// ```swift
/// try Timers.schedule([ScheduledTimer(kind: "contact-reminder", key: taskID, dueAt: reminderDue)], on: connection)
/// try Timers.cancel(kind: "contact-reminder", key: taskID, on: connection)
/// ```
///
/// Wake-ups: a ``TimerLoop`` sleeps until the earliest due timer, but never longer than
/// ``notifyHorizon``. Scheduling sends one `pg_notify` per call (delivered at commit, to every
/// replica's loop) only when a timer is due within that horizon, so a loop that sleeps past it is
/// woken; timers weeks ahead cost no notification.
public enum Timers {
    /// Timers due sooner than this after scheduling wake the loops; loops sleep at most this long.
    public static let notifyHorizon: Duration = .seconds(60)

    /// The `LISTEN` channel of the timers in `schema`.
    public static func channel(schema: String) -> String { "spotjob_timers.\(schema)" }

    /// Schedules `timers`, replacing any with the same kind and key (a timer parked or failing is
    /// reset). For the same kind and key twice in `timers`, the last one counts.
    /// - Parameter now: the caller's clock, to decide whether a loop must be woken.
    public static func schedule(_ timers: [ScheduledTimer], on connection: PostgresConnection, now: Date = Date()) throws {
        guard !timers.isEmpty else { return }
        _ = try connection.pipeline(scheduleStatements(timers, now: now))
    }

    /// Schedules one timer; see ``schedule(_:on:now:)``.
    public static func schedule(_ timer: ScheduledTimer, on connection: PostgresConnection, now: Date = Date()) throws {
        try schedule([timer], on: connection, now: now)
    }

    /// The statements that schedule `timers`: one upsert, and a notification if one is due soon.
    ///
    /// - Parameter keyCondition: a fixed SQL condition on `s.key` (the timer's key as text); only
    ///   the timers it holds for when the statement runs are scheduled. It lets one pipeline insert
    ///   rows and schedule the timers of those it inserted, e.g.
    ///   `EXISTS (SELECT 1 FROM contact_tasks WHERE task_id = s.key::uuid)`. Never put a value in it.
    public static func scheduleStatements(
        _ timers: [ScheduledTimer], now: Date, keyCondition: StaticString? = nil
    ) -> [PostgresStatement] {
        var index: [TimerKey: Int] = [:]
        var distinct: [ScheduledTimer] = []
        distinct.reserveCapacity(timers.count)
        for timer in timers {
            let key = TimerKey(kind: timer.kind, key: timer.key)
            if let at = index[key] { distinct[at] = timer } else {
                index[key] = distinct.count
                distinct.append(timer)
            }
        }
        var statements = [PostgresStatement(
            """
            INSERT INTO timers (kind, key, due_at, fire_at, payload)
            SELECT kind, key, due, due, payload
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS s (kind, key, due, payload)
            \(keyCondition.map { "WHERE \($0)" } ?? "")
            ON CONFLICT (kind, key) DO UPDATE
            SET due_at = excluded.due_at, fire_at = excluded.fire_at, payload = excluded.payload, attempts = 0,
                parked_at = NULL, last_error = NULL, scheduled_at = now()
            """,
            [PostgresArray(distinct.map(\.kind)), PostgresArray(distinct.map(\.key)),
             PostgresArray(distinct.map(\.dueAt)), PostgresArray(distinct.map(\.payload))])]
        let earliest = distinct.lazy.map(\.dueAt).min()!
        if earliest < now.adding(notifyHorizon) { statements.append(notifyStatement(dueAt: earliest)) }
        return statements
    }

    /// Cancels the timer `kind`/`key`; whether there was one.
    @discardableResult
    public static func cancel(kind: String, key: String, on connection: PostgresConnection) throws -> Bool {
        try cancel([(kind, key)], on: connection) > 0
    }

    /// Cancels these timers in one statement; how many there were.
    @discardableResult
    public static func cancel(_ timers: [(kind: String, key: String)], on connection: PostgresConnection) throws -> Int {
        guard !timers.isEmpty else { return 0 }
        return try connection.execute(
            "DELETE FROM timers WHERE (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))",
            [PostgresArray(timers.map(\.kind)), PostgresArray(timers.map(\.key))])
    }

    /// Re-arms the parked timer `id`: it fires as soon as a loop gets to it, with its attempts
    /// reset. Returns `false` if there is no parked timer with that id (a pending timer is not
    /// fired early).
    @discardableResult
    public static func rearm(id: Int64, on connection: PostgresConnection, now: Date = Date()) throws -> Bool {
        let results = try connection.pipeline([
            PostgresStatement(
                """
                UPDATE timers SET parked_at = NULL, attempts = 0, last_error = NULL, fire_at = $2
                WHERE id = $1 AND parked_at IS NOT NULL
                """, [id, now]),
            notifyStatement(dueAt: now),
        ])
        return results[0].affectedRows == 1
    }

    /// Stored timers, earliest due first: all, or those of `kind`, due before `dueBefore`, parked.
    public static func list(
        kind: String? = nil, dueBefore: Date? = nil, parkedOnly: Bool = false, limit: Int = 100,
        on connection: PostgresConnection
    ) throws -> [TimerInfo] {
        let rows = try connection.query(
            """
            SELECT id, kind, key, due_at, fire_at, attempts, parked_at, last_error, scheduled_at, payload::text AS payload
            FROM timers
            WHERE ($1::text IS NULL OR kind = $1) AND ($2::timestamptz IS NULL OR due_at < $2)
              AND (NOT $3::boolean OR parked_at IS NOT NULL)
            ORDER BY due_at, id LIMIT $4
            """, [kind, dueBefore, parkedOnly, limit])
        return try rows.map { row in
            TimerInfo(
                id: try row.decode(Int64.self, column: "id"), kind: try row.decode(String.self, column: "kind"),
                key: try row.decode(String.self, column: "key"), dueAt: try row.decode(Date.self, column: "due_at"),
                fireAt: try row.decode(Date.self, column: "fire_at"), attempts: try row.decode(Int.self, column: "attempts"),
                parkedAt: try row.decode(Date?.self, column: "parked_at"),
                lastError: try row.decode(String?.self, column: "last_error"),
                scheduledAt: try row.decode(Date.self, column: "scheduled_at"),
                payload: try row.decode(String.self, column: "payload"))
        }
    }

    /// Pending (not parked) timers by kind, and the number parked: one scan of the table (the
    /// loop runs it at most every `countInterval`).
    public static func counts(on connection: PostgresConnection) throws -> (pending: [String: Int], parked: Int) {
        let rows = try connection.query(
            "SELECT kind, parked_at IS NOT NULL AS parked, count(*) AS n FROM timers GROUP BY 1, 2")
        var pending: [String: Int] = [:]
        var parked = 0
        for row in rows {
            let n = try row.decode(Int.self, column: "n")
            if try row.decode(Bool.self, column: "parked") { parked += n } else { pending[try row.decode(String.self, column: "kind"), default: 0] += n }
        }
        return (pending, parked)
    }

    // MARK: The loop's statements

    /// Wakes the loops of this schema at commit, for a timer due at `dueAt` (the payload: microseconds
    /// since 1970). ``schedule(_:on:now:)`` adds it itself; add it to SQL that writes the table
    /// directly (a bulk insert) when a timer may be due within ``notifyHorizon``.
    public static func notifyStatement(dueAt: Date) -> PostgresStatement {
        PostgresStatement(
            "SELECT pg_notify('spotjob_timers.' || current_schema(), $1)",
            [String(Int64((dueAt.timeIntervalSince1970 * 1_000_000).rounded()))])
    }

    /// The due time a notification carries.
    static func dueAt(ofNotification payload: String) -> Date? {
        Int64(payload).map { Date(timeIntervalSince1970: Double($0) / 1_000_000) }
    }

    private static let returnedColumns = "id, kind, key, due_at, fire_at, payload, attempts"

    /// Claims (deletes, within the firing transaction) up to `limit` timers due by `dueBy`, oldest
    /// first, skipping those another replica has claimed; read with ``claimed(_:)``.
    static func claimStatement(dueBy: Date, limit: Int) -> PostgresStatement {
        PostgresStatement(
            """
            DELETE FROM timers WHERE id = ANY(ARRAY(
                SELECT id FROM timers WHERE parked_at IS NULL AND fire_at <= $1
                ORDER BY fire_at LIMIT $2 FOR UPDATE SKIP LOCKED))
            RETURNING \(returnedColumns)
            """, [dueBy, limit])
    }

    /// Claims the timer `id` alone, if it is still due by `dueBy` and no other replica has it.
    static func claimOneStatement(id: Int64, dueBy: Date) -> PostgresStatement {
        PostgresStatement(
            """
            DELETE FROM timers WHERE id = ANY(ARRAY(
                SELECT id FROM timers WHERE id = $1 AND parked_at IS NULL AND fire_at <= $2 FOR UPDATE SKIP LOCKED))
            RETURNING \(returnedColumns)
            """, [id, dueBy])
    }

    /// The timers a claim returned, oldest first.
    static func claimed(_ rows: PostgresRows) throws -> [DueTimer] {
        let decoded = try rows.map { row in
            (fireAt: try row.decode(Date.self, column: "fire_at"),
             timer: DueTimer(
                id: try row.decode(Int64.self, column: "id"), kind: try row.decode(String.self, column: "kind"),
                key: try row.decode(String.self, column: "key"), dueAt: try row.decode(Date.self, column: "due_at"),
                payload: try row.decode(PostgresJSON.self, column: "payload"), attempts: try row.decode(Int.self, column: "attempts")))
        }
        return decoded.sorted { ($0.fireAt, $0.timer.id) < ($1.fireAt, $1.timer.id) }.map(\.timer)
    }

    /// The earliest time a timer may fire (`NULL` if none is pending): the first entry of the index.
    static let earliestStatement = PostgresStatement("SELECT min(fire_at) AS earliest FROM timers WHERE parked_at IS NULL")

    static func earliest(_ rows: PostgresRows) throws -> Date? {
        try rows.first?.decode(Date?.self, column: "earliest")
    }

    /// Records a failed firing of `timer` (unless another replica recorded one since): retry at
    /// `retryAt`, or park it when `parkedAt` is set.
    static func failureStatement(_ timer: DueTimer, error: String, retryAt: Date, parkedAt: Date?) -> PostgresStatement {
        PostgresStatement(
            """
            UPDATE timers SET attempts = attempts + 1, last_error = $3, fire_at = $4, parked_at = $5
            WHERE id = $1 AND attempts = $2 AND parked_at IS NULL
            """, [timer.id, timer.attempts, error, retryAt, parkedAt])
    }
}

/// A timer's identity.
struct TimerKey: Hashable {
    var kind: String
    var key: String
}
