import Foundation
import Logging
@testable import Messaging
import PostgresClient
import TestSupport
import XCTest

/// Retention deletes old inbox rows and old refused bodies in batches on its own timer, and keeps
/// everything younger than the policy.
final class RetentionTests: XCTestCase {
    private let logger = Logger(label: "retention-test")

    func testOldRowsGoInBatchesAndTheTimerComesBackSoonerWhileMoreIsLeft() async throws {
        let stack = try LocalStack.fromEnvironment()
        let schema = try await ScratchSchema.create(on: stack, logger: logger)
        let now = Date()
        let policy = RetentionPolicy(inboxDays: 14, rejectedDays: 90, batchSize: 2)
        let handler = RetentionTimerHandler(policy: policy, clock: { now })
        try await schema.client.withConnection { connection in
            // Inbox: three rows 15 days old (go), two 13 days old (stay). Rejected: one 91 days old, one 89.
            for age in [15, 15, 15, 13, 13] {
                try connection.execute(
                    "INSERT INTO inbox (message_id, type, outcome, received_at) VALUES ($1, 't', 'handled', $2)",
                    [UUID(), now.addingTimeInterval(-Double(age) * 86_400)])
            }
            for age in [91, 89] {
                try connection.execute(
                    """
                    INSERT INTO rejected_messages (message_id, routing_key, errors, raw_body, received_at)
                    VALUES ($1, 't', '[]', 'x', $2)
                    """, [UUID(), now.addingTimeInterval(-Double(age) * 86_400)])
            }
            try RetentionTimerHandler.arm(on: connection, now: now)
            try RetentionTimerHandler.arm(on: connection, now: now.addingTimeInterval(99))
        }
        func fire() async throws -> Date {
            try await schema.client.transaction { connection in
                let due = try connection.query("DELETE FROM timers WHERE kind = $1 RETURNING id, due_at", [RetentionTimerHandler.kind])
                XCTAssertEqual(due.count, 1, "one retention timer, however often it is armed")
                let timer = DueTimer(
                    id: try due[0].decode(Int64.self, column: "id"), kind: RetentionTimerHandler.kind, key: "retention",
                    dueAt: try due[0].decode(Date.self, column: "due_at"), payload: PostgresJSON("{}"))
                _ = try handler.fire([timer], on: connection)
                return try connection.query("SELECT due_at FROM timers WHERE kind = $1", [RetentionTimerHandler.kind])[0].decode(Date.self, at: 0)
            }
        }
        let first = try await fire()
        XCTAssertEqual(first.timeIntervalSince(now), 1, accuracy: 0.01, "a full batch: again in a second")
        let inboxAfterFirst = try await schema.count("SELECT count(*) FROM inbox")
        XCTAssertEqual(inboxAfterFirst, 3)
        let second = try await fire()
        XCTAssertEqual(second.timeIntervalSince(now), 3600, accuracy: 0.01, "nothing more: again in an hour")
        let inbox = try await schema.count("SELECT count(*) FROM inbox")
        let rejected = try await schema.count("SELECT count(*) FROM rejected_messages")
        XCTAssertEqual(inbox, 2, "the rows younger than 14 days stay")
        XCTAssertEqual(rejected, 1, "the body younger than 90 days stays")
        await schema.client.close()
    }
}
