import Foundation
import Logging
import Messaging
@testable import PostgresClient
import TestSupport
import XCTest

/// `common/005_rejected_messages.sql` brings each service's own table of refused messages, as its
/// first migration made it, to the one shape the kit writes, keeping the rows.
final class RejectedMessagesMigrationTests: XCTestCase {
    private let logger = Logger(label: "rejected-migration-test")
    private static let migration = ScratchSchema.migrationsDirectory.appendingPathComponent("common/005_rejected_messages.sql")

    /// Creates `legacy` in an empty schema with one row inserted by `row`, applies the migration and
    /// returns the row as the kit reads it, and whether its body is the one kept.
    private func migrated(legacy: String, row: String, body: [UInt8]) async throws -> (RejectedMessageStore.Record?, RejectedMessageStore.Body?) {
        let stack = try LocalStack.fromEnvironment()
        let schema = try await ScratchSchema.create(on: stack, migrations: [], logger: logger)
        let id = UUID()
        let sql = try String(contentsOf: Self.migration, encoding: .utf8)
        let result = try await schema.client.withConnection { connection in
            try connection.executeScript(legacy)
            try connection.execute(row, [id, body])
            try connection.executeScript(sql)
            return (try RejectedMessageStore.record(id, on: connection), try RejectedMessageStore.body(id, on: connection))
        }
        await schema.client.close()
        return result
    }

    func testIntakesRejectedSheetsBecomeRejectedMessagesWithTheSheetIdAsSubject() async throws {
        let (record, body) = try await migrated(
            legacy: """
                CREATE TABLE rejected_sheets (id bigserial PRIMARY KEY, message_id uuid NOT NULL, routing_key text NOT NULL,
                    sheet_id text, errors jsonb NOT NULL, raw_body bytea NOT NULL, received_at timestamptz NOT NULL);
                CREATE INDEX rejected_sheets_by_time ON rejected_sheets (received_at);
                """,
            row: "INSERT INTO rejected_sheets (message_id, routing_key, sheet_id, errors, raw_body, received_at) VALUES ($1, 'sheet.submitted', 'sheet-1', '[]', $2, now())",
            body: Array("{}".utf8))
        XCTAssertEqual(record?.subject, "sheet-1")
        XCTAssertEqual(record?.routingKey, "sheet.submitted")
        XCTAssertEqual(record?.bodySealed, false)
        XCTAssertEqual(body, .plain(Array("{}".utf8)))
    }

    func testMatchingsSealedBodiesStaySealedWithTheirKey() async throws {
        let (record, body) = try await migrated(
            legacy: """
                CREATE TABLE rejected_messages (id bigserial PRIMARY KEY, message_id uuid NOT NULL, routing_key text NOT NULL,
                    subject text, errors jsonb NOT NULL, raw_body_sealed bytea NOT NULL, key_id char(8) NOT NULL,
                    received_at timestamptz NOT NULL);
                """,
            row: "INSERT INTO rejected_messages (message_id, routing_key, subject, errors, raw_body_sealed, key_id, received_at) VALUES ($1, 'candidate.profiled', 'c-1', '[]', $2, 'abcd1234', now())",
            body: [1, 2, 3])
        XCTAssertEqual(record?.subject, "c-1")
        XCTAssertEqual(record?.bodySealed, true)
        XCTAssertEqual(body, .sealed(SealedBody(bytes: [1, 2, 3], keyID: "abcd1234")))
    }

    func testFollowupsRowsGainASubjectAndBillingsContractIdBecomesIt() async throws {
        let (followup, _) = try await migrated(
            legacy: """
                CREATE TABLE rejected_messages (id bigserial PRIMARY KEY, message_id uuid NOT NULL, routing_key text NOT NULL,
                    errors jsonb NOT NULL, raw_body bytea NOT NULL, received_at timestamptz NOT NULL);
                """,
            row: "INSERT INTO rejected_messages (message_id, routing_key, errors, raw_body, received_at) VALUES ($1, 'company.contacted', '[]', $2, now())",
            body: [1])
        XCTAssertNotNil(followup)
        XCTAssertNil(followup?.subject)
        let (billing, body) = try await migrated(
            legacy: """
                CREATE TABLE rejected_messages (id bigserial PRIMARY KEY, message_id uuid NOT NULL, routing_key text NOT NULL,
                    contract_id text, errors jsonb NOT NULL, raw_body bytea NOT NULL, received_at timestamptz NOT NULL);
                CREATE INDEX rejected_messages_by_time ON rejected_messages (received_at);
                """,
            row: "INSERT INTO rejected_messages (message_id, routing_key, contract_id, errors, raw_body, received_at) VALUES ($1, 'contract.registered', 'k-1', '[]', $2, now())",
            body: [2])
        XCTAssertEqual(billing?.subject, "k-1")
        XCTAssertEqual(body, .plain([2]))
    }

    /// A body is kept as received or sealed, never both or neither.
    func testARowHoldsExactlyOneBody() async throws {
        let stack = try LocalStack.fromEnvironment()
        let schema = try await ScratchSchema.create(on: stack, logger: logger)
        for (plain, sealed) in [(nil, nil), ("x", "y")] as [(String?, String?)] {
            do {
                try await schema.client.withConnection { connection in
                    try connection.execute(
                        """
                        INSERT INTO rejected_messages (message_id, routing_key, errors, raw_body, raw_body_sealed, key_id, received_at)
                        VALUES ($1, 't', '[]', $2::bytea, $3::bytea, CASE WHEN $3::bytea IS NULL THEN NULL ELSE 'abcd1234' END, now())
                        """, [UUID(), plain, sealed])
                }
                XCTFail("a row with plain \(plain ?? "-") and sealed \(sealed ?? "-") was accepted")
            } catch let error as PostgresError {
                XCTAssertEqual(error.sqlState, "23514", "\(error)")
            }
        }
        await schema.client.close()
    }
}
