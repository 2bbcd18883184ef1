import Foundation
import PostgresClient

/// Retention on a durable timer: the timer of kind ``kind`` deletes, in batches, inbox rows (and
/// ``DeliveryAttempts`` as old) and refused messages (``RejectedMessageStore``) older than the
/// service's ``RetentionPolicy``, then schedules itself again (in a second while there is more to
/// delete, else in an hour). The kit registers it in every service's ``TimerHandlers``.
public struct RetentionTimerHandler: TimerHandler {
    /// The retention timer's kind (its key is ``key``).
    public static let kind = "spotjob.retention"
    static let key = "retention"

    public let policy: RetentionPolicy
    private let clock: @Sendable () -> Date

    public init(policy: RetentionPolicy, clock: @escaping @Sendable () -> Date = Date.init) {
        self.policy = policy
        self.clock = clock
    }

    /// Schedules the retention timer now unless it exists (a replica or an earlier start armed it).
    public static func arm(on connection: PostgresConnection, now: Date = Date()) throws {
        try connection.execute(
            """
            INSERT INTO timers (kind, key, due_at, fire_at, payload) VALUES ($1, $2, $3, $3, '{}')
            ON CONFLICT (kind, key) DO NOTHING
            """, [kind, key, now])
    }

    public func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
        let now = clock()
        let more = try purge(now: now, on: connection)
        try Timers.schedule(
            ScheduledTimer(kind: Self.kind, key: Self.key, dueAt: now.addingTimeInterval(more ? 1 : 3600)),
            on: connection, now: now)
        return []
    }

    /// Deletes one batch from each table; whether a batch was full (so more may be left).
    func purge(now: Date, on connection: PostgresConnection) throws -> Bool {
        let inboxCutoff = now.addingTimeInterval(-Double(policy.inboxDays) * 86_400)
        let statements = [
            PostgresStatement(
                """
                DELETE FROM inbox WHERE message_id IN (
                    SELECT message_id FROM inbox WHERE received_at < $1 LIMIT $2)
                """, [inboxCutoff, policy.batchSize]),
            PostgresStatement(
                """
                DELETE FROM delivery_attempts WHERE message_id IN (
                    SELECT message_id FROM delivery_attempts WHERE last_attempt_at < $1 LIMIT $2)
                """, [inboxCutoff, policy.batchSize]),
            PostgresStatement(
                """
                DELETE FROM rejected_messages WHERE id IN (SELECT id FROM rejected_messages WHERE received_at < $1 LIMIT $2)
                """, [now.addingTimeInterval(-Double(policy.rejectedDays) * 86_400), policy.batchSize]),
        ]
        return try connection.pipeline(statements).contains { $0.affectedRows >= policy.batchSize }
    }
}
