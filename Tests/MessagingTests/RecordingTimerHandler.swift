import Foundation
import Messaging
import PostgresClient
import Synchronization

/// A timer handler for tests: records each firing in `timer_effects` (in the firing transaction)
/// and emits `test.timer.fired`; throws for the keys in ``failing``.
final class RecordingTimerHandler: TimerHandler {
    static let migration = """
        CREATE TABLE timer_effects (
            seq bigserial PRIMARY KEY, kind text NOT NULL, key text NOT NULL, due_at timestamptz NOT NULL,
            fired_at timestamptz NOT NULL DEFAULT clock_timestamp())
        """

    struct Failure: Error, CustomStringConvertible {
        var description: String { "simulated handler failure" }
    }

    /// Keys whose firing throws.
    let failing = Mutex<Set<String>>([])
    /// The size of every batch fired (committed or not).
    let batchSizes = Mutex<[Int]>([])
    /// Timers the handler schedules as follow-ups when it fires the key.
    let followUps = Mutex<[String: ScheduledTimer]>([:])

    func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
        batchSizes.withLock { $0.append(timers.count) }
        let failing = self.failing.withLock { $0 }
        if timers.contains(where: { failing.contains($0.key) }) { throw Failure() }
        try connection.execute(
            "INSERT INTO timer_effects (kind, key, due_at) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])",
            [PostgresArray(timers.map(\.kind)), PostgresArray(timers.map(\.key)), PostgresArray(timers.map(\.dueAt))])
        let followUps = self.followUps.withLock { $0 }
        let next = timers.compactMap { followUps[$0.key] }
        if !next.isEmpty { try Timers.schedule(next, on: connection) }
        return try timers.map { try OutboxEvent(type: "test.timer.fired", payload: ["key": $0.key], producer: "timer-test") }
    }
}
