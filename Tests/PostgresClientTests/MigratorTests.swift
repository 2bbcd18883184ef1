import Foundation
import PostgresClient
import XCTest

final class MigratorTests: XCTestCase {
    func testMigrationsApplyOnceInOrder() async throws {
        let directories = try makeMigrations([
            "common": [
                "001_outbox.sql": "CREATE TABLE outbox (id bigserial PRIMARY KEY, body jsonb NOT NULL);",
                "002_inbox.sql": """
                    CREATE TABLE inbox (message_id uuid PRIMARY KEY);
                    CREATE INDEX inbox_id ON inbox (message_id);
                    """,
                "README.md": "not a migration",
            ],
            "intake": ["001_sheet.sql": "CREATE TABLE sheet (id uuid PRIMARY KEY, outbox_id bigint REFERENCES outbox);"],
        ])
        try await TestSchema.with { schema in
            let migrator = Migrator(schema: schema.name, directories: directories, logger: TestSchema.logger)
            let applied = try await migrator.migrate(on: schema.client)
            XCTAssertEqual(applied, ["common/001_outbox.sql", "common/002_inbox.sql", "intake/001_sheet.sql"])
            let secondRun = try await migrator.migrate(on: schema.client)
            XCTAssertEqual(secondRun, [], "a second run applies nothing")

            let recorded = try await schema.client.withConnection { connection in
                try connection.query("SELECT name FROM \(schema.name).schema_migrations ORDER BY applied_at, name")
                    .map { try $0.decode(String.self, column: "name") }
            }
            XCTAssertEqual(recorded, applied)
            let inSchema = try await schema.client.scalar(
                Int.self,
                "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename IN ('outbox', 'inbox', 'sheet')",
                [schema.name]
            )
            XCTAssertEqual(inSchema, 3, "unqualified names land in the service's schema")
        }
    }

    /// Two replicas starting together: the advisory lock makes one apply everything while the other
    /// waits and then finds nothing to do.
    func testConcurrentMigratorsApplyEachFileOnce() async throws {
        let directories = try makeMigrations([
            "service": [
                "001_slow.sql": "CREATE TABLE slow (id int); SELECT pg_sleep(0.5);",
                "002_next.sql": "CREATE TABLE next (id int);",
            ]
        ])
        try await TestSchema.with { schema in
            let first = schema.makeClient()
            let second = schema.makeClient()
            let migrator = Migrator(schema: schema.name, directories: directories, logger: TestSchema.logger)
            async let firstRun = migrator.migrate(on: first)
            async let secondRun = migrator.migrate(on: second)
            let runs = try await [firstRun, secondRun]
            await first.close()
            await second.close()
            XCTAssertEqual(runs.flatMap { $0 }.sorted(), ["service/001_slow.sql", "service/002_next.sql"])
            XCTAssertTrue(runs.contains([]), "one run found nothing to do: \(runs)")
        }
    }

    /// A failing file rolls back whole and is not recorded; the files before it stay applied, and the
    /// lock is released so a fixed file applies on the next run.
    func testFailingMigrationRollsBackAndIsNotRecorded() async throws {
        let directories = try makeMigrations([
            "service": [
                "001_good.sql": "CREATE TABLE good (id int);",
                "002_bad.sql": "CREATE TABLE half (id int); INSERT INTO missing_table VALUES (1);",
            ]
        ])
        try await TestSchema.with { schema in
            let migrator = Migrator(schema: schema.name, directories: directories, logger: TestSchema.logger)
            do {
                _ = try await migrator.migrate(on: schema.client)
                XCTFail("002_bad.sql fails")
            } catch let error as PostgresError {
                XCTAssertEqual(error.sqlState, "42P01")
            }
            let state = try await schema.client.withConnection { connection in
                let recorded = try connection.query("SELECT name FROM \(schema.name).schema_migrations")
                    .map { try $0.decode(String.self, at: 0) }
                let half = try connection.query("SELECT to_regclass($1)::text", ["\(schema.name).half"])[0]
                    .decode(String?.self, at: 0)
                return (recorded, half)
            }
            XCTAssertEqual(state.0, ["service/001_good.sql"])
            XCTAssertNil(state.1, "the failing file's first statement was rolled back")

            try "CREATE TABLE half (id int);".write(
                to: directories[0].appendingPathComponent("002_bad.sql"), atomically: true, encoding: .utf8)
            let other = schema.makeClient()
            let applied = try await migrator.migrate(on: other)
            await other.close()
            XCTAssertEqual(applied, ["service/002_bad.sql"])
        }
    }

    /// Writes `files` (directory name → file name → SQL) under a fresh temporary folder and returns the
    /// directories in name order.
    private func makeMigrations(_ files: [String: [String: String]]) throws -> [URL] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return try files.keys.sorted().map { directoryName in
            let directory = root.appendingPathComponent(directoryName)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, sql) in files[directoryName]! {
                try sql.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            return directory
        }
    }
}
